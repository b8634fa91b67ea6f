import type { Role } from '../../roles';

// Where each role lands after sign-in: its own work, not a page it may not open.
const HOME_BY_ROLE: [Role, string][] = [
  ['leader', '/'],
  ['inspector', '/audits'],
  ['section_head', '/'],
  ['staff', '/appraisal/me'],
  ['evaluator', '/evaluation'],
  ['admin', '/admin/status'],
  ['auditor', '/audit']
];

export function homeFor(roles: readonly Role[]): string {
  return HOME_BY_ROLE.find(([role]) => roles.includes(role))?.[1] ?? '/';
}

/** Only a local path is followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
