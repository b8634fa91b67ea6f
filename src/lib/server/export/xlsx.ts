import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import {
  guardFormula,
  toExcelDate,
  toNumber,
  toText,
  type ExportColumn,
  type TableExport
} from './table-export';

// XLSX with exceljs. Layout: the title in row 1, one row per note, then the header row
// (bold, frozen, with an autofilter) and the data. Numbers, percents and dates are real
// Excel values with a number format, so people can sort, sum and chart them.

const FORMATS: Record<Exclude<ExportColumn['kind'], 'text'>, string> = {
  integer: '#,##0',
  number: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm'
};

/** A name Excel accepts: ≤ 31 characters, none of []:*?/\, no apostrophe at either end. */
export function safeSheetName(title: string): string {
  const name = title
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .replace(/'+$/, '');
  if (!name) return 'Sheet1';
  return name.toLowerCase() === 'history' ? 'History_' : name; // reserved by Excel
}

function cellValue(column: ExportColumn, value: unknown): ExcelJS.CellValue {
  switch (column.kind) {
    case 'text':
      return guardFormula(toText(value)) || null;
    case 'date':
    case 'datetime':
      return toExcelDate(value, column.kind);
    default:
      return toNumber(value);
  }
}

/** Display width: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

/** Wide enough for the header and the first rows' values, within sensible bounds. */
function columnWidth(column: ExportColumn, rows: Record<string, unknown>[]): number {
  if (column.width) return column.width;
  const fixed = { date: 12, datetime: 17, percent: 9 } as Record<string, number>;
  let width = Math.max(displayWidth(column.header), fixed[column.kind] ?? 0);
  if (column.kind !== 'date' && column.kind !== 'datetime') {
    for (const row of rows.slice(0, 500)) width = Math.max(width, displayWidth(toText(row[column.key])));
  }
  return Math.min(60, Math.max(8, width + 2));
}

export async function toXlsx(table: TableExport): Promise<Buffer> {
  return toXlsxBook([{ name: table.title, tables: [table] }], table.title);
}

/** A sheet of a workbook: one table (frozen header, filter) or several one under another. */
export interface SheetExport {
  name: string;
  tables: TableExport[];
}

/** Several sheets in one workbook, in order (names made safe and unique). */
export async function toXlsxBook(sheets: readonly SheetExport[], title: string): Promise<Buffer> {
  // The streaming writer keeps one row in memory, not the whole sheet: at the case
  // export's cap (50,000 rows) the in-memory Workbook took ~7 s and ~1 GB.
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true
  });
  workbook.title = title;
  const used = new Set<string>();
  for (const sheet of sheets) writeSheet(workbook, sheet.tables, uniqueSheetName(sheet.name, used));
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** safeSheetName, with ' (2)', ' (3)' … when the name is taken (Excel compares names case-blind). */
function uniqueSheetName(title: string, used: Set<string>): string {
  const base = safeSheetName(title);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, tables: TableExport[], name: string): void {
  // Only a sheet of one table gets frozen headers and a filter: Excel allows one of each.
  const single = tables.length === 1 ? tables[0] : null;
  const headerRow = 2 + (single?.notes?.length ?? 0);
  const sheet = workbook.addWorksheet(name, {
    views: single ? [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] : []
  });
  // Widths and the filter are written with the sheet, so they are set before any row.
  const width = Math.max(0, ...tables.map((t) => t.columns.length));
  sheet.columns = Array.from({ length: width }, (_, i) => ({
    width: Math.max(...tables.map((t) => (t.columns[i] ? columnWidth(t.columns[i], t.rows) : 8)))
  }));
  if (single?.columns.length) {
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + single.rows.length, column: single.columns.length }
    };
  }
  tables.forEach((table, i) => {
    if (i > 0) sheet.addRow([]).commit();
    writeTable(sheet, table);
  });
  sheet.commit();
}

function writeTable(sheet: ExcelJS.Worksheet, table: TableExport): void {
  const notes = table.notes ?? [];
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const note of notes) {
    const row = sheet.addRow([note]);
    row.font = { color: { argb: 'FF595959' } };
    row.commit();
  }
  const header = sheet.addRow(table.columns.map((c) => guardFormula(c.header)));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  header.commit();

  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c) => cellValue(c, row[c.key])));
    table.columns.forEach((column, i) => {
      if (column.kind !== 'text') added.getCell(i + 1).numFmt = FORMATS[column.kind];
    });
    added.commit();
  }
}
