import type { Actor } from '../audit/audit.repository';
import type { Identity } from './identity';

/** The audit actor for a request's identity. */
export function actorOf(identity: Identity, ip?: string | null): Actor {
  return { userId: identity.userId, login: identity.login, roles: identity.roles, ip: ip ?? null };
}
