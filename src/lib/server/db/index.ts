import type { Kysely } from 'kysely';
import { readConfig } from '../config';
import type { SourceDatabase } from '../source/source-tables';
import { createKysely } from './connect';
import type { Database } from './database';

// Process-wide connections for the web server and the scheduler, opened on first use
// from the environment (which `npm start` fills in when it starts the embedded server).
// The built web app and the scheduler load separate copies of this module in one
// process; a registry on globalThis makes them share one pool per database, which
// `closeDatabases` (called on shutdown) then closes.

interface Registry {
  product?: Kysely<Database>;
  source?: Kysely<SourceDatabase>;
}

const registry: Registry = ((globalThis as Record<symbol, Registry>)[Symbol.for('oversight.databases')] ??=
  {});

export function getDb(): Kysely<Database> {
  registry.product ??= createKysely<Database>(readConfig().databaseUrl, { applicationName: 'oversight' });
  return registry.product;
}

/** The approval database through the read-only role, already scoped to SOURCE_SCHEMA. */
export function getSource(): Kysely<SourceDatabase> {
  if (!registry.source) {
    const config = readConfig();
    registry.source = createKysely<SourceDatabase>(config.sourceDatabaseUrl, {
      max: 4,
      applicationName: 'oversight-source-reader'
    }).withSchema(config.sourceSchema);
  }
  return registry.source;
}

export async function closeDatabases(): Promise<void> {
  const closing = [registry.product?.destroy(), registry.source?.destroy()];
  registry.product = undefined;
  registry.source = undefined;
  await Promise.all(closing);
}
