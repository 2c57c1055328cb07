// Password hashing with argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane), and a hash to verify
// against when the account does not exist, so an unknown user costs the same time as a wrong password.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is 2; the library declares it as a const enum, which isolated modules cannot read.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The shortest password a local account may have (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer input is refused before hashing: a megabyte "password" must not cost a megabyte of argon2. */
export const MAX_PASSWORD_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash, verifies against a decoy and answers false. */
export async function checkPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** A first (or reset) password to hand over: 20 characters of base64url, 120 random bits. */
export function firstPassword(): string {
  return randomBytes(15).toString('base64url');
}
