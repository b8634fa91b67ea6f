import { formatDate, formatDateTime } from '../../format';

// A table to export, described once and written as CSV or XLSX (docs/rules/exports.md).
// Rows hold raw values as the database gives them; the column's kind says how to write
// them. Personal data must already be masked in the rows: the writers do not know which
// columns are personal.

export type ExportColumnKind = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';

export interface ExportColumn {
  /** The row property to read. */
  key: string;
  /** The Chinese header. */
  header: string;
  /**
   * text: written as is (formula-guarded); integer / number: numbers, PostgreSQL's
   * bigint/numeric strings accepted; percent: a ratio (0.875 = 87.5 %); date: a
   * 'YYYY-MM-DD' string or an instant (its Beijing date); datetime: an instant.
   */
  kind: ExportColumnKind;
  /** XLSX column width in characters; estimated from the content when absent. */
  width?: number;
}

export interface TableExport {
  /** Sheet name (XLSX) and first line above the notes. */
  title: string;
  columns: ExportColumn[];
  rows: Record<string, unknown>[];
  /** Lines such as the filters and the time of export: printed above the header in XLSX only. */
  notes?: string[];
}

export type ExportFormat = 'csv' | 'xlsx';

/** A leading = + - @ (or tab / CR, per OWASP) would make a spreadsheet evaluate the cell. */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const isMissing = (value: unknown) => value === null || value === undefined || value === '';

/** A finite number from a number, bigint or numeric string; null otherwise. */
export function toNumber(value: unknown): number | null {
  if (isMissing(value)) return null;
  const n = typeof value === 'number' ? value : Number(value as string | bigint);
  return Number.isFinite(n) ? n : null;
}

/** Text for a text column: strings as is, anything else through String(). */
export function toText(value: unknown): string {
  return isMissing(value) ? '' : String(value);
}

/** 'YYYY-MM-DD': a date string passes through, an instant gives its Beijing date. */
export function toDateText(value: unknown): string | null {
  if (isMissing(value)) return null;
  const text = formatDate(value as Date | string | number);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

/** 'YYYY-MM-DD HH:mm:ss' in Beijing time, whatever the server's time zone. */
export function toDateTimeText(value: unknown): string | null {
  if (isMissing(value)) return null;
  const text = formatDateTime(value as Date | string | number);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? text : null;
}

/**
 * Excel stores wall-clock time without a zone, and exceljs turns a JS Date into a
 * serial from its UTC fields: so the Date to hand it is the one whose UTC fields are
 * the Beijing wall clock (a date column: Beijing midnight of that date).
 */
export function toExcelDate(value: unknown, kind: 'date' | 'datetime'): Date | null {
  if (kind === 'date') {
    const text = toDateText(value);
    return text ? new Date(`${text}T00:00:00Z`) : null;
  }
  const text = toDateTimeText(value);
  return text ? new Date(`${text.replace(' ', 'T')}Z`) : null;
}
