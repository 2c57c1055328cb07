// Random secrets (session ids, API tokens, CSRF tokens, one-time passwords) and the hash under which a secret is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: what a session id, a token or a CSRF token is made of. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * How a secret is stored: SHA-256, hex. The secrets are 256 random bits, so a fast hash is enough
 * (nothing to brute-force); a copy of the store gives no usable session or token.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
