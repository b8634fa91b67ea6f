import type { ColumnType } from 'kysely';
import type {
  SourceCase,
  SourceCaseEvent,
  SourceComplaint,
  SourceDepartment,
  SourceMatter,
  SourceRating,
  SourceSection,
  SourceServicePoint,
  SourceStaff,
  SourceWindow
} from '../source/source-tables';

// Kysely types of the product's copies of the source relations (migration
// 20261125020000_synced_source): the contract's columns, plus synced_at, plus region_code
// on events, ratings and complaints (cases have it already). Written only by the sync.

type SyncedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Synced<T> = T & { synced_at: SyncedAt };
type Regional<T> = Synced<T> & { region_code: string };

export type SyncedDepartmentTable = Synced<SourceDepartment>;
export type SyncedSectionTable = Synced<SourceSection>;
export type SyncedServicePointTable = Synced<SourceServicePoint>;
export type SyncedWindowTable = Synced<SourceWindow>;
export type SyncedStaffTable = Synced<SourceStaff>;
export type SyncedMatterTable = Synced<SourceMatter>;
export type SyncedCaseTable = Synced<SourceCase>;
export type SyncedCaseEventTable = Regional<SourceCaseEvent>;
export type SyncedRatingTable = Regional<SourceRating>;
export type SyncedComplaintTable = Regional<SourceComplaint>;
