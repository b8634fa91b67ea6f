import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

// argon2id (memory-hard) with the library's defaults (19 MiB, 2 passes), the OWASP
// baseline; the parameters are stored in each hash, so they can be raised later.

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A Chinese message when the password is not acceptable, else null. */
export function passwordProblem(password: string, login?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (login && password.toLowerCase().includes(login.toLowerCase())) return '密码不能包含登录名';
  if (new Set(password).size < 4) return '密码过于简单';
  return null;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A one-time password for a new user, to be changed at first sign-in. */
export function generateOneTimePassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
