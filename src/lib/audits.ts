import type { Role } from './roles';

// Labels and access of the sampled audits (抽查), shared by the pages. Every decision is
// still taken on the server: these lists are what the loads and actions pass to requireRole.

/** May open plans, draws and the check of a draw. */
export const AUDIT_VIEW_ROLES: readonly Role[] = ['leader', 'inspector'];
/** May create plans and draw (security.md: inspectors plan and draw samples). */
export const AUDIT_DRAW_ROLES: readonly Role[] = ['inspector'];

export const STRATA_LABELS: Record<string, string> = {
  section: '按科室分层',
  matter: '按事项分层',
  none: '不分层'
};

export const SEED_ORIGIN_LABELS: Record<string, string> = {
  entered: '人工输入',
  generated: '系统随机生成'
};

/** 50000 → '5%'; the rate is held in millionths. */
export function formatRatePpm(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${fraction ? `${whole}.${fraction}` : whole}%`;
}
