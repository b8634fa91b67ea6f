import { CHANNEL_LABELS, LEVEL_LABELS, type InstrumentKind, type InstrumentSet } from '../instruments';

// The columns of an instrument's import template, derived from the round's instrument set
// (one column per checklist item, visit item or aspect), with the Chinese header a person
// sees and the entry-form field it fills. Pure.

export interface ImportColumn {
  /** The entry form's field name: recordNo, servicePoint, item_<key>, aspect_<key> … */
  field: string;
  header: string;
  /** What to enter, for the template's notes and the import page. */
  hint: string;
  optional?: boolean;
}

/** A checklist item not applicable at this service point (stored as null: no points possible). */
export const NOT_APPLICABLE = '不适用';
const DATE_HINT = '年-月-日，如 2026-10-08（Excel 日期亦可），须在本轮测评期间内';
const LEVEL_HINT = `1–5 或文字：${[5, 4, 3, 2, 1].map((l) => `${l} ${LEVEL_LABELS[l]}`).join('、')}`;

export function importColumns(kind: InstrumentKind, set: InstrumentSet): ImportColumn[] {
  const recordNo = {
    field: 'recordNo',
    header: '记录编号',
    hint: '本机构的编号：字母、数字和 . _ -，如 Q-001'
  };
  if (kind === 'facility')
    return [
      recordNo,
      { field: 'servicePoint', header: '服务点编码', hint: '服务点的编码，如 P01' },
      { field: 'checkedOn', header: '检查日期', hint: DATE_HINT },
      ...set.facilityItems.map((item) => ({
        field: `item_${item.key}`,
        header: `${item.label}（${item.points}分）`,
        hint: `0–${item.points} 分，最多一位小数；不适用的项目填“${NOT_APPLICABLE}”`
      })),
      { field: 'notes', header: '备注', hint: '可空，最多 2000 字', optional: true }
    ];
  if (kind === 'visit')
    return [
      recordNo,
      { field: 'window', header: '窗口编码', hint: '窗口的编码，如 W01' },
      { field: 'visitedOn', header: '暗访日期', hint: DATE_HINT },
      { field: 'visitedTime', header: '暗访时间', hint: '时:分，如 09:30' },
      { field: 'matter', header: '咨询的事项', hint: '最多 200 字' },
      ...set.visitItems.map((item) => ({
        field: `item_${item.key}`,
        header: `${item.label}（${item.points}分）`,
        hint: `0–${item.points} 分，最多一位小数`
      })),
      { field: 'waitingMinutes', header: `${set.waiting.label}（分钟）`, hint: '0–600 的整数分钟' },
      { field: 'problems', header: '发现的问题', hint: '可空，最多 2000 字', optional: true }
    ];
  return [
    recordNo,
    { field: 'servicePoint', header: '服务点编码', hint: '可空（只计入全局）；如 P01', optional: true },
    { field: 'answeredOn', header: '调查日期', hint: DATE_HINT },
    { field: 'channel', header: '调查渠道', hint: Object.values(CHANNEL_LABELS).join('、') },
    { field: 'caseNo', header: '办件编号', hint: '可空', optional: true },
    { field: 'overall', header: '总体满意度', hint: LEVEL_HINT },
    ...set.surveyAspects.map((a) => ({ field: `aspect_${a.key}`, header: a.label, hint: LEVEL_HINT }))
  ];
}

/** Headers compared without spaces and with the points suffix optional: "环境整洁" = "环境整洁（15分）". */
export function headerKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/（[^（）]*）$/, '');
}

const CHANNEL_BY_LABEL = new Map<string, string>(
  Object.entries(CHANNEL_LABELS).map(([key, label]) => [label, key])
);
const LEVEL_BY_LABEL = new Map<string, string>(
  Object.entries(LEVEL_LABELS).map(([level, label]) => [label, level])
);

/**
 * A cell's text as the entry form would receive it: Chinese labels to the form's values,
 * the date and time spellings Excel writes to ISO. The form's checks then decide.
 */
export function formValue(field: string, raw: string): string {
  const v = raw.trim();
  if (field === 'channel') return CHANNEL_BY_LABEL.get(v) ?? v;
  if (field === 'overall' || field.startsWith('aspect_'))
    return LEVEL_BY_LABEL.get(v) ?? v.replace(/\.0+$/, '');
  if (field === 'checkedOn' || field === 'visitedOn' || field === 'answeredOn') {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
  }
  if (field === 'visitedTime') return v.replace(/^(\d{1,2}:\d{2}):00$/, '$1');
  return v;
}
