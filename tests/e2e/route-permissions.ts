import type { Role } from '../../src/lib/roles';

// The permission table: every route and API endpoint, and what each role (and a
// signed-out visitor) gets for GET. The test walks it against the running app, and a
// unit test fails when a route exists that is not listed here.

export type Who = Role | 'anonymous' | 'token';
export const EVERYONE: Who[] = [
  'anonymous',
  'token',
  'leader',
  'inspector',
  'section_head',
  'staff',
  'evaluator',
  'admin',
  'auditor'
];

/** 'ok' 200 · 'login' 303 to /login · 'redirect' another 303 · 403 · 401 · 404 */
export type Outcome = 'ok' | 'login' | 'redirect' | 401 | 403 | 404;

export interface RouteRule {
  /** A concrete path to request for the route. */
  path: string;
  /** Who gets 200 (pages) — everyone else signed in gets 403, signed out 'login'. */
  allowed?: readonly Who[];
  /** Explicit outcomes, overriding `allowed`. */
  outcomes?: Partial<Record<Who, Outcome>>;
  api?: boolean;
}

const FIGURES: Who[] = ['leader', 'inspector', 'section_head'];
const AUDITS: Who[] = ['leader', 'inspector'];
const SIGNED_IN: Who[] = ['leader', 'inspector', 'section_head', 'staff', 'evaluator', 'admin', 'auditor'];

/** Keyed by SvelteKit route id. */
export const ROUTE_PERMISSIONS: Record<string, RouteRule> = {
  '/': { path: '/', allowed: FIGURES },
  // 大屏 and the JSON it refreshes from: the overview's audience.
  '/screen': { path: '/screen', allowed: FIGURES },
  '/screen/data': { path: '/screen/data', allowed: FIGURES },
  '/warnings': { path: '/warnings', allowed: FIGURES },
  // Sampled audits: leaders and inspectors see them, only inspectors plan and draw. No
  // plan or draw exists in the test world, so those allowed get 404 for plan/draw 1.
  '/audits': { path: '/audits', allowed: AUDITS },
  '/audits/plans/new': { path: '/audits/plans/new', allowed: ['inspector'] },
  '/audits/plans/[id]': { path: '/audits/plans/1', outcomes: { leader: 404, inspector: 404 } },
  '/audits/draws/[id]': { path: '/audits/draws/1', outcomes: { leader: 404, inspector: 404 } },
  '/audits/draws/[id]/population': {
    path: '/audits/draws/1/population',
    outcomes: { leader: 404, inspector: 404 }
  },
  '/audits/draws/[id]/cases/[case_no]': {
    path: '/audits/draws/1/cases/SP2026000001',
    outcomes: { leader: 404, inspector: 404 }
  },
  '/audits/verify': { path: '/audits/verify', allowed: AUDITS },
  // 督查概览, the reviews list behind its figures and its bands table as a file.
  '/audits/overview': { path: '/audits/overview', allowed: AUDITS },
  '/audits/overview/export': { path: '/audits/overview/export?format=xlsx', allowed: AUDITS },
  '/audits/reviews': { path: '/audits/reviews', allowed: AUDITS },
  // Scoresheet template versions: leaders read, inspectors make new versions (the action).
  '/audits/templates': { path: '/audits/templates', allowed: AUDITS },
  // Rectification notices: section heads and staff see their own (the list is scoped);
  // only inspectors issue. No notice exists in the test world: 404 for notice 1.
  '/rectification': { path: '/rectification', allowed: ['leader', 'inspector', 'section_head', 'staff'] },
  '/rectification/new': { path: '/rectification/new', allowed: ['inspector'] },
  '/rectification/[id]': {
    path: '/rectification/1',
    outcomes: { leader: 404, inspector: 404, section_head: 404, staff: 404 }
  },
  '/rectification/[id]/events/[event]/evidence': {
    path: '/rectification/1/events/1/evidence',
    outcomes: { leader: 404, inspector: 404, section_head: 404, staff: 404 }
  },
  // Reminders: every signed-in user sees their own (the list is filtered by user id).
  '/reminders': { path: '/reminders', allowed: SIGNED_IN },
  // Accountability: leaders and inspectors see it, only inspectors propose. No record exists
  // in the test world (404 for record 1); staff member 1 (E001) does.
  '/accountability': { path: '/accountability', allowed: AUDITS },
  '/accountability/new': { path: '/accountability/new', allowed: ['inspector'] },
  '/accountability/[id]': { path: '/accountability/1', outcomes: { leader: 404, inspector: 404 } },
  '/accountability/people/[staff_id]': { path: '/accountability/people/1', allowed: AUDITS },
  '/cases': { path: '/cases', allowed: FIGURES },
  '/cases/export': { path: '/cases/export', allowed: FIGURES },
  // 好差评 and 投诉: section heads see their own sections. The permission world has no rating
  // 1, so those allowed get 404 for it.
  '/ratings': { path: '/ratings', allowed: FIGURES },
  '/ratings/bad': { path: '/ratings/bad', allowed: FIGURES },
  '/ratings/bad/export': { path: '/ratings/bad/export', allowed: FIGURES },
  '/ratings/bad/[id]': {
    path: '/ratings/bad/999999',
    outcomes: { leader: 404, inspector: 404, section_head: 404 }
  },
  '/complaints': { path: '/complaints', allowed: FIGURES },
  '/complaints/export': { path: '/complaints/export', allowed: FIGURES },
  '/export/overview': { path: '/export/overview?table=figures', allowed: FIGURES },
  // A case of section S01: the test's section head is scoped to S01.
  '/cases/[case_no]': { path: '/cases/SP2026000001', allowed: FIGURES },
  '/api/v1/cases/[case_no]': {
    path: '/api/v1/cases/SP2026000001',
    api: true,
    allowed: [...FIGURES, 'token']
  },
  // 千分制考核: staff are sent to their own page (/appraisal/me); a person's page is row
  // scoped (staff W0001 is not staff 1 E001 of S01: 404). The export is the ranking's.
  '/appraisal': { path: '/appraisal', allowed: FIGURES, outcomes: { staff: 'redirect' } },
  '/appraisal/me': { path: '/appraisal/me', allowed: [...FIGURES, 'staff'] },
  '/appraisal/staff/[staff_id]': { path: '/appraisal/staff/1', allowed: FIGURES, outcomes: { staff: 404 } },
  '/appraisal/rules': { path: '/appraisal/rules', allowed: FIGURES },
  '/appraisal/export': { path: '/appraisal/export?format=xlsx', allowed: FIGURES },
  // Manual score events and appeals: leaders and section heads enter (heads for their own
  // sections); the appeals page lists a reviewer's queue or a staff member's own appeals.
  // No score event exists in the permission world: 404 for event 1 to everyone who may open one.
  '/appraisal/events/new': { path: '/appraisal/events/new', allowed: ['leader', 'section_head'] },
  '/appraisal/patrol': { path: '/appraisal/patrol', allowed: ['leader', 'section_head'] },
  '/appraisal/appeals': { path: '/appraisal/appeals', allowed: ['leader', 'section_head', 'staff'] },
  '/appraisal/events/[id]': {
    path: '/appraisal/events/1',
    outcomes: { leader: 404, inspector: 404, section_head: 404, staff: 404 }
  },
  '/appraisal/events/[id]/evidence/[file]': {
    path: '/appraisal/events/1/evidence/1',
    outcomes: { leader: 404, inspector: 404, section_head: 404, staff: 404 }
  },
  '/evaluation': { path: '/evaluation', allowed: ['leader', 'inspector', 'evaluator'] },
  // Third-party evaluation: only leaders assign rounds; only the round's firm enters data.
  // No round exists in the permission world, so those past the role check get 404.
  '/evaluation/rounds/new': { path: '/evaluation/rounds/new', allowed: ['leader'] },
  // Instrument versions: leaders edit (the action), inspectors read; evaluators see only
  // their own round's set, in its forms and templates.
  '/evaluation/instruments': { path: '/evaluation/instruments', allowed: ['leader', 'inspector'] },
  '/evaluation/rounds/[id]': {
    path: '/evaluation/rounds/1',
    outcomes: { leader: 404, inspector: 404, evaluator: 404 }
  },
  '/evaluation/rounds/[id]/results': {
    path: '/evaluation/rounds/1/results',
    outcomes: { leader: 404, inspector: 404, evaluator: 404 }
  },
  '/evaluation/rounds/[id]/[instrument=instrument]': {
    path: '/evaluation/rounds/1/visits',
    outcomes: { leader: 404, inspector: 404, evaluator: 404 }
  },
  '/evaluation/rounds/[id]/[instrument=instrument]/new': {
    path: '/evaluation/rounds/1/visits/new',
    outcomes: { evaluator: 404 }
  },
  // Bulk import and its templates: the round's firm only (evaluators past the role check
  // get 404: no round exists).
  '/evaluation/rounds/[id]/import': {
    path: '/evaluation/rounds/1/import',
    outcomes: { evaluator: 404 }
  },
  '/evaluation/rounds/[id]/import/template': {
    path: '/evaluation/rounds/1/import/template?instrument=surveys&format=csv',
    outcomes: { evaluator: 404 }
  },
  '/bulletins': { path: '/bulletins', allowed: FIGURES },
  // One bulletin and its XLSX: section heads read published ones only (404 for a draft).
  // No bulletin exists in the test world: 404 for those who may read.
  '/bulletins/[id]': { path: '/bulletins/1', outcomes: { leader: 404, inspector: 404, section_head: 404 } },
  '/bulletins/[id]/export': {
    path: '/bulletins/1/export',
    outcomes: { leader: 404, inspector: 404, section_head: 404 }
  },
  '/admin': { path: '/admin', allowed: ['admin'] },
  '/admin/status': { path: '/admin/status', allowed: ['admin'] },
  '/admin/users': { path: '/admin/users', allowed: ['admin'] },
  '/admin/calendar': { path: '/admin/calendar', allowed: ['admin'] },
  '/admin/matters': { path: '/admin/matters', allowed: ['admin'] },
  '/admin/accountability-levels': { path: '/admin/accountability-levels', allowed: ['admin'] },
  '/audit': { path: '/audit', allowed: ['auditor'] },
  '/account/password': { path: '/account/password', allowed: SIGNED_IN },
  '/login': {
    path: '/login',
    outcomes: Object.fromEntries(
      EVERYONE.map((w) => [w, w === 'anonymous' || w === 'token' ? 'ok' : 'redirect'])
    )
  },
  '/logout': { path: '/logout', outcomes: Object.fromEntries(EVERYONE.map((w) => [w, 'redirect'])) },
  '/api/v1/overdue': { path: '/api/v1/overdue?basis=statutory', api: true, allowed: [...FIGURES, 'token'] },
  '/api/v1/kpis': {
    path: '/api/v1/kpis?from=2025-01-01&to=2025-12-31',
    api: true,
    allowed: [...FIGURES, 'token']
  },
  '/api/v1/health': { path: '/api/v1/health', api: true, allowed: ['leader', 'admin', 'token'] }
};

export function expectedOutcome(rule: RouteRule, who: Who): Outcome {
  const explicit = rule.outcomes?.[who];
  if (explicit) return explicit;
  if (rule.allowed?.includes(who)) return 'ok';
  if (rule.api) return who === 'anonymous' ? 401 : 403;
  // A bearer token is honoured by the API only; on a page it is a signed-out visitor.
  if (who === 'anonymous' || who === 'token') return 'login';
  return 403;
}
