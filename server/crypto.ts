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

async function aesKey(secret: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', encoder.encode(secret));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts `plain` with a key derived from `secret` (AES-GCM; iv prepended; base64url). */
export async function seal(plain: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await aesKey(secret),
    encoder.encode(plain),
  );
  const out = new Uint8Array(iv.length + data.byteLength);
  out.set(iv);
  out.set(new Uint8Array(data), iv.length);
  return toBase64Url(out);
}

export async function unseal(sealed: string, secret: string): Promise<string | null> {
  try {
    const bytes = fromBase64Url(sealed);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, 12) },
      await aesKey(secret),
      bytes.slice(12),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

// One key per secret for the life of the process: deriving it is cheap, but only once. Only for
// a server secret, so the map holds an entry or two.
const keptKeys = new Map<string, Buffer>();
function keptKey(secret: string): Buffer {
  let key = keptKeys.get(secret);
  if (!key) {
    key = createHash('sha256').update(secret).digest();
    keptKeys.set(secret, key);
  }
  return key;
}

const GCM_TAG_BYTES = 16;

/**
 * Encrypts `plain` under the key of a server secret, bound to `context` (AES-GCM's additional
 * data): what is sealed for one context (a complaint) does not open for another. node:crypto,
 * synchronous: WebCrypto's round trip through the thread pool cost a submission about a fifth of
 * its throughput. The layout is WebCrypto's (iv, ciphertext, tag), base64url.
 */
export function sealFor(plain: string, secret: string, context: string): string {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = createCipheriv('aes-256-gcm', keptKey(secret), iv);
  cipher.setAAD(encoder.encode(context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return toBase64Url(Buffer.concat([iv, data]));
}

/** What `sealFor` sealed, or null under another secret or context. */
export function unsealFor(sealed: string, secret: string, context: string): string | null {
  try {
    const bytes = fromBase64Url(sealed);
    if (bytes.length < 12 + GCM_TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', keptKey(secret), bytes.subarray(0, 12));
    decipher.setAAD(encoder.encode(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(12, bytes.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch {
    return null;
  }
}
