import type pg from 'pg';
import { pipeCopy } from '../../src/lib/server/sync/copy';
import { copyIntoTable, directSourceQuery } from '../../src/lib/server/sync/direct-load';
import { readProductColumnTypes } from '../../src/lib/server/sync/load-direct';
import { RELATIONS_IN_ORDER, type RelationSpec } from '../../src/lib/server/sync/relations';
import { ident } from '../../src/lib/server/sync/sql-text';
import { sourceColumns, sourceQuery } from '../../src/lib/server/sync/statements';
import { withClient } from './bench-world';

// The reference of the sync benchmarks: the rows a pass reads, COPYed as they are (text
// format, through the read-only role) into plain, logged, unindexed tables of the product
// database, in one transaction. No check, no index, no derived data.

/**
 * COPYs every relation (or, with `since`, the rows updated since each relation's time, as
 * a pass reads them) into raw_* tables; returns the rows copied. The tables are kept until
 * dropRawTables.
 */
export function rawCopy(
  readerUrl: string,
  productUrl: string,
  schema: string,
  since: ReadonlyMap<string, string | null> = new Map()
): Promise<number> {
  return copyEveryRelation(readerUrl, productUrl, async (spec, table, source, product) => {
    const columns = [...spec.columns, { name: 'updated_at', type: 'timestamptz' }];
    await product.query(
      `CREATE TABLE ${table} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`
    );
    return pipeCopy(
      source,
      sourceQuery(spec, schema, since.get(spec.relation) ?? null, []),
      product,
      `COPY ${table} (${sourceColumns(spec).map(ident).join(', ')}) FROM STDIN`
    );
  });
}

/**
 * A second reference (docs/benchmarks.md, "Sync", fourth round): the rows as the product
 * holds them (its columns, the derived region codes) COPYed, in text, into raw_* tables
 * made LIKE the product's, with the same keys and indexes, in one transaction. Still no
 * check, no quarantine and no derived data.
 */
export function rawCopyShaped(readerUrl: string, productUrl: string, schema: string): Promise<number> {
  return copyEveryRelation(readerUrl, productUrl, async (spec, table, source, product) => {
    await product.query(`CREATE TABLE ${table} (LIKE ${ident(spec.relation)} INCLUDING ALL)`);
    const types = await readProductColumnTypes(product, table);
    const query = directSourceQuery(spec, schema, null, [], null, types);
    return pipeCopy(source, query, product, copyIntoTable(spec, table));
  });
}

/** Each relation into its raw_* table by `copyOne`, over one source snapshot and one product transaction. */
function copyEveryRelation(
  readerUrl: string,
  productUrl: string,
  copyOne: (spec: RelationSpec, table: string, source: pg.Client, product: pg.Client) => Promise<number>
): Promise<number> {
  return withClient(readerUrl, (source) =>
    withClient(productUrl, async (product) => {
      let rows = 0;
      await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await product.query('BEGIN');
      for (const spec of RELATIONS_IN_ORDER)
        rows += await copyOne(spec, `raw_${spec.relation}`, source, product);
      await product.query('COMMIT');
      await source.query('COMMIT');
      return rows;
    })
  );
}

export async function dropRawTables(productUrl: string): Promise<void> {
  await withClient(productUrl, async (product) => {
    for (const spec of RELATIONS_IN_ORDER) await product.query(`DROP TABLE IF EXISTS raw_${spec.relation}`);
  });
}
