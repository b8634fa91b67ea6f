import { generateSeed, validateSeed } from './seed';
import type { AuditStrata, SeedOrigin } from './case-audits.table';

// The new-plan form, checked field by field with messages in Chinese. The rate is typed
// as a percentage and kept in millionths, parsed from its digits (no floating point), so
// what is stored is exactly what was typed.

export type FieldErrors = Partial<Record<string, string>>;

export interface PlanFormValues {
  title: string;
  periodFrom: string;
  periodTo: string;
  sectionCodes: string[];
  matterCodes: string[];
  strata: string;
  ratePercent: string;
  minimum: string;
  reviewersPerCase: string;
  seedMode: string;
  seed: string;
}

export interface CheckedPlan {
  title: string;
  periodFrom: string;
  periodTo: string;
  sectionCodes: string[];
  matterCodes: string[];
  strata: AuditStrata;
  ratePpm: number;
  minimum: number;
  reviewersPerCase: number;
  seed: string;
  seedOrigin: SeedOrigin;
}

export const PLAN_DEFAULTS = {
  strata: 'section',
  ratePercent: '5',
  minimum: '3',
  reviewersPerCase: '1',
  seedMode: 'entered'
} as const;

const TITLE_MAX = 200;
const MINIMUM_MAX = 10_000;

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** '5' → 50000, '2.5' → 25000, '0.0001' → 1; null when not a percentage with ≤ 4 decimals. */
export function percentToPpm(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

export function checkPlanForm(
  form: PlanFormValues,
  known: { sections: readonly string[]; matters: readonly string[] }
): { plan: CheckedPlan } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = '请填写计划名称';
  else if (title.length > TITLE_MAX) errors.title = `计划名称最多 ${TITLE_MAX} 个字`;

  if (!form.periodFrom) errors.periodFrom = '请填写办结日期起';
  else if (!isDate(form.periodFrom)) errors.periodFrom = '日期格式应为 YYYY-MM-DD';
  if (!form.periodTo) errors.periodTo = '请填写办结日期止';
  else if (!isDate(form.periodTo)) errors.periodTo = '日期格式应为 YYYY-MM-DD';
  else if (!errors.periodFrom && form.periodTo < form.periodFrom)
    errors.periodTo = '结束日期不能早于开始日期';

  const unknownSection = form.sectionCodes.find((c) => !known.sections.includes(c));
  if (unknownSection) errors.sectionCodes = `未知的科室：${unknownSection}`;
  const unknownMatter = form.matterCodes.find((c) => !known.matters.includes(c));
  if (unknownMatter) errors.matterCodes = `未知的事项：${unknownMatter}`;
  if (!['section', 'matter', 'none'].includes(form.strata)) errors.strata = '请选择分层方式';

  const rateText = form.ratePercent
    .trim()
    .replace(/[%％]$/, '')
    .replace(/[。．]/g, '.');
  const ratePpm = percentToPpm(rateText);
  if (!rateText) errors.ratePercent = '请填写抽查比例';
  else if (ratePpm === null) errors.ratePercent = '抽查比例应为数字，最多 4 位小数，例如 5 或 2.5';
  else if (ratePpm > 1_000_000) errors.ratePercent = '抽查比例应在 0 到 100% 之间';

  const minimumText = form.minimum.trim();
  const minimum = Number(minimumText);
  if (!minimumText) errors.minimum = '请填写每层最少抽取件数';
  else if (!/^\d+$/.test(minimumText) || minimum < 1) errors.minimum = '每层最少抽取件数应为不小于 1 的整数';
  else if (minimum > MINIMUM_MAX) errors.minimum = `每层最少抽取件数不能超过 ${MINIMUM_MAX}`;

  if (!['1', '2'].includes(form.reviewersPerCase)) errors.reviewersPerCase = '每件评查人数应为 1 或 2';

  let seed = '';
  let seedOrigin: SeedOrigin = 'entered';
  if (form.seedMode === 'generated') {
    // Generated here, when the plan is saved: fixed before any draw, and shown with the plan.
    seed = generateSeed();
    seedOrigin = 'generated';
  } else if (form.seedMode === 'entered') {
    const check = validateSeed(form.seed);
    if (check.ok) seed = check.seed;
    else errors.seed = check.error;
  } else errors.seedMode = '请选择随机种子的来源';

  if (Object.keys(errors).length) return { errors };
  return {
    plan: {
      title,
      periodFrom: form.periodFrom,
      periodTo: form.periodTo,
      sectionCodes: [...new Set(form.sectionCodes)].sort(),
      matterCodes: [...new Set(form.matterCodes)].sort(),
      strata: form.strata as AuditStrata,
      ratePpm: ratePpm!,
      minimum,
      reviewersPerCase: Number(form.reviewersPerCase),
      seed,
      seedOrigin
    }
  };
}
