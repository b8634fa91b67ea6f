import type { Migration } from 'kysely';
import * as m20261125000000 from './20261125000000_approval_relations';

// Static list (not a directory scan) so that the same code runs under tsx, vitest and
// the built server. tests/unit/migration-index.test.ts fails when a file is missing here.
export const demoSourceMigrations: Record<string, Migration> = {
  '20261125000000_approval_relations': m20261125000000
};
