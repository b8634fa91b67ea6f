import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/lib/server/evaluation/import/csv';
import {
  contentOf,
  identityOf,
  storedIdentities,
  storedInput
} from '../../src/lib/server/evaluation/import/identity';
import { importTemplate } from '../../src/lib/server/evaluation/import/template';
import { DUPLICATE_STORED, validateSheet } from '../../src/lib/server/evaluation/import/validate';
import { readXlsx } from '../../src/lib/server/evaluation/import/xlsx';
import { CTX, SURVEY_HEADERS, writeCsv } from './evaluation-import-fixtures';

// The file as a whole: headers matched to the template, truncation, short and long rows,
// rows stored before (skipped when identical, refused when different), 不适用 on a
// checklist item.

const csv = (text: string) => {
  const read = readCsv(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.error);
  return read.sheet;
};
const ROWS = [
  ['Q-1', 'P01', '2026-10-08', '现场', '', '5', '4', '4'],
  ['Q-2', 'P02', '2026-10-09', '网上', 'SP1', '3', '3', '2'],
  ['Q-3', '', '2026-10-10', '短信', '', '4', '5', '5']
];
const FILE = writeCsv([SURVEY_HEADERS, ...ROWS], {
  bom: false,
  crlf: true,
  quoteAll: false,
  finalNewline: true
});

describe('headers', () => {
  it('are matched without spaces and without the points suffix, in any order', () => {
    const v = validateSheet(
      'facility',
      csv(
        '服务点编码, 记录编号 ,检查日期,母婴室设置,标识标牌清晰规范（10分）\nP01,F-1,2026-10-03,不适用,8\n'
      ),
      CTX,
      new Map()
    );
    expect(v).toMatchObject({ ok: true, issues: [] });
    if (v.ok)
      expect(v.valid[0].input).toMatchObject({ earned: { signage: 8, mother_baby: null }, notes: null });
  });

  it('refuse the file when a column is unknown, repeated or missing', () => {
    const refuse = (header: string) => validateSheet('survey', csv(`${header}\n`), CTX, new Map());
    expect(refuse([...SURVEY_HEADERS, '备注'].join(','))).toEqual({
      ok: false,
      error: '第 1 行 I 列“备注”不是满意度导入模板中的列，请使用本轮的导入模板'
    });
    expect(refuse([...SURVEY_HEADERS, '办事效率'].join(','))).toMatchObject({
      ok: false,
      error: expect.stringContaining('重复')
    });
    expect(refuse(SURVEY_HEADERS.filter((h) => h !== '调查日期' && h !== '办件编号').join(','))).toEqual({
      ok: false,
      error: '缺少列：“调查日期”。请使用本轮的导入模板'
    });
    expect(refuse('编号,日期')).toMatchObject({ ok: false, error: expect.stringContaining('未找到表头行') });
  });
});

describe('a truncated file', () => {
  it('is refused when cut inside a row, and imports the complete rows when cut between rows', () => {
    const bytes = new TextEncoder().encode(FILE);
    const headerEnd = new TextEncoder().encode(FILE.slice(0, FILE.indexOf('\r\n') + 2)).length;
    fc.assert(
      fc.property(fc.integer({ min: headerEnd, max: bytes.length - 1 }), (cut) => {
        const read = readCsv(bytes.subarray(0, cut));
        // Cut inside a Chinese character (three bytes in UTF-8): refused as truncated too.
        if (!read.ok) {
          expect(read.error).toContain('被截断');
          return;
        }
        const v = validateSheet('survey', read.sheet, CTX, new Map());
        const text = new TextDecoder().decode(bytes.subarray(0, cut));
        const completeRows = text.split('\r\n').length - 1 - 1;
        const lastLine = text.split('\r\n').at(-1)!;
        if (v.ok) {
          // Cut at a row's end, or inside its last one-character cell (nothing lost).
          expect(
            lastLine === '' || lastLine.split(',').length === SURVEY_HEADERS.length || lastLine === '\r'
          ).toBe(true);
          expect(v.valid.length).toBeGreaterThanOrEqual(completeRows);
        } else expect(v.error).toMatch(/第 \d 行中途结束.*被截断/);
      })
    );
  });

  it('gives a short row that is not the last its own row/column message', () => {
    const v = validateSheet(
      'survey',
      csv(FILE.replace('Q-2,P02,2026-10-09,网上,SP1,3,3,2', 'Q-2,P02,2026-10-09')),
      CTX,
      new Map()
    );
    expect(v).toMatchObject({
      ok: true,
      issues: [
        { row: 3, column: '调查渠道', message: '本行只有 3 列，表头有 8 列：缺少“调查渠道”及之后的列' }
      ]
    });
  });

  it('flags a filled cell beyond the header and ignores empty ones', () => {
    const v = validateSheet(
      'survey',
      csv(FILE.replace('短信,,4,5,5', '短信,,4,5,5,,').replace('网上,SP1,3,3,2', '网上,SP1,3,3,2,x')),
      CTX,
      new Map()
    );
    expect(v).toMatchObject({ ok: true, issues: [{ row: 3, column: 'I 列（无表头）' }] });
  });
});

describe('rows stored before', () => {
  const first = validateSheet('survey', csv(FILE), CTX, new Map());
  if (!first.ok) throw new Error(first.error);
  const stored = first.valid.map(({ input }) => ({
    record_no: input.recordNo,
    service_point_id: 'servicePointId' in input ? input.servicePointId : null,
    answered_on: (input as { answeredOn: string }).answeredOn,
    channel: (input as { channel: string }).channel,
    case_no: (input as { caseNo: string | null }).caseNo,
    overall: (input as { overall: number }).overall,
    aspects: (input as { aspects: object }).aspects
  }));

  it('are recognised from the stored row: the same content, the same identity', () => {
    stored.forEach((row, i) => {
      expect(contentOf(storedInput('survey', row))).toBe(contentOf(first.valid[i].input));
      expect(identityOf('survey', storedInput('survey', row))).toBe(
        identityOf('survey', first.valid[i].input)
      );
    });
  });

  it('are skipped when identical (re-importing stores nothing) and refused when different', () => {
    const again = validateSheet('survey', csv(FILE), CTX, storedIdentities('survey', stored));
    expect(again).toMatchObject({ ok: true, skipped: 3, valid: [], issues: [] });
    const changed = validateSheet(
      'survey',
      csv(FILE.replace('Q-2,P02,2026-10-09,网上,SP1,3', 'Q-2,P02,2026-10-09,网上,SP1,4')),
      CTX,
      storedIdentities('survey', stored)
    );
    expect(changed).toMatchObject({
      ok: true,
      skipped: 2,
      issues: [{ row: 3, column: '记录编号', message: DUPLICATE_STORED }]
    });
    // The same number at another service point is another record.
    const elsewhere = validateSheet(
      'survey',
      csv(FILE.replace('Q-2,P02', 'Q-2,P01')),
      CTX,
      storedIdentities('survey', stored)
    );
    expect(elsewhere).toMatchObject({ ok: true, skipped: 2, valid: [{ row: 3 }] });
  });
});

describe('XLSX cells and templates', () => {
  it('refuse a formula cell by its address, and keep the cached result out', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问卷');
    ws.addRow(SURVEY_HEADERS);
    ws.addRow(['Q-1', 'P01', new Date('2026-10-08T00:00:00Z'), '现场', '', 5, 4, 4]);
    ws.getCell('C2').numFmt = 'yyyy/m/d';
    ws.addRow(['Q-2', 'P01', '2026-10-09', '现场', '', { formula: 'F2', result: 5 }, 4, 4]);
    const read = await readXlsx(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    if (!read.ok) throw new Error(read.error);
    expect(validateSheet('survey', read.sheet, CTX, new Map())).toMatchObject({
      ok: true,
      valid: [{ row: 2, input: { answeredOn: '2026-10-08', overall: 5 } }],
      issues: [
        {
          row: 3,
          column: '总体满意度',
          message: '单元格 F3 是公式（=F2），导入只接受数值或文字，请改为直接填写结果'
        }
      ]
    });
  });

  it('have one column per item of the round’s instrument set, headed in Chinese', () => {
    const round = { month: '2026-10-01', periodFrom: '2026-10-01', periodTo: '2026-10-31' };
    const facility = importTemplate('facility', CTX.set, round, { servicePoints: ['P01 中心'], windows: [] });
    expect(facility.columns.map((c) => c.header)).toEqual([
      '记录编号',
      '服务点编码',
      '检查日期',
      '标识标牌清晰规范（10分）',
      '母婴室设置（10分）',
      '备注'
    ]);
    expect(facility.rows).toEqual([]);
    expect(facility.notes).toContain('服务点编码：P01 中心');
    const visit = importTemplate('visit', CTX.set, round, { servicePoints: [], windows: ['W01 窗口'] });
    expect(visit.columns.map((c) => c.key)).toEqual([
      'recordNo',
      'window',
      'visitedOn',
      'visitedTime',
      'matter',
      'item_greeting',
      'waitingMinutes',
      'problems'
    ]);
  });
});
