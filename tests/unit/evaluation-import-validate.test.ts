import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../src/lib/server/export/index';
import { readCsv } from '../../src/lib/server/evaluation/import/csv';
import type { StoredIdentities } from '../../src/lib/server/evaluation/import/identity';
import { importTemplate } from '../../src/lib/server/evaluation/import/template';
import { validateSheet } from '../../src/lib/server/evaluation/import/validate';
import { readXlsx } from '../../src/lib/server/evaluation/import/xlsx';
import type { Sheet } from '../../src/lib/server/evaluation/import/sheet';
import { CTX, encodeGbk, HANZI, SURVEY_HEADERS, writeCsv } from './evaluation-import-fixtures';

// Every row checked by the entry forms' rules, errors by row (Excel's numbering, header =
// row 1) and column (the template's header). Generated valid questionnaires import; each
// kind of bad cell gives exactly its row/column message and leaves the other rows valid.

const NONE: StoredIdentities = new Map();
const LEVEL_WORDS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];
const level = fc.integer({ min: 1, max: 5 }).chain((l) => fc.constantFrom(String(l), LEVEL_WORDS[l - 1]));
const surveyRow = fc.record({
  servicePoint: fc.constantFrom('P01', 'P02', ''),
  day: fc.integer({ min: 1, max: 31 }),
  slash: fc.boolean(),
  channel: fc.constantFrom('现场', '电话回访', '网上', '短信', 'onsite'),
  caseNo: fc.array(fc.constantFrom(...HANZI, 'A', '1', ',', '"'), { maxLength: 12 }).map((a) => a.join('')),
  levels: fc.tuple(level, level, level)
});
type Gen = typeof surveyRow extends fc.Arbitrary<infer T> ? T : never;
const rowsOf = (gens: Gen[]) =>
  gens.map((g, i) => [
    `Q-${i + 1}`,
    g.servicePoint,
    g.slash ? `2026/10/${g.day}` : `2026-10-${String(g.day).padStart(2, '0')}`,
    g.channel,
    g.caseNo,
    ...g.levels
  ]);
const sheetOf = (rows: string[][]): Sheet => {
  const read = readCsv(
    new TextEncoder().encode(
      writeCsv([SURVEY_HEADERS, ...rows], { bom: true, crlf: true, quoteAll: false, finalNewline: true })
    )
  );
  if (!read.ok) throw new Error(read.error);
  return read.sheet;
};
const validate = (sheet: Sheet, stored = NONE) => {
  const v = validateSheet('survey', sheet, CTX, stored);
  if (!v.ok) throw new Error(v.error);
  return v;
};

describe('valid files', () => {
  it('import every generated questionnaire, whatever the spelling of dates, levels and channels', () => {
    fc.assert(
      fc.property(fc.array(surveyRow, { minLength: 1, maxLength: 30 }), (gens) => {
        const v = validate(sheetOf(rowsOf(gens)));
        expect(v.issues).toEqual([]);
        expect(v.valid.map((r) => r.row)).toEqual(gens.map((_, i) => i + 2));
        v.valid.forEach(({ input }, i) => {
          const g = gens[i];
          expect(input).toMatchObject({
            recordNo: `Q-${i + 1}`,
            servicePointId: g.servicePoint === '' ? null : Number(g.servicePoint.slice(1)),
            answeredOn: `2026-10-${String(g.day).padStart(2, '0')}`,
            caseNo: g.caseNo.trim() === '' ? null : g.caseNo.trim()
          });
        });
      })
    );
  });

  it('read the same from the XLSX template (notes above the header) and from GBK', async () => {
    const gens = fc.sample(surveyRow, { numRuns: 20, seed: 7 });
    const rows = rowsOf(gens);
    const template = importTemplate(
      'survey',
      CTX.set,
      { month: '2026-10-01', periodFrom: '2026-10-01', periodTo: '2026-10-31' },
      { servicePoints: ['P01 中心'], windows: [] }
    );
    template.rows = rows.map((r) => Object.fromEntries(template.columns.map((c, i) => [c.key, r[i]])));
    const xlsx = await readXlsx(new Uint8Array(await toXlsx(template)));
    if (!xlsx.ok) throw new Error(xlsx.error);
    const fromXlsx = validate(xlsx.sheet);
    const gbk = readCsv(encodeGbk(toCsv(template).replace(/^\uFEFF/, '')));
    if (!gbk.ok) throw new Error(gbk.error);
    expect(gbk.sheet.encoding).toBe('GB18030');
    const fromCsv = validate(sheetOf(rows));
    expect(fromXlsx.valid.map((r) => r.input)).toEqual(fromCsv.valid.map((r) => r.input));
    expect(validate(gbk.sheet).valid.map((r) => r.input)).toEqual(fromCsv.valid.map((r) => r.input));
    // The XLSX header sits below the title and notes: rows keep Excel's numbers.
    expect(fromXlsx.valid[0].row).toBeGreaterThan(2);
  });
});

// One corruption per class: the cell to change, the value, the column and the message.
const BAD = {
  wrongType: { col: 5, value: '很好', column: '总体满意度', message: '请选择“总体满意度”的满意程度' },
  outOfRange: { col: 6, value: '6', column: '窗口服务态度', message: '请选择“窗口服务态度”的满意程度' },
  unknownUnit: { col: 1, value: 'P99', column: '服务点编码', message: '服务点“P99”不存在，请从列表中选择' },
  dateOutside: {
    col: 2,
    value: '2026-09-30',
    column: '调查日期',
    message: '调查日期须在本轮测评期间内（2026-10-01 至 2026-10-31）'
  },
  badChannel: { col: 3, value: '微信', column: '调查渠道', message: '请选择调查渠道' },
  formula: {
    col: 7,
    value: '=4+1',
    column: '办事效率',
    message: '单元格 H{row} 是公式（=4+1），导入只接受数值或文字，请改为直接填写结果'
  }
} as const;

describe('bad cells', () => {
  it('give exactly their row/column message, and the other rows stay valid', () => {
    fc.assert(
      fc.property(
        fc.array(surveyRow, { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(...(Object.keys(BAD) as (keyof typeof BAD)[])),
        (gens, pick, kind) => {
          const rows = rowsOf(gens);
          const at = pick % rows.length;
          const bad = BAD[kind];
          rows[at][bad.col] = bad.value;
          const v = validate(sheetOf(rows));
          expect(v.issues).toEqual([
            { row: at + 2, column: bad.column, message: bad.message.replace('{row}', String(at + 2)) }
          ]);
          expect(v.valid).toHaveLength(rows.length - 1);
          expect(v.errorRows).toBe(1);
        }
      )
    );
  });

  it('flag a repeated record (same unit and number) on its later row', () => {
    fc.assert(
      fc.property(fc.array(surveyRow, { minLength: 2, maxLength: 20 }), fc.nat(), fc.nat(), (gens, a, b) => {
        const rows = rowsOf(gens);
        const [first, later] = [a % rows.length, b % rows.length].sort((x, y) => x - y);
        if (first === later) return;
        rows[later] = [...rows[first]];
        const v = validate(sheetOf(rows));
        expect(v.issues).toEqual([
          {
            row: later + 2,
            column: '记录编号',
            message: `与第 ${first + 2} 行的记录编号相同（同一服务点），同一记录只能出现一次`
          }
        ]);
      })
    );
  });
});
