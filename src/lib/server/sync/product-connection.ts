import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import '../db/connect'; // installs the type parser that keeps `date` as 'YYYY-MM-DD'
import type { Database } from '../db/database';

// Single connections for the sync and the recomputations: COPY needs a raw pg client, and
// a pass is one transaction on one connection.

/** A connected client; its unexpected errors (a killed backend) are logged, not thrown at the process. */
export async function connectClient(url: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000
  });
  client.on('error', (error) => console.error(`[${applicationName}] connection lost: ${error.message}`));
  await client.connect();
  // Unambiguous text for COPY between servers whatever their defaults.
  await client.query(`SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'`);
  return client;
}

/** Closes a client; one whose connection is already broken is simply dropped. */
export async function closeClient(client: pg.Client | undefined): Promise<void> {
  if (!client) return;
  await Promise.race([client.end(), new Promise((resolve) => setTimeout(resolve, 5_000))]).catch(() => {});
}

/**
 * Serialises everything that writes derived state (a sync pass, the daily refresh, a
 * recomputation after a calendar change): taken inside the transaction, released at its end.
 */
export async function lockDerivedState(client: pg.ClientBase): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('oversight-derived-state', 0))`);
}

/**
 * Runs `fn` in one transaction on a new connection to the product database: committed
 * when it resolves, rolled back when it throws (or the connection breaks).
 */
export async function withProductTransaction<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
  applicationName = 'oversight-derived'
): Promise<T> {
  const client = await connectClient(url, applicationName);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await closeClient(client);
  }
}

/**
 * A Kysely over one client (and so inside its transaction), e.g. to edit the calendar and
 * recompute the deadlines it moves in the same transaction. Destroying it leaves the client open.
 */
export function kyselyOnClient(client: pg.ClientBase): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({
          query: client.query.bind(client) as pg.PoolClient['query'],
          release: () => {}
        }),
        end: async () => {}
      }
    })
  });
}
