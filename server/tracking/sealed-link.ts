import { seal, unseal } from '../crypto';

/** Where tracking links point (the service's public origin) and the secret that seals them. */
export interface TrackingLinks {
  base: string;
  secretKey: string;
}

// Bound to its complaint, so a sealed link copied to another complaint's message does not open.
const purpose = (secretKey: string) => `tracking-link:${secretKey}`;

/**
 * A message that links to the tracking page waits in the outbox with its link sealed
 * (AES-GCM under the server secret): the database never holds a usable token, only its hash.
 */
export function sealLink(url: string, secretKey: string, complaintId: string): string {
  return seal(url, purpose(secretKey), complaintId);
}

/** The link again, or null when it does not open (another server secret, another complaint). */
export function openLink(sealed: string, secretKey: string, complaintId: string): string | null {
  return unseal(sealed, purpose(secretKey), complaintId);
}

/** A message's payload once its link is no longer needed: without it, sealed or not. */
export function withoutLink(pdPayload: unknown): Record<string, unknown> {
  const {
    trackingUrl: _,
    trackingSealed: __,
    ...payload
  } = (pdPayload ?? {}) as Record<string, unknown>;
  return payload;
}
