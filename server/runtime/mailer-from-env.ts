import type { Mailer } from '../mail/mailer';
import { resendMailer } from '../mail/resend-mailer';
import type { Env } from './env';

/**
 * The mailer RESEND_API_KEY asks for, or none (messages are then held). Only what sends mail
 * needs it: the Node entry (its jobs timer), `npm run jobs` and the Worker's scheduled() module;
 * the Worker's fetch handler sends nothing, so its script does without the Resend SDK.
 */
export function mailerFromEnv(env: Env): Mailer | undefined {
  return env.RESEND_API_KEY
    ? resendMailer({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
    : undefined;
}
