// The roles of shared/spec/security.md. Shared with the browser for labels only: every
// decision is taken on the server (src/lib/server/auth/guard.ts).

export const ROLES = [
  'leader',
  'inspector',
  'section_head',
  'staff',
  'evaluator',
  'admin',
  'auditor'
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  leader: '局领导',
  inspector: '纪检监察',
  section_head: '科长',
  staff: '窗口人员',
  evaluator: '第三方测评',
  admin: '系统管理员',
  auditor: '安全审计员'
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
