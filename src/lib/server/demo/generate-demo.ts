import { availableParallelism } from 'node:os';
import pg from 'pg';
import { dropIndexes } from './bulk-indexes';
import { CopyBuffer } from './copy-buffer';
import {
  CASE_COLUMNS,
  COMPLAINT_COLUMNS,
  EVENT_COLUMNS,
  formatCase,
  RATING_COLUMNS,
  type CaseBuffers,
  type IdCounters
} from './copy-format';
import { CopyWriter, ident } from './copy-writer';
import { dayStartMs } from './demo-calendar';
import { createDemoPlan, generateDay, type DemoPlanOptions } from './demo-plan';
import { writeReferenceData } from './reference-writer';

export { DEFAULT_DEMO_SEED } from './demo-plan';

// Fills the demo approval database: reference data, then months of cases day by day,
// streamed with COPY over four connections (cases, events, ratings, complaints) so that
// PostgreSQL ingests while the generator builds the next rows. Each connection truncates
// its tables, drops their indexes, loads and re-indexes in its own transaction; all four
// commit only when every stream has finished, so a failed run leaves the old content.

/** Same seed, scale, months and now: the same rows. */
export interface GenerateOptions extends DemoPlanOptions {
  schema?: string;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: 'cases' | 'indexes';
  daysDone: number;
  daysTotal: number;
  date: string;
  cases: number;
  events: number;
  elapsedMs: number;
}

export interface DemoCounts {
  departments: number;
  sections: number;
  servicePoints: number;
  windows: number;
  staff: number;
  matters: number;
  cases: number;
  events: number;
  ratings: number;
  complaints: number;
  seconds: number;
}

const FLUSH_BYTES = 1 << 20;
const REFERENCE_TABLES = ['departments', 'sections', 'service_points', 'windows', 'staff', 'matters'];

export async function generateDemoSource(
  target: string | pg.Pool,
  options: GenerateOptions = {}
): Promise<DemoCounts> {
  const started = Date.now();
  const schema = options.schema ?? 'approval';
  const plan = createDemoPlan(options);
  const { startDay, nowDay, world } = plan;
  const { calendar, reference } = world;
  const daysTotal = nowDay - startDay + 1;
  const progress = (phase: GenerateProgress['phase'], day: number, cases: number, events: number) =>
    options.onProgress?.({
      phase,
      daysDone: day - startDay + 1,
      daysTotal,
      date: calendar.date(day),
      cases,
      events,
      elapsedMs: Date.now() - started
    });

  if (typeof target !== 'string' && (target.options.max ?? 10) < 4) {
    throw new Error('generateDemoSource needs a pool of at least 4 connections (one per streamed table)');
  }
  const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 4 }) : target;
  if (typeof target === 'string') pool.on('error', () => {});
  const clients: pg.PoolClient[] = [];
  let failed = false;
  try {
    for (let i = 0; i < 4; i++) clients.push(await pool.connect());
    const connections: [pg.PoolClient, string[], string][] = [
      [clients[0], [...REFERENCE_TABLES, 'cases'], 'cases'],
      [clients[1], ['case_events'], 'case_events'],
      [clients[2], ['ratings'], 'ratings'],
      [clients[3], ['complaints'], 'complaints']
    ];
    const reindex: string[][] = [];
    for (const [client, tables, bulkTable] of connections) {
      await client.query('BEGIN');
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      // Demo data can be generated again: no need to wait for the WAL flush at commit.
      await client.query('SET LOCAL synchronous_commit = off');
      // Four connections already build indexes side by side: on a small machine parallel
      // workers only fight them for the same cores.
      if (availableParallelism() <= 4) await client.query('SET LOCAL max_parallel_maintenance_workers = 0');
      await client.query(`TRUNCATE ${tables.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')}`);
      reindex.push(await dropIndexes(client, schema, [bulkTable]));
    }
    await writeReferenceData(clients[0], schema, reference, dayStartMs(startDay) + 8 * 3_600_000);

    const writers = [
      new CopyWriter(clients[0], schema, 'cases', CASE_COLUMNS, true),
      new CopyWriter(clients[1], schema, 'case_events', EVENT_COLUMNS, true),
      new CopyWriter(clients[2], schema, 'ratings', RATING_COLUMNS, true),
      new CopyWriter(clients[3], schema, 'complaints', COMPLAINT_COLUMNS, true)
    ];
    const out: CaseBuffers = {
      cases: new CopyBuffer(),
      events: new CopyBuffer(),
      ratings: new CopyBuffer(),
      complaints: new CopyBuffer()
    };
    const buffers = [out.cases, out.events, out.ratings, out.complaints];
    const flush = async (all: boolean) => {
      for (let i = 0; i < 4; i++) {
        if (all || buffers[i].length >= FLUSH_BYTES) await writers[i].write(buffers[i].take());
      }
    };

    const ids: IdCounters = { event: 0, rating: 0, complaint: 0 };
    let caseId = 0;
    for (let day = startDay; day <= nowDay; day++) {
      for (const c of generateDay(plan, day, caseId + 1)) {
        formatCase(c, reference.regionCode, ids, out);
        caseId = c.id;
        if (out.events.length >= FLUSH_BYTES || out.cases.length >= FLUSH_BYTES) await flush(false);
      }
      progress('cases', day, caseId, ids.event);
    }
    await flush(true);
    await Promise.all(writers.map((w) => w.end()));
    progress('indexes', nowDay, caseId, ids.event);
    // Each connection rebuilds and analyses its own tables; the commits come last.
    await Promise.all(
      connections.map(async ([client, tables], i) => {
        for (const statement of reindex[i]) await client.query(statement);
        await client.query(`ANALYZE ${tables.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')}`);
      })
    );
    for (const client of clients) await client.query('COMMIT');
    return {
      departments: reference.departments.length,
      sections: reference.sections.length,
      servicePoints: reference.servicePoints.length,
      windows: reference.windows.length,
      staff: reference.staff.length,
      matters: reference.matters.length,
      cases: caseId,
      events: ids.event,
      ratings: ids.rating,
      complaints: ids.complaint,
      seconds: (Date.now() - started) / 1000
    };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // After a failure a connection may be mid-COPY: destroy it (its transaction rolls back).
    for (const client of clients) client.release(failed);
    if (typeof target === 'string') await pool.end();
  }
}

/** Whether the source already holds cases (the demo command refuses to overwrite them). */
export async function sourceHasRows(url: string, schema = 'approval'): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query('SELECT to_regclass($1) AS t', [`${ident(schema)}.cases`]);
    if (!exists.rows[0].t) return false;
    const rows = await client.query(`SELECT EXISTS (SELECT 1 FROM ${ident(schema)}.cases) AS has`);
    return rows.rows[0].has as boolean;
  } finally {
    await client.end();
  }
}
