import { withoutInvisible } from '../../shared/field-rules';
import { oneLine } from '../../shared/message-kinds';

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

// A header's name is printable ASCII without a colon (RFC 5322 field-name).
const FIELD_NAME = /^[!-9;-~]+$/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/**
 * The message as it may leave us: no header holds a line break or any other control character,
 * whatever a template or a value put there. The subject and extra header values are made one
 * line; an address with a control character in it is no address, so null (never sent).
 */
export function headerSafe(mail: OutgoingMail): OutgoingMail | null {
  if ([mail.from, mail.to, mail.replyTo ?? ''].some((address) => CONTROL.test(address))) {
    return null;
  }
  const headers = mail.headers
    ? Object.fromEntries(
        Object.entries(mail.headers)
          .filter(([name]) => FIELD_NAME.test(name))
          .map(([name, value]) => [name, oneLine(value)]),
      )
    : undefined;
  return { ...mail, subject: oneLine(mail.subject), ...(headers ? { headers } : {}) };
}
