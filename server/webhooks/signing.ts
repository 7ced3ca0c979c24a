import { Buffer } from 'node:buffer';
import { hmacSha256, seal, unseal } from '../crypto';

/*
 * Standard Webhooks (https://www.standardwebhooks.com): every request carries `webhook-id`,
 * `webhook-timestamp` (seconds since 1970) and `webhook-signature`: `v1,` and the base64
 * HMAC-SHA256 of `${id}.${timestamp}.${body}` under the secret's bytes (the base64 after
 * `whsec_`).
 */

/** A new signing secret: `whsec_` and 32 random bytes in base64. Shown once. */
export function newSigningSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}

export function signatureHeaders(secret: string, id: string, timestamp: number, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = Buffer.from(hmacSha256(key, `${id}.${timestamp}.${body}`)).toString('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${mac}`,
  };
}

// Each endpoint's secret is sealed under its own key (server secret + endpoint id), so a sealed
// secret copied to another endpoint's row does not open.
const sealingKey = (serverSecret: string, endpointId: string) =>
  `webhook-secret:${endpointId}:${serverSecret}`;

export function sealSecret(secret: string, serverSecret: string, endpointId: string) {
  return seal(secret, sealingKey(serverSecret, endpointId));
}

/** The endpoint's secret, or null when the server secret has changed since it was made. */
export function openSecret(sealed: string, serverSecret: string, endpointId: string) {
  return unseal(sealed, sealingKey(serverSecret, endpointId));
}
