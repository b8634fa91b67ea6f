import { readCsv } from './csv';
import type { ReadOutcome } from './sheet';
import { readXlsx } from './xlsx';

// An uploaded file by its content (a ZIP is an XLSX) and name: CSV or XLSX, anything else
// refused before any row is read.

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export async function readImportFile(name: string, bytes: Uint8Array): Promise<ReadOutcome> {
  const lower = name.toLowerCase();
  if (bytes.length === 0) return { ok: false, error: '文件是空的' };
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, error: '文件超过 20 MB，请分成几个文件导入' };
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || lower.endsWith('.xlsx')) return readXlsx(bytes);
  if (lower.endsWith('.xls') || (bytes[0] === 0xd0 && bytes[1] === 0xcf))
    return { ok: false, error: '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV 后再上传' };
  if (!/\.(csv|txt)$/.test(lower) && lower.includes('.'))
    return { ok: false, error: '只能导入 CSV 或 XLSX 文件（请使用下载的模板）' };
  return readCsv(bytes);
}
