import type { Context } from 'hono';
import type { AppEnv } from '../context';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { retryAfter, withinLimit } from '../rate-limit';
import { type IncomingFile, readFile } from './attachments';
import { verifyTurnstile } from './turnstile';

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'bad_request');
  }
  return value as Record<string, unknown>;
}

/** People take longer than this to fill in a complaint; scripts do not. */
const MIN_FILL_MS = 3_000;
const DEFAULT_LIMIT = { max: 10, windowSeconds: 600 };

/**
 * Reads a submission: JSON, or multipart/form-data with the JSON in a part named `complaint` and
 * the files in parts named `attachments`.
 */
export async function readSubmission(
  c: Context<AppEnv>,
): Promise<{ body: Record<string, unknown>; files: IncomingFile[] }> {
  const type = c.req.header('Content-Type') ?? '';
  try {
    if (!type.startsWith('multipart/form-data')) {
      return { body: asObject(await c.req.json()), files: [] };
    }
    const form = await c.req.parseBody({ all: true });
    const part = form.complaint;
    const text = typeof part === 'string' ? part : part instanceof File ? await part.text() : '{}';
    const raw = form.attachments;
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (f): f is File => f instanceof File,
    );
    return { body: asObject(JSON.parse(text)), files: await Promise.all(list.map(readFile)) };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'bad_request');
  }
}

/**
 * Spam protection without barriers for the public form: a honeypot field people never see, a
 * minimum time between showing the form and sending it, a rate limit per tenant and client
 * address, and (when the tenant turns it on and TURNSTILE_SECRET_KEY is set) a Cloudflare
 * Turnstile check. None of it applies to staff and API keys.
 */
export async function guardPublicSubmission(
  deps: AppDeps,
  c: Context<AppEnv>,
  body: Record<string, unknown>,
  now: Date,
) {
  if (typeof body.website === 'string' && body.website.trim() !== '') {
    throw new ApiError(422, 'not_sent');
  }
  const shownAt = Number(body.formShownAt);
  if (Number.isFinite(shownAt) && shownAt > 0 && now.getTime() - shownAt < MIN_FILL_MS) {
    throw new ApiError(422, 'not_sent');
  }
  const limit = deps.config.submitLimit ?? DEFAULT_LIMIT;
  const address = deps.clientAddress?.(c) ?? c.req.header('cf-connecting-ip') ?? 'unknown-address';
  const turnstile = deps.config.turnstile;
  if (
    turnstile &&
    c.get('tenant').procedure.form.turnstile &&
    !(await verifyTurnstile(turnstile, body.turnstileToken, address))
  ) {
    throw new ApiError(422, 'challenge_failed');
  }
  if (!(await withinLimit(deps.db, `submit:${c.get('tenant').id}:${address}`, limit, now))) {
    c.header('Retry-After', String(retryAfter(limit, now)));
    throw new ApiError(429, 'rate_limited');
  }
}
