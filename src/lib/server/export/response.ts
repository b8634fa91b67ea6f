import { error } from '@sveltejs/kit';
import { toCsv } from './csv';
import type { ExportFormat, TableExport } from './table-export';
import { toXlsx } from './xlsx';

// The HTTP answer for an export: the file, its type, and a Chinese file name that
// browsers show (RFC 5987 filename*) with an ASCII fallback for old clients.

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** `?format=`: csv when absent (the links that exist), xlsx, or 400 for anything else. */
export function readExportFormat(params: URLSearchParams): ExportFormat {
  const value = params.get('format')?.trim().toLowerCase() || 'csv';
  if (value === 'csv' || value === 'xlsx') return value;
  error(400, { message: '导出格式只能是 csv 或 xlsx', code: 'bad_request' });
}

/** RFC 5987 percent-encoding: encodeURIComponent leaves ' ( ) * ! which attr-char forbids. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()
  );
}

/** attachment; filename="ascii.ext"; filename*=UTF-8''%E5%8A%9E….ext */
export function contentDisposition(filename: string, asciiFallback?: string): string {
  const fallback = (asciiFallback ?? filename).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

export interface ExportFileName {
  /** Without extension, may be Chinese: 办件清单-2026-01-05. */
  name: string;
  /** Without extension, ASCII: cases-2026-01-05. */
  ascii: string;
}

export async function exportResponse(
  table: TableExport,
  format: ExportFormat,
  file: ExportFileName,
  headers: Record<string, string> = {}
): Promise<Response> {
  const body = format === 'xlsx' ? new Uint8Array(await toXlsx(table)) : toCsv(table);
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': contentDisposition(`${file.name}.${format}`, `${file.ascii}.${format}`),
      // Exports carry (masked) personal data: not for shared caches.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers
    }
  });
}
