import type { Context } from 'hono';
import type { TurnstileConfig } from './complaints/turnstile';
import type { Db } from './db/client';
import type { Limit } from './http/rate-limit';
import type { ParsedMail } from './inbound/parse-mail';
import type { WriteLetter } from './letters/letter-render';
import type { Mailer } from './mail/mailer';
import type { WebhookTransport } from './webhooks/transport';

export interface AppConfig {
  /** SHA-256 (hex) of the operator token that may create tenants. */
  operatorTokenHash: string;
  /**
   * The service's one public origin (e.g. https://klacht.example.nl): the base of every link we
   * hand out, in e-mail above all. Never taken from a request's Host header, which anyone can set.
   */
  publicUrl: string;
  /** The address e-mail is sent from (verified at Resend). */
  mailFrom: string;
  /** Messages per second to the mail provider (Resend allows 2 by default). */
  mailPerSecond: number;
  /** Verifies Turnstile tokens for tenants whose form asks for it. */
  turnstile?: TurnstileConfig;
  /** Public submissions per tenant and client address. */
  submitLimit: Limit;
  /**
   * The server's own secret (KLACHT_SECRET_KEY): seals webhook signing secrets at rest and keys
   * the references our e-mail carries, by which a reply finds its complaint.
   */
  secretKey: string;
  /** Development only: webhooks may use http and go to loopback, private or local addresses. */
  allowLocalWebhooks: boolean;
}

export type Clock = () => Date;

/** Everything the app needs from outside; each entry and each test builds its own. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  /** The current moment: the real one in the entries, a chosen one in tests. */
  clock: Clock;
  /** Sends e-mail; without it (no RESEND_API_KEY) messages are held, visible, never "sent". */
  mailer?: Mailer;
  /**
   * Sends one webhook request. The Node entry's resolves the host itself and refuses private
   * addresses at connect time; without one, fetch (the Worker's) after the literal checks.
   */
  webhookTransport?: WebhookTransport;
  /**
   * The client's address (rate limits, sign-in throttling), as the runtime knows it: the socket
   * on Node, Cloudflare's CF-Connecting-IP on Workers. Never a header a client can set itself.
   */
  clientAddress: (c: Context) => string | undefined;
  /**
   * Writes a letter as a PDF (pdf-lib). Node imports it; the Worker loads it as a separate
   * module on the first letter, so its ~190 KB do not weigh on every request's start.
   */
  writeLetter: WriteLetter;
  /**
   * Reads an inbound message (inbound/parse-mail.ts). The Node entry's runs it in a thread of
   * its own, so a large message does not hold up every other request; without one, in place
   * (the Worker, whose every e-mail event has its own CPU budget, and the tests).
   */
  parseMail?: (raw: Uint8Array) => Promise<ParsedMail>;
}

/** The address limits are counted under; requests without one share a single count. */
export function clientAddressOf(deps: AppDeps, c: Context): string {
  return deps.clientAddress(c) ?? 'unknown-address';
}
