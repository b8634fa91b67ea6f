import type { TableExport } from '../../export/table-export';
import { INSTRUMENT_LABELS, type InstrumentKind, type InstrumentSet } from '../instruments';
import { importColumns } from './columns';

// The downloadable template of an instrument: the header row the import expects (Chinese,
// from the round's instrument set). XLSX carries notes above the header (what each column
// takes); the import skips rows above the header. CSV is the header alone, so it stays
// machine-readable; the import page shows the same notes. No example row: a forgotten
// example would be imported as a record.

export function importTemplate(
  kind: InstrumentKind,
  set: InstrumentSet,
  round: { month: string; periodFrom: string; periodTo: string },
  units: { servicePoints: string[]; windows: string[] }
): TableExport {
  const columns = importColumns(kind, set);
  const codes = kind === 'visit' ? units.windows : units.servicePoints;
  const codeList =
    codes.length > 30 ? `${codes.slice(0, 30).join('、')} 等（共 ${codes.length} 个）` : codes.join('、');
  return {
    title: `${INSTRUMENT_LABELS[kind]}导入模板`,
    columns: columns.map((c) => ({ key: c.field, header: c.header, kind: 'text' as const })),
    rows: [],
    notes: [
      `测评期间 ${round.periodFrom} 至 ${round.periodTo}。从表头下一行起每行一条记录；表头以上的说明行导入时忽略。`,
      ...columns.map((c) => `${c.header}：${c.hint}${c.optional ? '' : '（必填）'}`),
      `${kind === 'visit' ? '窗口' : '服务点'}编码：${codeList}`,
      '请填写数值或文字，不要使用公式。同一单位下记录编号不可重复；再次导入同一文件不会重复保存。'
    ]
  };
}
