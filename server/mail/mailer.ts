import { withoutInvisible } from '../../shared/field-rules';

export interface OutgoingMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (the References by which a reply finds its complaint). */
  headers?: Record<string, string>;
}

/**
 * `"Name" <address>` with the name as a quoted string (RFC 5322), so a name with commas, angle
 * brackets or quotes can never add or change an address, and line breaks cannot add headers.
 */
export function mailbox(name: string, address: string): string {
  const quoted = withoutInvisible(name, ' ').replace(/\s+/g, ' ').trim().replace(/["\\]/g, '\\$&');
  return `"${quoted}" <${address}>`;
}

export type SendResult =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; error: string; retryAfterSeconds?: number };

/** Sends one message; the outbox row id is the idempotency key, so a retry never sends twice. */
export interface Mailer {
  send(mail: OutgoingMail, idempotencyKey: string): Promise<SendResult>;
}
