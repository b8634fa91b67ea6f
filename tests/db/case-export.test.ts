import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_COLUMNS, exportCaseList } from '../../src/lib/server/cases/case-export';
import { insertCase, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// /cases/export through its logic (exportCaseList): the list's filters, scope and cap,
// masked personal data, CSV and XLSX from the same table.

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-09-26T15:00:00+08:00' }); // due 10-10
  // 00:30 in Beijing is still the previous day in UTC: the file must say 03-03.
  await insertCase(t.sourceWriter, { id: 2, receivedAt: '2025-03-03T00:30:00+08:00', status: 'received' });
  await syncOnce(t, { evaluationDate: '2025-09-30' });
});
afterAll(async () => t.destroy());

const NOW = new Date('2025-09-30T02:00:00Z');
const ID_NO = '510107199001011234';

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

/** The header row (after the title and notes) and the data rows below it. */
function table(sheet: ExcelJS.Worksheet) {
  const rows = sheet.getSheetValues().slice(1) as unknown[][];
  const headerIndex = rows.findIndex((r) => r?.[1] === '办件编号');
  return {
    notes: rows.slice(1, headerIndex).map((r) => r[1]),
    header: rows[headerIndex],
    data: rows.slice(headerIndex + 1)
  };
}

describe('the case list export', () => {
  it('answers ?format=xlsx with a workbook: Chinese headers, masked data, Beijing dates', async () => {
    const response = await exportCaseList(t.db, new URLSearchParams('format=xlsx'), 'all', 'xlsx', {
      now: NOW
    });
    expect(response.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('办件清单-2025-09-30.xlsx')}`
    );
    const sheet = await sheetOf(response);
    const { notes, header, data } = table(sheet);
    expect(header.slice(1)).toEqual(CASE_COLUMNS.map((c) => c.header));
    expect(notes).toContain('导出时间：2025-09-30 10:00:00（北京时间）');
    expect(data).toHaveLength(2);
    const [newest, older] = data;
    expect(newest[1]).toBe('510107-TEST-000001');
    expect(newest[4]).toBe('已受理');
    expect(newest[6]).toBe('510107********1234');
    expect(newest[7]).toBe('138****0000');
    expect(JSON.stringify(data)).not.toContain(ID_NO);
    expect(newest[8]).toBeInstanceOf(Date);
    expect((newest[8] as Date).toISOString()).toBe('2025-09-26T15:00:00.000Z'); // the wall clock Excel shows
    expect((newest[11] as Date).toISOString().slice(0, 10)).toBe('2025-10-10');
    expect((older[8] as Date).toISOString()).toBe('2025-03-03T00:30:00.000Z');
    expect(sheet.getRow(sheet.rowCount).getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('applies the list filters and the caller scope, and names them in the notes', async () => {
    const filtered = table(
      await sheetOf(await exportCaseList(t.db, new URLSearchParams('status=received'), 'all', 'xlsx'))
    );
    expect(filtered.data.map((r) => r[1])).toEqual(['510107-TEST-000002']);
    expect(filtered.notes).toContain('筛选条件：状态：已收件');
    const otherSection = table(
      await sheetOf(await exportCaseList(t.db, new URLSearchParams(), ['S99'], 'xlsx'))
    );
    expect(otherSection.data).toHaveLength(0);
    expect(otherSection.notes).toContain('数据范围：本人所在科室');
  });

  it('keeps CSV the default shape and says when the cap truncated the file', async () => {
    const full = await exportCaseList(t.db, new URLSearchParams(), 'all', 'csv', { now: NOW });
    expect(full.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(full.headers.get('x-export-truncated')).toBeNull();
    const lines = (await full.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(CASE_COLUMNS.map((c) => c.header).join(','));
    expect(lines[1]).toContain(',510107********1234,138****0000,2025-09-26 15:00:00,');

    const capped = await exportCaseList(t.db, new URLSearchParams(), 'all', 'xlsx', { now: NOW, limit: 1 });
    expect(capped.headers.get('x-export-truncated')).toBe('1');
    expect(capped.headers.get('content-disposition')).toContain('cases-2025-09-30-first-1.xlsx');
    const { notes, data } = table(await sheetOf(capped));
    expect(data).toHaveLength(1);
    expect(notes.join('\n')).toContain('仅包含最新收件的 1 条');
  });
});
