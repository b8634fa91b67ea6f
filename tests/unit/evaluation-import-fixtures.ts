import type { InstrumentSet } from '../../src/lib/server/evaluation/instruments';
import type { FormContext } from '../../src/lib/server/evaluation/record-forms';

// A round and instrument set for the import tests (the migration's defaults, shortened),
// a CSV writer with the variations real files have, and a GBK encoder (Node encodes only
// UTF-8; the table is built by decoding every GBK double-byte code).

export const SET: InstrumentSet = {
  id: 1,
  label: 't',
  facilityItems: [
    { key: 'signage', label: '标识标牌清晰规范', points: 10 },
    { key: 'mother_baby', label: '母婴室设置', points: 10 }
  ],
  visitItems: [{ key: 'greeting', label: '主动问候', points: 15 }],
  waiting: { label: '等候时间', points: 20, bands: [] },
  surveyAspects: [
    { key: 'attitude', label: '窗口服务态度' },
    { key: 'efficiency', label: '办事效率' }
  ]
};

export const CTX: FormContext = {
  set: SET,
  period: { from: '2026-10-01', to: '2026-10-31', today: '2026-11-05' },
  servicePoints: new Map([
    ['P01', 1],
    ['P02', 2]
  ]),
  windows: new Map([['W01', 11]])
};

export const SURVEY_HEADERS = [
  '记录编号',
  '服务点编码',
  '调查日期',
  '调查渠道',
  '办件编号',
  '总体满意度',
  '窗口服务态度',
  '办事效率'
];

export interface CsvStyle {
  bom: boolean;
  crlf: boolean;
  quoteAll: boolean;
  finalNewline: boolean;
}

export function writeCsv(rows: string[][], style: CsvStyle): string {
  const quote = (t: string) => (style.quoteAll || /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const nl = style.crlf ? '\r\n' : '\n';
  const body = rows.map((r) => r.map(quote).join(',')).join(nl) + (style.finalNewline ? nl : '');
  return (style.bom ? '\uFEFF' : '') + body;
}

let gbkTable: Map<string, number[]> | undefined;

export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** Common characters that GBK holds, for generated Chinese text. */
export const HANZI = [
  ...'办件服务窗口态度效率环境满意调查回访政务中心营业执照食品经营许可登记变更注销个体工商户'
];
