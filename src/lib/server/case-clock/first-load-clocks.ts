import type pg from 'pg';
import type { CalendarOverrides } from '../calendar/working-days';
import { computeClock } from '../clock/deadlines';
import { calendarIndex } from '../clock/day-index';
import { deferIndexesAndForeignKeys } from '../sync/bulk-load';
import { readCopyLines, writeCopyLines } from '../sync/copy';
import { ident, idArrayLiteral, literal } from '../sync/sql-text';
import {
  CASE_COLUMNS,
  CLOCK_COLUMNS,
  CLOCK_EVENTS,
  EVENT_TEXT,
  formatClockLine,
  parseClockLine
} from './clock-rows';

// The clocks of a first load (docs/rules/sync.md, "First load"). The product has just been
// filled from one snapshot of the source, so its cases and events are the source's minus
// the rows it quarantined: the clock input is read from that same snapshot, in the same
// format as from the product (clockInputQuery), with the product's matters and warning
// settings handed to the source as VALUES lists. That lets the source build the input and
// Node compute the clocks while the product rebuilds the indexes of the loaded tables;
// the results are COPYed into the empty case_clock afterwards. Same rows as the
// recomputation from the product (tests/db/sync-first-load.test.ts).

/** A VALUES list as a derived table; an empty one when there are no rows. */
function valuesTable(alias: string, columns: string[], types: string[], rows: string[][]): string {
  if (rows.length === 0) {
    const nulls = types.map((t, i) => `NULL::${t} AS ${columns[i]}`).join(', ');
    return `(SELECT ${nulls} WHERE false) ${alias}`;
  }
  const values = rows.map((row) => `(${row.map((v, i) => `${v}::${types[i]}`).join(', ')})`).join(',\n');
  return `(VALUES ${values}) ${alias} (${columns.join(', ')})`;
}

const sqlValue = (value: string | number | null) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : literal(value);

/**
 * The source query of the first load's clock input, or null when the product has no
 * matters (then no case passed the checks). `excludedCases` / `excludedEvents`: the ids
 * the pass quarantined, which the product does not hold.
 */
export async function firstLoadClockQuery(
  product: pg.ClientBase,
  schema: string,
  excludedCases: readonly string[],
  excludedEvents: readonly string[]
): Promise<string | null> {
  const matters = await product.query<{ id: number; kind: string; p: number; s: number }>(
    `SELECT id, kind, promised_days AS p, statutory_days AS s FROM matters ORDER BY id`
  );
  if (matters.rows.length === 0) return null;
  const settings = await product.query<{ id: number; ratio: string; days: number }>(
    `SELECT matter_id AS id, yellow_ratio::text AS ratio, yellow_days AS days FROM matter_settings ORDER BY matter_id`
  );
  const m = valuesTable(
    'm',
    ['id', 'kind', 'promised_days', 'statutory_days'],
    ['integer', 'text', 'integer', 'integer'],
    matters.rows.map((r) => [r.id, r.kind, r.p, r.s].map(sqlValue))
  );
  const ms = valuesTable(
    'ms',
    ['matter_id', 'yellow_ratio', 'yellow_days'],
    ['integer', 'text', 'integer'],
    settings.rows.map((r) => [r.id, r.ratio, r.days].map(sqlValue))
  );
  const source = (table: string) => `${ident(schema)}.${ident(table)}`;
  const notIn = (column: string, ids: readonly string[]) =>
    ids.length ? ` AND NOT (${column} = ANY (${idArrayLiteral(ids)}))` : '';
  return `
    SELECT ${CASE_COLUMNS}, ev.events
    FROM ${source('cases')} c
    JOIN ${m} ON m.id = c.matter_id
    LEFT JOIN ${ms} ON ms.matter_id = c.matter_id
    LEFT JOIN (
      SELECT e.case_id, string_agg(${EVENT_TEXT}, ';' ORDER BY e.occurred_at, e.id) AS events
      FROM ${source('case_events')} e WHERE ${CLOCK_EVENTS}${notIn('e.id', excludedEvents)} GROUP BY e.case_id
    ) ev ON ev.case_id = c.id
    WHERE true${notIn('c.id', excludedCases)}`;
}

export interface ComputedClocks {
  /** COPY text of case_clock, many lines per string. */
  chunks: string[];
  cases: number;
}

/** Reads the input (firstLoadClockQuery) on the source and computes every clock. */
export async function computeClocksFromSource(
  source: pg.ClientBase,
  query: string,
  evaluationDate: string,
  calendar: CalendarOverrides
): Promise<ComputedClocks> {
  const index = calendarIndex(calendar);
  const chunks: string[] = [];
  let lines: string[] = [];
  const cases = await readCopyLines(source, query, (line) => {
    const row = parseClockLine(line);
    lines.push(formatClockLine(row, computeClock(row.input, index, evaluationDate, { trace: false }), index));
    if (lines.length === 2_000) {
      chunks.push(lines.join(''));
      lines = [];
    }
  });
  if (lines.length) chunks.push(lines.join(''));
  return { chunks, cases };
}

/** COPYs computed clocks into the empty case_clock (its indexes and foreign key rebuilt after, from `bulkThreshold` cases). */
export async function writeFirstLoadClocks(
  product: pg.ClientBase,
  clocks: ComputedClocks,
  bulkThreshold: number
): Promise<number> {
  const deferred =
    clocks.cases >= bulkThreshold ? await deferIndexesAndForeignKeys(product, 'case_clock') : undefined;
  const written = await writeCopyLines(
    product,
    `COPY case_clock (${CLOCK_COLUMNS.map(ident).join(', ')}) FROM STDIN`,
    clocks.chunks
  );
  await deferred?.restore();
  return written;
}
