import type { SourceRelation } from '../source/source-tables';
import { caseJoin, caseKnown, hasRegion, known, type RelationSpec, type RowCheck } from './relations';
import { ident, idArrayLiteral, literal } from './sql-text';
import { productColumns, sourceFilter } from './statements';

// The SQL of a first load straight into an empty product table (docs/rules/sync.md, "First
// load"): the source hands over the product's columns, region codes included, derived in
// the same snapshot from the source's own rows; the checks then run on the loaded table
// without joins, and the bad rows are deleted from it.

/** Relations a first load may COPY straight into their empty table. */
export const DIRECT_LOAD: ReadonlySet<SourceRelation> = new Set([
  'cases',
  'case_events',
  'ratings',
  'complaints'
]);

/**
 * Ratings and complaints take their region from references (their case, else their window's
 * service point, else their staff member's window's): derived on the source, they equal the
 * product's only when the referenced rows are the product's, i.e. on a first load with no
 * reference row held back in quarantine (see feedbackRegionIsSafe in load-direct.ts).
 */
export const REGION_FROM_REFERENCES: ReadonlySet<SourceRelation> = new Set(['ratings', 'complaints']);

/**
 * What the source is asked for: the product's columns. An event comes with its case's
 * region code; a rating or complaint with its case's, else that of its window's service
 * point, else that of its staff member's window's service point, else `districtRegion`
 * (the bureau's own, read from the product). '' when there is none: the event is then
 * quarantined as of an unknown case, the rating or complaint for want of a region.
 */
export function directSourceQuery(
  spec: RelationSpec,
  schema: string,
  since: string | null,
  retryIds: readonly string[],
  districtRegion: string | null,
  productTypes: ReadonlyMap<string, string>
): string {
  const table = (name: string) => `${ident(schema)}.${ident(name)}`;
  // Each column cast to the product column's type: the rows travel in the binary format.
  const typed = (expression: string, column: string) => {
    const type = productTypes.get(column);
    if (!type) throw new Error(`${spec.relation}.${column}: no such column in the product`);
    return `(${expression})::${type} AS ${ident(column)}`;
  };
  if (!spec.region) {
    const columns = productColumns(spec).map((c) => typed(`s.${ident(c)}`, c));
    return (
      `SELECT ${columns.join(', ')} FROM ${table(spec.relation)} s` + sourceFilter(since, retryIds, 's.')
    );
  }
  let region: string;
  let joins = `LEFT JOIN ${table('cases')} c ON c.id = s.case_id`;
  if (spec.relation === 'case_events') {
    region = `coalesce(c.region_code, '')`;
  } else if (REGION_FROM_REFERENCES.has(spec.relation)) {
    joins += `
      LEFT JOIN ${table('windows')} w ON w.id = s.window_id
      LEFT JOIN ${table('service_points')} wp ON wp.id = w.service_point_id
      LEFT JOIN ${table('staff')} st ON st.id = s.staff_id
      LEFT JOIN ${table('windows')} sw ON sw.id = st.window_id
      LEFT JOIN ${table('service_points')} sp ON sp.id = sw.service_point_id`;
    const district = districtRegion === null ? '' : `${literal(districtRegion)}, `;
    region = `coalesce(c.region_code, wp.region_code, sp.region_code, ${district}'')`;
  } else {
    throw new Error(`no direct load for ${spec.relation}`);
  }
  const columns = productColumns(spec).map((c) => typed(c === 'region_code' ? region : `s.${ident(c)}`, c));
  return (
    `SELECT ${columns.join(', ')} FROM ${table(spec.relation)} s ${joins}` +
    sourceFilter(since, retryIds, 's.')
  );
}

/** The bureau's own region (of the district service point), for directSourceQuery. */
export const DISTRICT_REGION = `SELECT region_code FROM service_points ORDER BY (level = 'district') DESC, id LIMIT 1`;

const noRegion: RowCheck = { ...hasRegion, bad: `s.region_code = ''` };

/**
 * The spec whose checks run over the loaded table: the region is in the row already, so
 * only the case is joined (ratings, complaints). An event's case is unknown when the
 * source found none (region '') or, `casesExcluded` given, when it is one of them (cases
 * loaded straight by this pass: the product holds the source's minus those quarantined);
 * otherwise the product's cases are looked up.
 */
export function directLoadSpec(spec: RelationSpec, casesExcluded: readonly string[] | null): RelationSpec {
  if (!spec.region) return spec;
  const eventCase: RowCheck =
    casesExcluded === null
      ? known('case_id', 'cases', 'unknown_case')
      : {
          ...caseKnown,
          bad:
            `s.region_code = ''` +
            (casesExcluded.length ? ` OR s.case_id = ANY (${idArrayLiteral(casesExcluded)})` : '')
        };
  const events = spec.relation === 'case_events';
  return {
    ...spec,
    joins: events ? '' : caseJoin,
    checks: spec.checks.map((check) =>
      check === caseKnown && events ? eventCase : check === hasRegion ? noRegion : check
    )
  };
}

/** The product table's column types (as `format_type` writes them), by column name. */
export const PRODUCT_COLUMN_TYPES = `
  SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
  WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`;

/** COPY into the relation's product table, or into `table` of the same shape. */
export function copyIntoTable(spec: RelationSpec, table: string = spec.relation): string {
  return `COPY ${ident(table)} (${productColumns(spec).map(ident).join(', ')}) FROM STDIN`;
}
