import type { ReadOutcome, SheetRow } from './sheet';

// Reading a CSV as Excel and WPS write it: UTF-8 with or without a byte-order mark, or
// GBK/GB18030 (Chinese Windows "CSV (逗号分隔)") when the bytes are not valid UTF-8;
// RFC 4180 quoting with embedded commas, quotes and line breaks; CRLF or LF. A quoted
// field that never closes means the file was cut off, and the whole file is refused.

const BOM = [0xef, 0xbb, 0xbf];

/**
 * UTF-8 with Chinese in it, whose last character was cut in half: a truncated file, not a
 * GBK one. (Chinese in the body is required: GBK bytes at the very end alone could pass.)
 */
function cutUtf8(bytes: Uint8Array): boolean {
  let lead = bytes.length - 1;
  while (lead > bytes.length - 4 && lead > 0 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (bytes[lead] < 0xc0) return false;
  const body = bytes.subarray(0, lead);
  if (!body.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(lead), { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function decodeCsv(
  bytes: Uint8Array
): { ok: true; text: string; encoding: 'UTF-8' | 'GB18030' } | { ok: false; error: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      error: '不支持 UTF-16 编码的文本文件，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 XLSX'
    };
  if (BOM.every((b, i) => bytes[i] === b))
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    if (cutUtf8(bytes))
      return { ok: false, error: '文件在最后一个字符中间结束：文件不完整（被截断），请重新导出后再上传' };
    // GB18030 is a superset of GBK and GB2312: one decoder reads all three.
    return { ok: true, text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/** Rows of text; `row` counts records (a field with a line break stays one row, as in Excel). */
export function parseCsv(
  text: string
): { ok: true; rows: SheetRow[]; endsMidRow: boolean } | { ok: false; error: string } {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStartRow = 0;
  let rowNo = 1;
  let atFieldStart = true;
  const n = text.length;
  const endRow = () => {
    cells.push(field);
    rows.push({ row: rowNo, cells });
    cells = [];
    field = '';
    rowNo += 1;
    atFieldStart = true;
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      quoteStartRow = rowNo;
      atFieldStart = false;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      // A quote inside an unquoted field is kept as text, as Excel does.
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted)
    return {
      ok: false,
      error: `第 ${quoteStartRow} 行有一个引号直到文件末尾都没有闭合：文件可能不完整（被截断），请重新导出后再上传`
    };
  const endsMidRow = !atFieldStart || field !== '' || cells.length > 0;
  if (endsMidRow) endRow();
  return { ok: true, rows, endsMidRow };
}

export function readCsv(bytes: Uint8Array): ReadOutcome {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  // A cell starting with = is a formula to a spreadsheet; the import takes values only.
  for (const row of parsed.rows) {
    const formulas = row.cells.flatMap((cell, i) => (cell.trimStart().startsWith('=') ? [i] : []));
    if (formulas.length) row.formulas = formulas;
  }
  return {
    ok: true,
    sheet: { rows: parsed.rows, encoding: decoded.encoding, endsMidRow: parsed.endsMidRow }
  };
}
