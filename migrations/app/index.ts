import type { Migration } from 'kysely';
import * as m20261125000000 from './20261125000000_job_runs';
import * as m20261125010000 from './20261125010000_security';
import * as m20261125020000 from './20261125020000_synced_source';
import * as m20261125020100 from './20261125020100_calendar';
import * as m20261125020200 from './20261125020200_case_clock';
import * as m20261125030000 from './20261125030000_kpi_rollups';
import * as m20261125040000 from './20261125040000_case_audits';
import * as m20261125050000 from './20261125050000_case_reviews';
import * as m20261125055000 from './20261125055000_kpi_flags_delta';
import * as m20261125060000 from './20261125060000_rectification';
import * as m20261126010000 from './20261126010000_accountability';
import * as m20261126020000 from './20261126020000_draw_voids';
import * as m20261126030000 from './20261126030000_reminders';
import * as m20261126040000 from './20261126040000_appraisal';
import * as m20261126050000 from './20261126050000_rating_marks';
import * as m20261126060000 from './20261126060000_evaluation';
import * as m20261126070000 from './20261126070000_bulletins';
import * as m20261126090000 from './20261126090000_accountability_basis_key_share';
import * as m20261126110000 from './20261126110000_appraisal_auto_close';
import * as m20261127010000 from './20261127010000_kpi_case_moved_by_hash';
import * as m20261128010000 from './20261128010000_accountability_level_names_unique';

// Static list (not a directory scan) so that the same code runs under tsx, vitest and
// the built server. tests/unit/migration-index.test.ts fails when a file is missing here.
export const appMigrations: Record<string, Migration> = {
  '20261125000000_job_runs': m20261125000000,
  '20261125010000_security': m20261125010000,
  '20261125020000_synced_source': m20261125020000,
  '20261125020100_calendar': m20261125020100,
  '20261125020200_case_clock': m20261125020200,
  '20261125030000_kpi_rollups': m20261125030000,
  '20261125040000_case_audits': m20261125040000,
  '20261125050000_case_reviews': m20261125050000,
  '20261125055000_kpi_flags_delta': m20261125055000,
  '20261125060000_rectification': m20261125060000,
  '20261126010000_accountability': m20261126010000,
  '20261126020000_draw_voids': m20261126020000,
  '20261126030000_reminders': m20261126030000,
  '20261126040000_appraisal': m20261126040000,
  '20261126050000_rating_marks': m20261126050000,
  '20261126060000_evaluation': m20261126060000,
  '20261126070000_bulletins': m20261126070000,
  '20261126090000_accountability_basis_key_share': m20261126090000,
  '20261126110000_appraisal_auto_close': m20261126110000,
  '20261127010000_kpi_case_moved_by_hash': m20261127010000,
  '20261128010000_accountability_level_names_unique': m20261128010000
};
