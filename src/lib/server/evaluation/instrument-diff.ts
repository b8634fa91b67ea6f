import type { InstrumentSet, PointsItem, SurveyAspect } from './instruments';

// Pure: what changed from one instrument set to the next, in Chinese, for the versions
// list (/evaluation/instruments). Items are matched by key, so a relabelled item reads as
// relabelled, not as one removed and one added (keys stay stable across versions).

type Content = Pick<InstrumentSet, 'facilityItems' | 'visitItems' | 'waiting' | 'surveyAspects'>;

export interface ListChange {
  added: string[];
  removed: string[];
  relabelled: { from: string; to: string }[];
  /** Items whose points changed: label, old points, new points. */
  repointed: { label: string; from: number; to: number }[];
  reordered: boolean;
}

export function diffList<T extends PointsItem | SurveyAspect>(before: T[], after: T[]): ListChange {
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Map(after.map((i) => [i.key, i]));
  const kept = after.filter((i) => old.has(i.key));
  const keptBefore = before.filter((i) => now.has(i.key));
  return {
    added: after.filter((i) => !old.has(i.key)).map((i) => i.label),
    removed: before.filter((i) => !now.has(i.key)).map((i) => i.label),
    relabelled: kept
      .filter((i) => old.get(i.key)!.label !== i.label)
      .map((i) => ({ from: old.get(i.key)!.label, to: i.label })),
    repointed: kept
      .filter((i) => 'points' in i && (old.get(i.key) as PointsItem).points !== i.points)
      .map((i) => ({
        label: i.label,
        from: (old.get(i.key) as PointsItem).points,
        to: (i as PointsItem).points
      })),
    reordered: kept.some((i, n) => keptBefore[n].key !== i.key)
  };
}

function describeList(what: string, change: ListChange): string[] {
  const lines: string[] = [];
  const quoted = (labels: string[]) => labels.map((l) => `“${l}”`).join('、');
  if (change.added.length) lines.push(`${what}新增 ${quoted(change.added)}`);
  if (change.removed.length) lines.push(`${what}删除 ${quoted(change.removed)}`);
  for (const r of change.relabelled) lines.push(`${what}“${r.from}”改名为“${r.to}”`);
  for (const r of change.repointed) lines.push(`${what}“${r.label}”分值 ${r.from} → ${r.to}`);
  if (change.reordered) lines.push(`${what}调整了顺序`);
  return lines;
}

const bandsText = (set: Content) =>
  set.waiting.bands.map((b) => `≤${b.maxMinutes}分钟 ${b.points}分`).join('，');

/** The changes from `before` to `after`, one Chinese line each; empty when the content is the same. */
export function describeInstrumentChanges(before: Content, after: Content): string[] {
  const lines = [
    ...describeList('明察：', diffList(before.facilityItems, after.facilityItems)),
    ...describeList('暗访：', diffList(before.visitItems, after.visitItems))
  ];
  const [w0, w1] = [before.waiting, after.waiting];
  if (w0.label !== w1.label) lines.push(`暗访：“${w0.label}”改名为“${w1.label}”`);
  if (w0.points !== w1.points) lines.push(`暗访：${w1.label}满分 ${w0.points} → ${w1.points}`);
  if (bandsText(before) !== bandsText(after))
    lines.push(`暗访：${w1.label}分档改为 ${bandsText(after)}（原为 ${bandsText(before)}）`);
  lines.push(...describeList('满意度：', diffList(before.surveyAspects, after.surveyAspects)));
  return lines;
}

/** Full points of each scored instrument (a preview; scores are earned ÷ possible × 100). */
export const totalPoints = (set: Content) => ({
  facility: set.facilityItems.reduce((sum, i) => sum + i.points, 0),
  visit: set.visitItems.reduce((sum, i) => sum + i.points, 0) + set.waiting.points
});
