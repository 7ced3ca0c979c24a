import { Buffer } from 'node:buffer';
import { createCipheriv, createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { seal, unseal } from './crypto';

const encoder = new TextEncoder();

/** Sealed as the first version did, with WebCrypto: what the database already holds. */
async function sealedByWebCrypto(plain: string, secret: string): Promise<string> {
  const raw = await crypto.subtle.digest('SHA-256', encoder.encode(secret));
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plain));
  return Buffer.concat([iv, new Uint8Array(data)]).toString('base64url');
}

test('what WebCrypto sealed before still opens, and only under its secret and context', async () => {
  const stored = await sealedByWebCrypto('whsec_signing-secret', 'webhook-secret:ep_1:server');
  expect(unseal(stored, 'webhook-secret:ep_1:server')).toBe('whsec_signing-secret');
  expect(unseal(stored, 'webhook-secret:ep_2:server')).toBeNull();
  const bound = seal('https://klacht.test/track/abc', 'server', 'complaint-1');
  expect(unseal(bound, 'server', 'complaint-1')).toBe('https://klacht.test/track/abc');
  expect(unseal(bound, 'server', 'complaint-2')).toBeNull();
  expect(unseal(bound, 'server')).toBeNull();
  expect(unseal('too-short', 'server')).toBeNull();
});

test('what seal() wrote with empty additional data (before workerd needed none) still opens', () => {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = createHash('sha256').update('server').digest();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(new Uint8Array(0));
  const data = Buffer.concat([cipher.update('replay-token', 'utf8'), cipher.final()]);
  const stored = Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64url');
  expect(unseal(stored, 'server')).toBe('replay-token');
  expect(unseal(seal('replay-token', 'server'), 'server')).toBe('replay-token');
});
