import {
  guardFormula,
  toDateText,
  toDateTimeText,
  toNumber,
  toText,
  type ExportColumn,
  type TableExport
} from './table-export';

// CSV for Excel and for machines: UTF-8 with a byte-order mark (without it Excel on
// Windows reads Chinese as GBK), RFC 4180 quoting, CRLF line ends, one header line and
// the data: no title and no notes, so the file stays machine-readable.

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(column: ExportColumn, value: unknown): string {
  switch (column.kind) {
    case 'integer':
    case 'number':
      return String(toNumber(value) ?? '');
    case 'percent': {
      // Excel reads "87.5%" back as the number 0.875.
      const n = toNumber(value);
      return n === null ? '' : `${Number((n * 100).toFixed(1))}%`;
    }
    case 'date':
      return toDateText(value) ?? '';
    case 'datetime':
      return toDateTimeText(value) ?? '';
    case 'text':
      return quote(guardFormula(toText(value)));
  }
}

export function toCsv(table: TableExport): string {
  const lines = [table.columns.map((c) => quote(guardFormula(c.header))).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => csvCell(c, row[c.key])).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
