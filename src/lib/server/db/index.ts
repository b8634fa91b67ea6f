import type { Kysely } from 'kysely';
import { readConfig } from '../config';
import type { SourceDatabase } from '../source/source-tables';
import { createKysely } from './connect';
import type { Database } from './database';

// Process-wide connections for the web server and the scheduler, opened on first use
// from the environment (which `npm start` fills in when it starts the embedded server).

let product: Kysely<Database> | undefined;
let source: Kysely<SourceDatabase> | undefined;

export function getDb(): Kysely<Database> {
  product ??= createKysely<Database>(readConfig().databaseUrl, { applicationName: 'oversight-web' });
  return product;
}

/** The approval database through the read-only role, already scoped to SOURCE_SCHEMA. */
export function getSource(): Kysely<SourceDatabase> {
  if (!source) {
    const config = readConfig();
    source = createKysely<SourceDatabase>(config.sourceDatabaseUrl, {
      max: 4,
      applicationName: 'oversight-source-reader'
    }).withSchema(config.sourceSchema);
  }
  return source;
}

export async function closeDatabases(): Promise<void> {
  const closing = [product?.destroy(), source?.destroy()];
  product = undefined;
  source = undefined;
  await Promise.all(closing);
}
