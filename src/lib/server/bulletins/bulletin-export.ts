import { BULLETIN_HEADING, chineseOrdinal, monthLabel, STATUS_LABELS } from '../../bulletins';
import type { BulletinContent, BulletinStatus, BulletinTable } from '../../bulletins';
import { formatDateTime } from '../../format';
import type { ExportColumnKind, SheetExport, TableExport } from '../export';

// A bulletin as an XLSX workbook (docs/rules/exports.md): a first sheet 通报 with the
// heading, number, commentary and each section's text, then one sheet per section with
// its tables one under another (its paragraphs above them). Pure.

export interface ExportableBulletin {
  title: string;
  month: string;
  status: BulletinStatus;
  number: string | null;
  commentary: string;
  correctionNote: string | null;
  correctsNumber: string | null;
  publishedAt: Date | null;
  content: BulletinContent;
}

const KINDS: Record<BulletinTable['columns'][number]['kind'], ExportColumnKind> = {
  text: 'text',
  integer: 'integer',
  decimal: 'number',
  percent: 'percent'
};

function toTable(table: BulletinTable, notes: string[] = []): TableExport {
  return {
    title: table.title,
    notes: [...notes, ...(table.notes ?? [])],
    columns: table.columns.map((c) => ({ key: c.key, header: c.header, kind: KINDS[c.kind] })),
    rows: table.rows
  };
}

const textTable = (title: string, lines: string[]): TableExport => ({
  title,
  columns: [{ key: 'text', header: '内容', kind: 'text', width: 100 }],
  rows: lines.map((text) => ({ text }))
});

export function bulletinSheets(b: ExportableBulletin, now: Date): SheetExport[] {
  const head = b.content.sections.map((s, i) => {
    const heading = `${chineseOrdinal(i + 1)}、${s.title}`;
    return s.status === 'ok' ? [heading, ...s.paragraphs] : [heading, s.reason];
  });
  const cover: TableExport = {
    title: BULLETIN_HEADING,
    notes: [
      b.title,
      `${b.number ?? '（未编号）'} · ${monthLabel(b.month)} · ${STATUS_LABELS[b.status]}` +
        (b.publishedAt ? ` · 发布于 ${formatDateTime(b.publishedAt)}` : ''),
      `数据截至 ${b.content.asOf}；导出时间 ${formatDateTime(now)}（北京时间）`
    ],
    columns: [{ key: 'text', header: '内容', kind: 'text', width: 100 }],
    rows: [
      ...(b.correctionNote
        ? [{ text: `本期为对${b.correctsNumber ?? '原通报'}的更正。更正说明：${b.correctionNote}` }]
        : []),
      ...(b.commentary ? [{ text: `领导点评：${b.commentary}` }] : []),
      ...head.flat().map((text) => ({ text }))
    ]
  };
  const sections = b.content.sections.map((s, i): SheetExport => {
    const name = `${chineseOrdinal(i + 1)} ${s.title}`;
    if (s.status === 'unavailable') return { name, tables: [textTable(s.title, [s.reason])] };
    if (s.tables.length === 0) return { name, tables: [textTable(s.title, s.paragraphs)] };
    return { name, tables: s.tables.map((t, j) => toTable(t, j === 0 ? s.paragraphs : [])) };
  });
  return [{ name: '通报', tables: [cover] }, ...sections];
}
