import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { appMigrations } from '../../../../migrations/app/index';
import { demoSourceMigrations } from '../../../../migrations/demo-source/index';

// Both migration sets are static maps (see migrations/*/index.ts), so this runs the same
// under tsx, vitest and the built server. Each set has its own bookkeeping table: the
// demo source's set is never run against a real approval database.

function migratorFor(db: Kysely<any>, migrations: Record<string, Migration>, table: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: `${table}`,
    migrationLockTableName: `${table}_lock`
  });
}

function unwrap(result: MigrationResultSet, what: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`${what}: migration ${failed ?? '?'} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies the product's migrations; returns the names applied now. */
export async function migrateProduct(db: Kysely<any>): Promise<string[]> {
  return unwrap(
    await migratorFor(db, appMigrations, 'kysely_migration').migrateToLatest(),
    'product database'
  );
}

/** Applies the product's migrations up to and including `name` (restoring an older backup). */
export async function migrateProductTo(db: Kysely<any>, name: string): Promise<string[]> {
  return unwrap(await migratorFor(db, appMigrations, 'kysely_migration').migrateTo(name), 'product database');
}

/** Creates the source contract's relations as tables (demo and tests only). */
export async function migrateDemoSource(db: Kysely<any>): Promise<string[]> {
  return unwrap(
    await migratorFor(db, demoSourceMigrations, 'demo_source_migration').migrateToLatest(),
    'demo source database'
  );
}

export async function rollbackProductOnce(db: Kysely<any>): Promise<string[]> {
  return unwrap(await migratorFor(db, appMigrations, 'kysely_migration').migrateDown(), 'product database');
}
