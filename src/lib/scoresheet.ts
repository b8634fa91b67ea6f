// Pure: no server imports. Re-exported from src/lib/server/case-audits/scoresheet.ts.
// The 100-point review of a case file (案卷评查, audits.md). Each item of the template
// records the points deducted and the defect found; a legality defect (违法审批, 越权审批…)
// sets the file's score to 0. Deductions are whole or half points, so every score is a
// multiple of 0.5 and is computed exactly in floating point.

export const FULL_MARKS = 100;
export const DEFECT_MAX_LENGTH = 500;

export interface ScoresheetItem {
  /** Stable English code, stored with each score. */
  code: string;
  label: string;
  /** Positive whole points. */
  points: number;
}

export type ScoresheetTemplate = readonly ScoresheetItem[];

export const DEFAULT_SCORESHEET: ScoresheetTemplate = Object.freeze([
  { code: 'acceptance', label: '受理', points: 15 },
  { code: 'notification', label: '一次性告知', points: 10 },
  { code: 'examination', label: '审查', points: 25 },
  { code: 'special_procedure', label: '特别程序', points: 5 },
  { code: 'decision', label: '决定', points: 15 },
  { code: 'time_limit', label: '时限', points: 10 },
  { code: 'service', label: '送达', points: 5 },
  { code: 'fees', label: '收费', points: 5 },
  { code: 'archiving', label: '归档', points: 10 }
]);

const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** The template's problems, in Chinese; empty when it is valid. */
export function validateTemplate(template: ScoresheetTemplate): string[] {
  const errors: string[] = [];
  if (template.length === 0) return ['评查表至少要有一个评查项目'];
  const codes = new Set<string>();
  for (const { code, label, points } of template) {
    if (!CODE.test(code))
      errors.push(`评查项目编码 “${code}” 无效：应为小写英文字母开头的字母、数字或下划线`);
    else if (codes.has(code)) errors.push(`评查项目编码重复：${code}`);
    codes.add(code);
    if (label.trim() === '') errors.push(`评查项目 ${code} 缺少名称`);
    if (!Number.isSafeInteger(points) || points <= 0) errors.push(`评查项目 ${code} 的分值应为正整数`);
  }
  const total = template.reduce((sum, item) => sum + item.points, 0);
  if (errors.length === 0 && total !== FULL_MARKS)
    errors.push(`评查表各项分值合计应为 ${FULL_MARKS} 分，现为 ${total} 分`);
  return errors;
}

export interface ScoreEntry {
  item: string;
  /** Points deducted: 0 to the item's points, in steps of 0.5. */
  deducted: number;
  /** The defect found; required when anything is deducted or `legality` is set. */
  defect?: string | null;
  /** The defect is a legality defect (违法审批, 越权审批, …): the file scores 0. */
  legality?: boolean;
}

export type Band = 'excellent' | 'pass' | 'fail';
export const BAND_NAMES: Record<Band, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

/** ≥ 90 优秀, ≥ 60 合格, else 不合格; no rounding first, so 89.5 is 合格 and 59.5 不合格. */
export function scoreBand(score: number): Band {
  if (score >= 90) return 'excellent';
  if (score >= 60) return 'pass';
  return 'fail';
}

export interface ItemScore {
  item: string;
  label: string;
  points: number;
  deducted: number;
  /** points − deducted (not zeroed by a legality defect: that is `FileScore.score`). */
  awarded: number;
  defect: string | null;
  legality: boolean;
}

export interface FileScore {
  /** 0 with a legality defect, otherwise 100 − the deductions. */
  score: number;
  /** 100 − the deductions, shown next to a legality-zeroed score. */
  scoreBeforeLegality: number;
  band: Band;
  legalityDefect: boolean;
  /** In template order; an item without an entry has nothing deducted. */
  perItem: ItemScore[];
}

export interface ScoreError {
  /** The item code, or null for an error of the template itself. */
  item: string | null;
  message: string;
}

export type ScoreResult = ({ ok: true } & FileScore) | { ok: false; errors: ScoreError[] };

/** Scores one file. At most one entry per item; errors (in Chinese) are all reported at once. */
export function scoreFile(template: ScoresheetTemplate, entries: readonly ScoreEntry[]): ScoreResult {
  const templateErrors = validateTemplate(template);
  if (templateErrors.length)
    return { ok: false, errors: templateErrors.map((message) => ({ item: null, message })) };

  const items = new Map(template.map((item) => [item.code, item]));
  const byItem = new Map<string, ScoreEntry>();
  const errors: ScoreError[] = [];
  for (const entry of entries) {
    const item = items.get(entry.item);
    const error = (message: string) => errors.push({ item: entry.item, message });
    if (!item) {
      error(`评查表中没有项目 “${entry.item}”`);
      continue;
    }
    if (byItem.has(entry.item)) {
      error(`${item.label}：同一项目只能填写一次`);
      continue;
    }
    byItem.set(entry.item, entry);
    const { deducted } = entry;
    const defect = entry.defect?.trim() ?? '';
    if (!Number.isFinite(deducted) || deducted < 0 || deducted > item.points)
      error(`${item.label}：扣分应在 0 到 ${item.points} 分之间`);
    else if (!Number.isInteger(deducted * 2)) error(`${item.label}：扣分应为 0.5 分的整数倍`);
    if (defect === '' && (deducted > 0 || entry.legality))
      error(`${item.label}：${entry.legality ? '合法性问题' : '扣分'}须写明发现的问题`);
    if (defect.length > DEFECT_MAX_LENGTH) error(`${item.label}：问题描述最多 ${DEFECT_MAX_LENGTH} 个字`);
  }
  if (errors.length) return { ok: false, errors };

  const perItem = template.map((item): ItemScore => {
    const entry = byItem.get(item.code);
    const deducted = entry?.deducted ?? 0;
    const defect = entry?.defect?.trim() || null;
    const legality = entry?.legality === true;
    return {
      item: item.code,
      label: item.label,
      points: item.points,
      deducted,
      awarded: item.points - deducted,
      defect,
      legality
    };
  });
  const scoreBeforeLegality = perItem.reduce((sum, i) => sum + i.awarded, 0);
  const legalityDefect = perItem.some((i) => i.legality);
  const score = legalityDefect ? 0 : scoreBeforeLegality;
  return { ok: true, score, scoreBeforeLegality, band: scoreBand(score), legalityDefect, perItem };
}

/** A unit's score: the plain mean of its files' scores (null with no files), unrounded. */
export function unitMean(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return scores.reduce((sum, s) => sum + s, 0) / scores.length;
}
