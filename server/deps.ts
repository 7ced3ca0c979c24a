import type { Context } from 'hono';
import type { TurnstileConfig } from './complaints/turnstile';
import type { Db } from './db/client';
import type { Limit } from './http/rate-limit';
import type { Mailer } from './mail/mailer';

export interface AppConfig {
  /** SHA-256 (hex) of the operator token that may create tenants. */
  operatorTokenHash: string;
  /**
   * The service's one public origin (e.g. https://klacht.example.nl): the base of every link we
   * hand out, in e-mail above all. Never taken from a request's Host header, which anyone can set.
   */
  publicUrl: string;
  /** The address e-mail is sent from (verified at Resend). */
  mailFrom?: string;
  /** Verifies Turnstile tokens for tenants whose form asks for it. */
  turnstile?: TurnstileConfig;
  /** Public submissions per tenant and client address (default 10 per 10 minutes). */
  submitLimit?: Limit;
}

/** Everything the app needs from outside; each entry and each test builds its own. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  clock?: () => Date;
  /** Sends e-mail; without it (no RESEND_API_KEY) messages are held, visible, never "sent". */
  mailer?: Mailer;
  /** The client's address (rate limits); each runtime knows its own way to find it. */
  clientAddress?: (c: Context) => string | undefined;
}

export type Clock = () => Date;
