import { createHash, randomBytes } from 'node:crypto';

// Secrets (session cookies, API tokens) are random; only their SHA-256 is stored, so a
// copy of the database does not let anyone sign in.

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
