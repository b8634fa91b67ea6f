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
  const notes = table.notes ?? [];
  const headerRow = 2 + notes.length;
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
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(safeSheetName(table.title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }]
  });
  // Widths and the filter are written with the sheet, so they are set before any row.
  sheet.columns = table.columns.map((column) => ({ width: columnWidth(column, table.rows) }));
  if (table.columns.length) {
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + table.rows.length, column: table.columns.length }
    };
  }

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
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
