import { describe, expect, it } from 'vitest';
import { contentDisposition, readExportFormat, toCsv, type TableExport } from '../../src/lib/server/export';

const table = (rows: Record<string, unknown>[]): TableExport => ({
  title: '测试表',
  notes: ['导出时间：2026-01-05 10:00:00'],
  columns: [
    { key: 'name', header: '名称', kind: 'text' },
    { key: 'count', header: '件数', kind: 'integer' },
    { key: 'rate', header: '按时办结率', kind: 'percent' },
    { key: 'day', header: '日期', kind: 'date' },
    { key: 'at', header: '时间', kind: 'datetime' }
  ],
  rows
});

const lines = (csv: string) => csv.slice(1).split('\r\n');

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and has the Chinese header first (no notes)', () => {
    const csv = toCsv(table([{ name: '甲', count: 1 }]));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/[^\r]\n/);
    expect(lines(csv)[0]).toBe('名称,件数,按时办结率,日期,时间');
    expect(csv).not.toContain('导出时间');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const csv = toCsv(
      table([{ name: 'a,b' }, { name: 'say "hi"' }, { name: 'two\nlines' }, { name: 'plain' }])
    );
    expect(csv).toContain('\r\n"a,b",');
    expect(csv).toContain('\r\n"say ""hi""",');
    expect(csv).toContain('\r\n"two\nlines",');
    expect(csv).toContain('\r\nplain,');
  });

  it('puts an apostrophe before text that a spreadsheet would run as a formula', () => {
    const csv = toCsv(
      table([{ name: '=HYPERLINK("x")' }, { name: '+1' }, { name: '-2' }, { name: '@SUM(A1)' }])
    );
    expect(csv).toContain(`\r\n"'=HYPERLINK(""x"")",`);
    expect(csv).toContain("\r\n'+1,");
    expect(csv).toContain("\r\n'-2,");
    expect(csv).toContain("\r\n'@SUM(A1),");
  });

  it('leaves negative numbers alone and writes numbers, percents, dates and Beijing date-times', () => {
    const csv = toCsv(
      table([
        {
          name: 'x',
          count: '-12', // PostgreSQL counts arrive as strings
          rate: 0.8756,
          day: '2025-03-03',
          at: new Date('2025-03-02T16:30:00Z') // 00:30 on 03-03 in Beijing
        },
        { name: null, count: null, rate: null, day: null, at: null }
      ])
    );
    expect(lines(csv)[1]).toBe('x,-12,87.6%,2025-03-03,2025-03-03 00:30:00');
    expect(lines(csv)[2]).toBe(',,,,');
  });
});

describe('export responses', () => {
  it('names the file in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    expect(contentDisposition('办件清单(1).xlsx', 'cases.xlsx')).toBe(
      `attachment; filename="cases.xlsx"; filename*=UTF-8''${encodeURIComponent('办件清单')}%281%29.xlsx`
    );
  });

  it('reads ?format=: csv by default, xlsx, and refuses anything else', () => {
    expect(readExportFormat(new URLSearchParams(''))).toBe('csv');
    expect(readExportFormat(new URLSearchParams('format=XLSX'))).toBe('xlsx');
    expect(() => readExportFormat(new URLSearchParams('format=xls'))).toThrow();
  });
});
