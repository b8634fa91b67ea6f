import type { Role } from '../../roles';

/** Who is asking: resolved once per request in hooks.server.ts. */
export interface Identity {
  userId: number | null;
  login: string;
  displayName: string;
  roles: Role[];
  /** Row scope of a section head. */
  sectionCodes: string[];
  /** Row scope of a staff member (the source's staff_no). */
  staffNo: string | null;
  /** Row scope of an evaluator. */
  firmCode: string | null;
  mustChangePassword: boolean;
  via: 'session' | 'token';
}

export const SESSION_COOKIE = 'oversight_session';

/** 等保-style session limits (shared/spec/security.md). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;
