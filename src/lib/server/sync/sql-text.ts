// Small helpers for SQL text built by the sync (COPY cannot take bind parameters).

/** A double-quoted identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A single-quoted string literal (standard_conforming_strings is on in every supported version). */
export const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** A timestamptz literal of an instant, exact to the microsecond when given as text. */
export const timestampLiteral = (instant: Date | string): string =>
  `${literal(typeof instant === 'string' ? instant : instant.toISOString())}::timestamptz`;

/** A bigint[] literal of integer ids (anything else is refused). */
export function idArrayLiteral(ids: readonly (string | number)[]): string {
  for (const id of ids) {
    if (!/^-?\d+$/.test(String(id))) throw new Error(`not an integer id: ${id}`);
  }
  return `'{${ids.join(',')}}'::bigint[]`;
}

/**
 * SQL expression: epoch milliseconds of a timestamptz (null stays null), truncated like
 * node-postgres truncates microseconds, so an instant at 23:59:59.9999 stays on its day.
 * date_part works in double precision (exact to the microsecond for these dates) and is
 * several times cheaper than extract's numeric.
 */
export const epochMs = (expression: string): string =>
  `floor(date_part('epoch', ${expression}) * 1000)::bigint`;
