import { Resend } from 'resend';
import { headerSafe, type Mailer } from './mailer';

/** Resend's names for a message it will never take, whatever the status line said. */
const MALFORMED_ERRORS = new Set([
  'validation_error',
  'missing_required_field',
  'invalid_parameter',
  'invalid_attachment',
  'invalid_from_address',
  'invalid_idempotency_key',
]);

export interface ResendOptions {
  apiKey: string;
  /** Resend's API base URL; tests point it at a local capture server. */
  baseUrl?: string;
  /** A request that takes longer counts as failed and is retried (with the same key). */
  timeoutMs?: number;
}

/**
 * The mailer that sends through Resend. Its own module, so that code which only shapes messages
 * (and the Worker's request script) does without the SDK.
 */
export function resendMailer(options: ResendOptions): Mailer {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async send(unchecked, idempotencyKey) {
      const mail = headerSafe(unchecked);
      if (!mail) {
        return { ok: false, retryable: false, error: 'an address holds a control character' };
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const result = await Promise.race([
          resend.emails.send(
            {
              from: mail.from,
              to: mail.to,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
              ...(mail.headers ? { headers: mail.headers } : {}),
            },
            { idempotencyKey },
          ),
          timeout,
        ]);
        if (result === 'timeout') {
          return { ok: false, retryable: true, error: `no answer within ${timeoutMs} ms` };
        }
        if (result.data) return { ok: true, id: result.data.id };
        const error = result.error as {
          statusCode?: number | null;
          message?: string;
          name?: string;
        };
        const status = error?.statusCode ?? null;
        const retryAfter = Number(result.headers?.['retry-after']);
        // Only a message Resend itself finds malformed (400, 422) cannot succeed later. No
        // answer, a rate limit, an outage or a key or domain still being set up (401, 403)
        // can: keep trying rather than lose the message. The SDK passes on the error's body, so
        // an answer without `statusCode` in it is known by its name.
        const malformed =
          status === 400 ||
          status === 422 ||
          (status === null && MALFORMED_ERRORS.has(error?.name ?? ''));
        return {
          ok: false,
          retryable: !malformed,
          error: `${status ?? (malformed ? error?.name : 'network')}: ${error?.message ?? error?.name ?? 'unknown error'}`,
          ...(Number.isFinite(retryAfter) && retryAfter > 0
            ? { retryAfterSeconds: retryAfter }
            : {}),
        };
      } catch (err) {
        return { ok: false, retryable: true, error: `network: ${(err as Error).message}` };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
