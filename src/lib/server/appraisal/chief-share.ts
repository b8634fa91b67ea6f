import { CHIEF_SHARE_RULE, type RuleTarget } from '../../appraisal/catalogue';

// Pure: the chief representative's (首席代表) share of the deductions of their window's staff
// (shared/spec/scoring.md; docs/rules/appraisal.md "Automatic events"). Exact decimal
// arithmetic in integers: points in tenths (numeric(6,1)), the ratio in thousandths
// (numeric(4,3)), so −15 × 0.5 is exactly −7.5.

export interface CountingDeduction {
  /** score_events.id */
  id: string;
  staffId: number;
  month: string;
  occurredOn: string;
  target: RuleTarget;
  /** Negative; numeric text or number. */
  points: string | number;
}

export interface StaffOnWindow {
  id: number;
  windowId: number | null;
  position: string;
  active: boolean;
}

export interface ChiefShareEvent {
  staffId: number;
  month: string;
  occurredOn: string;
  ruleCode: typeof CHIEF_SHARE_RULE;
  target: RuleTarget;
  /** One decimal, e.g. '-7.5'. */
  points: string;
  sourceKey: string;
  /** The deduction shared. */
  sourceEventId: string;
}

const tenths = (points: string | number) => Math.round(Number(points) * 10);
const thousandths = (ratio: string | number) => Math.round(Number(ratio) * 1000);

/**
 * ratio × points rounded to the nearest half point, a quarter away from zero (−7.5 × 0.5 =
 * −3.75 → −4; −15 × 0.5 = −7.5 exactly): the score arithmetic works in half points
 * (score-types.ts chiefSharePoints, same rule), so a share must be one. Returned as
 * numeric text with one decimal ('-4.0', '-7.5').
 */
export function sharePoints(points: string | number, ratio: string | number): string {
  const product = tenths(points) * thousandths(ratio); // in ten-thousandths
  const halves = Math.sign(product) * Math.floor((Math.abs(product) + 2500) / 5000);
  const sign = halves < 0 ? '-' : '';
  const abs = Math.abs(halves);
  return `${sign}${Math.floor(abs / 2)}.${abs % 2 === 1 ? 5 : 0}`;
}

/**
 * The chief representative of each window: the active staff member with position
 * 'chief_rep' on it; with several (a data error), the smallest id, so the result is stable.
 */
export function chiefsByWindow(staff: readonly StaffOnWindow[]): Map<number, number> {
  const chiefs = new Map<number, number>();
  for (const s of staff) {
    if (s.position !== 'chief_rep' || !s.active || s.windowId === null) continue;
    const current = chiefs.get(s.windowId);
    if (current === undefined || s.id < current) chiefs.set(s.windowId, s.id);
  }
  return chiefs;
}

/**
 * One share event per counting deduction of a staff member whose window has a chief
 * representative other than themselves. The caller passes only counting deductions
 * (effective or upheld, not retracted, points < 0, not themselves shares); anything else
 * is skipped here too. A share that rounds to 0 is not an event.
 */
export function chiefShares(
  deductions: readonly CountingDeduction[],
  staff: readonly StaffOnWindow[],
  ratio: string | number
): ChiefShareEvent[] {
  if (thousandths(ratio) <= 0) return [];
  const chiefs = chiefsByWindow(staff);
  const windowOf = new Map(staff.map((s) => [s.id, s.windowId]));
  const shares: ChiefShareEvent[] = [];
  for (const d of deductions) {
    if (!(tenths(d.points) < 0)) continue;
    const windowId = windowOf.get(d.staffId);
    if (windowId === undefined || windowId === null) continue;
    const chief = chiefs.get(windowId);
    if (chief === undefined || chief === d.staffId) continue;
    const points = sharePoints(d.points, ratio);
    if (Number(points) === 0) continue;
    shares.push({
      staffId: chief,
      month: d.month,
      occurredOn: d.occurredOn,
      ruleCode: CHIEF_SHARE_RULE,
      target: d.target,
      points,
      sourceKey: `${CHIEF_SHARE_RULE}:${d.id}`,
      sourceEventId: d.id
    });
  }
  return shares;
}
