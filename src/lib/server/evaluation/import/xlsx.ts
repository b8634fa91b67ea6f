import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { ReadOutcome, SheetRow } from './sheet';

// Reading the first sheet of an XLSX with exceljs's streaming reader (a 50,000-row sheet
// stays a few MB of memory rather than a full workbook model). Values become text as a
// person sees them: dates 'YYYY-MM-DD', times 'HH:MM', numbers as written. A formula cell
// is refused, not read for its cached result: the result may be stale (a file saved by a
// tool that does not recalculate), and the evaluator should see the value they confirm.

/** Excel serial dates arrive as JS Dates whose UTC fields are the wall clock. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  // Excel's time-only cells sit on 1899-12-30: a time of day, not a date.
  if (iso.startsWith('1899-12-30') || iso.startsWith('1899-12-31')) return iso.slice(11, 16);
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

type Value = ExcelJS.CellValue;

/** The text of a cell, or null when it is a formula. */
function cellText(value: Value): string | null {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

function isZip(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A ZIP ends with its central directory; a cut-off file lacks it (the streaming reader would not notice). */
function hasZipEnd(bytes: Uint8Array) {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06)
      return true;
  return false;
}

const TRUNCATED = '无法读取该 XLSX 文件：文件可能已损坏或不完整（被截断），请重新保存后再上传';

export async function readXlsx(bytes: Uint8Array): Promise<ReadOutcome> {
  if (!isZip(bytes))
    return { ok: false, error: '文件不是有效的 XLSX 格式（旧版 .xls 请在 Excel 中另存为 .xlsx 或 CSV）' };
  if (!hasZipEnd(bytes)) return { ok: false, error: TRUNCATED };
  const rows: SheetRow[] = [];
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit'
    });
    for await (const sheet of reader) {
      sheets += 1;
      for await (const row of sheet) {
        const r = row as ExcelJS.Row;
        const cells: string[] = [];
        const formulas: number[] = [];
        r.eachCell({ includeEmpty: false }, (cell, col) => {
          while (cells.length < col - 1) cells.push('');
          const text = cellText(cell.value);
          if (text === null) {
            formulas.push(col - 1);
            const v = cell.value as { formula?: string };
            cells.push(v.formula ? `=${v.formula}` : '=');
          } else cells.push(text);
        });
        rows.push({ row: r.number, cells, ...(formulas.length ? { formulas } : {}) });
      }
      break; // the first sheet only: a notes sheet may follow
    }
  } catch {
    return { ok: false, error: TRUNCATED };
  }
  if (sheets === 0) return { ok: false, error: 'XLSX 文件中没有工作表' };
  return { ok: true, sheet: { rows, encoding: 'XLSX', endsMidRow: false } };
}
