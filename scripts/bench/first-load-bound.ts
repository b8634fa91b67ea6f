import pg from 'pg';
import { loadCalendar } from '../../src/lib/server/case-clock/calendar.repository';
import {
  computeClocksFromSource,
  firstLoadClockQuery,
  writeFirstLoadClocks
} from '../../src/lib/server/case-clock/first-load-clocks';
import { deferIndexesAndForeignKeys, type Deferred } from '../../src/lib/server/sync/bulk-load';
import { pipeCopy } from '../../src/lib/server/sync/copy';
import {
  copyIntoTable,
  DIRECT_LOAD,
  directSourceQuery,
  DISTRICT_REGION
} from '../../src/lib/server/sync/direct-load';
import { readProductColumnTypes } from '../../src/lib/server/sync/load-direct';
import { RELATIONS_IN_ORDER, type RelationSpec } from '../../src/lib/server/sync/relations';

// The least a first load of the product must do, done as fast as this machine allows
// (issue 4's ratio; docs/benchmarks.md, "What two cores allow"): every row COPYed in the
// binary format straight into its empty table, the keys and indexes built afterwards, the
// clocks computed from the source and COPYed into case_clock — each large relation and
// the clocks on connections of their own, all at the same time, over one exported
// snapshot of the source. Left out is everything the sync adds to be correct: the checks
// and the quarantine, and the single product transaction (here each part commits on its
// own). No schedule of the sync's work can therefore beat this time on the same machine;
// the product's own functions do each part, so it does the same work as the sync.

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Loads every relation and the clocks into an empty, migrated product database; returns the source rows read. */
export async function firstLoadBound(
  readerUrl: string,
  productUrl: string,
  schema: string,
  evaluationDate: string
): Promise<number> {
  const clients: pg.Client[] = [];
  const open = async (url: string) => {
    const client = await connect(url);
    clients.push(client);
    return client;
  };
  try {
    const main = await open(readerUrl);
    await main.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await main.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
    const inSnapshot = async () => {
      const source = await open(readerUrl);
      await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await source.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      return source;
    };
    const product = await open(productUrl);
    let rows = 0;
    // The reference data first (a few hundred rows): the large relations need the district's region.
    for (const spec of RELATIONS_IN_ORDER.filter((s) => !DIRECT_LOAD.has(s.relation))) {
      rows += await copyRelation(main, product, spec, schema, null);
    }
    const district =
      (await product.query<{ region_code: string }>(DISTRICT_REGION)).rows[0]?.region_code ?? null;
    const loaded = new Map<string, Promise<number>>();
    for (const spec of RELATIONS_IN_ORDER.filter((s) => DIRECT_LOAD.has(s.relation))) {
      const load = async () => {
        const [source, into] = [await inSnapshot(), await open(productUrl)];
        const deferred = await deferIndexesAndForeignKeys(into, spec.relation, true);
        const copied = await copyRelation(source, into, spec, schema, district);
        await restore(into, deferred);
        await into.query(`ANALYZE ${spec.relation}`);
        return copied;
      };
      loaded.set(spec.relation, load());
    }
    const clocks = (async () => {
      const [source, into] = [await inSnapshot(), await open(productUrl)];
      const query = await firstLoadClockQuery(into, schema, [], []);
      if (!query) return;
      const computed = await computeClocksFromSource(source, query, evaluationDate, await loadCalendar(into));
      const deferred = await deferIndexesAndForeignKeys(into, 'case_clock');
      await writeFirstLoadClocks(into, computed, Number.POSITIVE_INFINITY);
      await loaded.get('cases'); // the foreign key needs the cases and their primary key
      await restore(into, deferred);
    })();
    for (const part of [...loaded.values(), clocks]) part.catch(() => {}); // all awaited below
    for (const copied of await Promise.all(loaded.values())) rows += copied;
    await clocks;
    return rows;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
  }
}

async function copyRelation(
  source: pg.ClientBase,
  product: pg.ClientBase,
  spec: RelationSpec,
  schema: string,
  district: string | null
): Promise<number> {
  const types = await readProductColumnTypes(product, spec.relation);
  const query = directSourceQuery(spec, schema, null, [], district, types);
  return pipeCopy(source, query, product, copyIntoTable(spec), { binary: true });
}

/** Rebuilds what deferIndexesAndForeignKeys dropped, in a transaction of its own (for its SET LOCAL). */
async function restore(product: pg.ClientBase, deferred: Deferred): Promise<void> {
  await product.query('BEGIN');
  await deferred.restore();
  await product.query('COMMIT');
}
