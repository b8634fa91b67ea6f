import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../../roles';
import type { Identity } from './identity';

// The one place that says who may pass. Every load, form action and endpoint calls one
// of these first; the layout never decides. Pages get a redirect to sign-in, the JSON
// API a 401/403 (rendered as { error: { code, message } } by handleError).

interface GuardEvent {
  locals: App.Locals;
  url: URL;
}

const isApi = (url: URL) => url.pathname.startsWith('/api/');

/** Routes a user who must change a one-time password may still reach. */
const PASSWORD_CHANGE_ROUTES = ['/account/password', '/logout'];

export function requireUser(event: GuardEvent): Identity {
  const user = event.locals.user;
  if (!user) {
    if (isApi(event.url)) error(401, { message: '需要登录或 API 令牌', code: 'unauthorized' });
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  if (user.mustChangePassword && !isApi(event.url) && !PASSWORD_CHANGE_ROUTES.includes(event.url.pathname)) {
    redirect(303, '/account/password');
  }
  return user;
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

export function requireRole(event: GuardEvent, ...roles: Role[]): Identity {
  const user = requireUser(event);
  if (!hasRole(user, ...roles)) error(403, { message: '您的角色无权访问此页面', code: 'forbidden' });
  return user;
}

/** Roles that see every section; a section head sees only their own. */
const ALL_SECTIONS: Role[] = ['leader', 'inspector'];

/** The sections a user may see: 'all', or a list of section codes (possibly empty). */
export function sectionScope(identity: Identity): 'all' | string[] {
  if (hasRole(identity, ...ALL_SECTIONS)) return 'all';
  if (hasRole(identity, 'section_head')) return identity.sectionCodes;
  return [];
}

export function canSeeSection(identity: Identity, sectionCode: string | null | undefined): boolean {
  const scope = sectionScope(identity);
  return scope === 'all' || (sectionCode != null && scope.includes(sectionCode));
}

/** 404 rather than 403 for another section's row, so ids cannot be probed. */
export function requireSection(identity: Identity, sectionCode: string | null | undefined): void {
  if (!canSeeSection(identity, sectionCode)) error(404, { message: '未找到该记录', code: 'not_found' });
}

/** Only an inspector may reveal an applicant's ID number and phone, and each reveal is audited. */
export function canRevealPersonalData(identity: Identity): boolean {
  return identity.via === 'session' && hasRole(identity, 'inspector');
}
