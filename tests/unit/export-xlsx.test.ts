import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeSheetName } from '../../src/lib/server/export/xlsx';
import { toXlsx, type TableExport } from '../../src/lib/server/export';

async function read(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

const table: TableExport = {
  title: '科室排名：2025/03',
  notes: ['导出时间：2025-04-01 09:00:00（北京时间）', '筛选条件：无'],
  columns: [
    { key: 'name', header: '科室', kind: 'text' },
    { key: 'cases', header: '办件量', kind: 'integer' },
    { key: 'days', header: '平均用时', kind: 'number' },
    { key: 'rate', header: '按时办结率', kind: 'percent' },
    { key: 'due', header: '到期日', kind: 'date' },
    { key: 'at', header: '收件时间', kind: 'datetime' }
  ],
  rows: [
    {
      name: '=cmd',
      cases: '12345',
      days: 3.25,
      rate: 0.875,
      due: '2025-03-10',
      at: new Date('2025-03-02T16:30:00Z') // Beijing: 2025-03-03 00:30
    },
    { name: '市场准入科', cases: 7, days: null, rate: null, due: null, at: '2025-03-31T23:59:00+08:00' }
  ]
};

// Excel dates carry no zone: the result must not depend on the server's TZ.
let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('toXlsx', () => {
  it('writes title, notes, a bold frozen filtered header and one row per data row', async () => {
    const sheet = await read(await toXlsx(table));
    expect(sheet.name).toBe('科室排名：2025_03'); // a full-width colon is allowed;
    expect(sheet.getCell('A1').value).toBe(table.title);
    expect(sheet.getCell('A2').value).toBe(table.notes![0]);
    const header = sheet.getRow(4);
    expect(header.values).toEqual([
      undefined,
      '科室',
      '办件量',
      '平均用时',
      '按时办结率',
      '到期日',
      '收件时间'
    ]);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.autoFilter).toBe('A4:F6'); // read back as a range
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });

  it('writes numbers and percents as numbers with formats, text formula-guarded', async () => {
    const row = (await read(await toXlsx(table))).getRow(5);
    expect(row.getCell(1).value).toBe("'=cmd");
    expect(row.getCell(2).value).toBe(12345);
    expect(row.getCell(2).numFmt).toBe('#,##0');
    expect(row.getCell(3).value).toBe(3.25);
    expect(row.getCell(4).value).toBe(0.875);
    expect(row.getCell(4).numFmt).toBe('0.0%');
  });

  it('writes dates as Excel dates showing the Beijing date and wall-clock time', async () => {
    const sheet = await read(await toXlsx(table));
    const due = sheet.getCell('E5');
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe('2025-03-10T00:00:00.000Z');
    expect(due.numFmt).toBe('yyyy-mm-dd');
    const at = sheet.getCell('F5');
    expect(at.value).toBeInstanceOf(Date);
    // exceljs reads an Excel serial back as UTC fields = the wall clock shown in Excel.
    expect((at.value as Date).toISOString()).toBe('2025-03-03T00:30:00.000Z');
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((sheet.getCell('F6').value as Date).toISOString()).toBe('2025-03-31T23:59:00.000Z');
    expect(sheet.getCell('E6').value).toBeNull();
  });

  it('makes any title a valid sheet name', () => {
    expect(safeSheetName('a[b]:c*d?e/f\\g')).toBe('a_b__c_d_e_f_g');
    expect(safeSheetName('很长'.repeat(20))).toHaveLength(31);
    expect(safeSheetName("'x'")).toBe('x');
    expect(safeSheetName('')).toBe('Sheet1');
  });
});
