/**
 * Password hashing with PBKDF2-SHA256 through WebCrypto, so it runs the same on Workers and Node.
 * 100,000 iterations is the most Workers allow; the scheme and its parameters are stored with
 * each hash, so raising them later only needs a rehash at the next successful sign-in.
 */
import { timingSafeEqual, toBase64Url } from '../crypto';

export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = 'pbkdf2-sha256';
const encoder = new TextEncoder();

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

export async function hashPassword(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `${SCHEME}$${iterations}$${toBase64Url(salt)}$${await derive(password, salt, iterations)}`;
}

export interface Verification {
  ok: boolean;
  /** The stored hash uses other parameters than today's: store a fresh hash. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<Verification> {
  const [scheme, rounds, salt, hash] = stored.split('$');
  const iterations = Number(rounds);
  if (scheme !== SCHEME || !salt || !hash || !Number.isInteger(iterations) || iterations < 1) {
    return { ok: false, needsRehash: false };
  }
  const derived = await derive(password, fromBase64Url(salt), iterations);
  const ok = timingSafeEqual(derived, hash);
  return { ok, needsRehash: ok && iterations !== PBKDF2_ITERATIONS };
}

let dummy: string | undefined;

/**
 * A hash that no password matches, verified against when there is no usable account, so that an
 * unknown e-mail address costs the one derivation a wrong password costs. Random salt and random
 * "hash" rather than a hash of something: making it would cost a derivation of its own, on the
 * first unknown address only, and that difference would show.
 */
export function dummyHash(): string {
  const random = (bytes: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
  dummy ??= `${SCHEME}$${PBKDF2_ITERATIONS}$${random(16)}$${random(32)}`;
  return dummy;
}

/** A password for an account created without one: 120 random bits, easy to type. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  return toBase64Url(bytes).replace(/[-_]/g, 'x');
}
