import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

/** Small crypto helpers (WebCrypto, node:crypto) that run alike on Workers, Node and in tests. */

const encoder = new TextEncoder();

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * SHA-256 of a text, hex. Synchronous (node:crypto, which Workers have with nodejs_compat):
 * several hashes per request through WebCrypto's promises cost more than the hashing.
 */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** HMAC-SHA256 of a text under a key (node:crypto; Workers have it with nodejs_compat). */
export function hmacSha256(key: string | Uint8Array, text: string): Uint8Array {
  return createHmac('sha256', key).update(text).digest();
}

/** A random secret of `bytes` bytes (default 32 = 256 bits), base64url. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Compares two strings in time that does not depend on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return diff === 0;
}

const IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

// AES-256 under the SHA-256 of the secret: a hash, not a slow derivation, as every secret here
// is a random server secret (or holds one).
const keyOf = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * Encrypts `plain` under a key derived from `secret` (AES-GCM; iv, ciphertext and tag,
 * base64url), bound to `context` when given (its additional data): what is sealed for one context
 * (a complaint) does not open for another. node:crypto, synchronously (workerd has it too):
 * WebCrypto's round trip through the thread pool cost a submission a fifth of its throughput.
 * The layout is WebCrypto's, so what it sealed before still opens.
 */
export function seal(plain: string, secret: string, context = ''): string {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  // No additional data is the same as empty additional data to AES-GCM, but workerd's
  // node:crypto fails final() ("Authentication failed") after an empty setAAD.
  if (context) cipher.setAAD(encoder.encode(context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return toBase64Url(Buffer.concat([iv, data]));
}

/** What `seal` sealed, or null under another secret or context, or when it is not sealed text. */
export function unseal(sealed: string, secret: string, context = ''): string | null {
  try {
    const bytes = fromBase64Url(sealed);
    if (bytes.length < IV_BYTES + GCM_TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), bytes.subarray(0, IV_BYTES));
    if (context) decipher.setAAD(encoder.encode(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    return null;
  }
}
