import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv, readCsv } from '../../src/lib/server/evaluation/import/csv';
import { readImportFile } from '../../src/lib/server/evaluation/import/read';
import { columnLetters } from '../../src/lib/server/evaluation/import/sheet';
import { readXlsx } from '../../src/lib/server/evaluation/import/xlsx';
import { encodeGbk, HANZI, SURVEY_HEADERS, writeCsv } from './evaluation-import-fixtures';

// Reading the uploaded file: CSV in the encodings and shapes Excel and WPS write, XLSX's
// first sheet with dates, times and formulas, and files that cannot be read.

const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.array(fc.constantFrom(...HANZI, ',', '"', '\n', '\r\n', ' '), { maxLength: 8 }).map((a) => a.join(''))
);
// A row of one empty cell is a blank line, which CSV cannot tell from nothing: at least two.
const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 });
const style = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  quoteAll: fc.boolean(),
  finalNewline: fc.boolean()
});

describe('CSV', () => {
  it('reads back what was written: quotes, embedded line breaks, CRLF or LF, BOM or none', () => {
    fc.assert(
      fc.property(table, style, (rows, s) => {
        const read = readCsv(new TextEncoder().encode(writeCsv(rows, s)));
        if (!read.ok) throw new Error(read.error);
        expect(read.sheet.encoding).toBe('UTF-8');
        expect(read.sheet.rows.map((r) => r.cells)).toEqual(rows);
        // Rows are records, as Excel shows them: a line break inside a cell is not a new row.
        expect(read.sheet.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
      })
    );
  });

  it('reads GBK (GB18030) files, as Chinese Windows Excel saves CSV, to the same rows', () => {
    fc.assert(
      fc.property(table, style, (rows, s) => {
        // With the template's Chinese header, as real files have: a few GBK bytes alone
        // can happen to be valid UTF-8 (执 is D6 B4, also U+05B4), a header cannot.
        const all = [SURVEY_HEADERS, ...rows];
        const read = readCsv(encodeGbk(writeCsv(all, { ...s, bom: false })));
        if (!read.ok) throw new Error(read.error);
        expect(read.sheet.encoding).toBe('GB18030');
        expect(read.sheet.rows.map((r) => r.cells)).toEqual(all);
      })
    );
  });

  it('refuses a file cut inside a quoted field, naming the row where the quote opened', () => {
    const read = readCsv(new TextEncoder().encode('记录编号,备注\r\nQ-1,ok\r\nQ-2,"未闭合\r\n的备注'));
    expect(read).toEqual({
      ok: false,
      error: expect.stringContaining('第 3 行有一个引号直到文件末尾都没有闭合')
    });
    expect(read.ok || read.error).toContain('截断');
  });

  it('marks cells that start with = as formulas and knows whether the file ended mid-row', () => {
    const read = readCsv(new TextEncoder().encode('a,b\n=1+1,x\ny,z'));
    if (!read.ok) throw new Error(read.error);
    expect(read.sheet.rows[1]).toEqual({ row: 2, cells: ['=1+1', 'x'], formulas: [0] });
    expect(read.sheet.endsMidRow).toBe(true);
  });

  it('refuses UTF-16, old .xls, other formats and an empty file', async () => {
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toMatchObject({ ok: false });
    expect(await readImportFile('a.xls', new Uint8Array([0xd0, 0xcf, 0x11]))).toMatchObject({
      ok: false,
      error: expect.stringContaining('.xls')
    });
    expect(await readImportFile('a.pdf', new Uint8Array([0x25, 0x50]))).toMatchObject({ ok: false });
    expect(await readImportFile('a.csv', new Uint8Array())).toEqual({ ok: false, error: '文件是空的' });
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('XLSX', () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet) => void) {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('数据'));
    wb.addWorksheet('说明').addRow(['not read']);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('reads the first sheet: dates, times, numbers, rich text; formulas marked with their cell', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['记录编号', '调查日期', '暗访时间', '得分']);
      ws.addRow(['Q-1', new Date('2026-10-08T00:00:00Z'), new Date('1899-12-30T09:30:00Z'), 12.5]);
      ws.getCell('B2').numFmt = 'yyyy-mm-dd';
      ws.getCell('C2').numFmt = 'hh:mm';
      ws.addRow([
        { richText: [{ text: 'Q-' }, { text: '2' }] },
        '2026/10/9',
        '10:15',
        { formula: '2+3', result: 5 }
      ]);
    });
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.sheet.rows).toEqual([
      { row: 1, cells: ['记录编号', '调查日期', '暗访时间', '得分'] },
      { row: 2, cells: ['Q-1', '2026-10-08', '09:30', '12.5'] },
      { row: 3, cells: ['Q-2', '2026/10/9', '10:15', '=2+3'], formulas: [3] }
    ]);
  });

  it('refuses a truncated or non-XLSX file', async () => {
    const bytes = await workbook((ws) => ws.addRow(['记录编号']));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: bytes.length - 30 }), async (cut) => {
        const read = await readXlsx(bytes.subarray(0, cut));
        expect(read).toMatchObject({ ok: false, error: expect.stringContaining('不完整') });
      }),
      { numRuns: 15 }
    );
    expect(await readXlsx(new TextEncoder().encode('记录编号'))).toMatchObject({ ok: false });
  });
});
