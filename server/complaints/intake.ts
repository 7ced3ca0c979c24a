import type { Context, MiddlewareHandler } from 'hono';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { AppDeps } from '../deps';
import { BODY_LIMITS, limitBody, parseJson } from '../http/body';
import type { AppEnv, TenantRecord } from '../http/context';
import { foreignOrigin } from '../http/cors';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { addressNetwork, retryAfter, withinLimit } from '../http/rate-limit';
import { type IncomingFile, MAX_FILES_PER_STEP, readFile } from './attachments';
import { verifyTurnstile } from './turnstile';

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'bad_request');
  }
  return value as Record<string, unknown>;
}

/** People take longer than this to fill in a complaint; scripts do not. */
export const MIN_FILL_MS = 3_000;
/** Public submissions per tenant and client address when SUBMIT_RATE_LIMIT is not set. */
export const DEFAULT_SUBMIT_LIMIT = { max: 10, windowSeconds: 600 };

export const isMultipart = (c: Context) =>
  (c.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * The most bytes a submission to this tenant may have: the JSON, plus the files the procedure
 * allows (count × size) when it allows any, or staff may file. Checked before the body is read.
 */
export function submissionLimit(procedure: Procedure, multipart: boolean, asStaff = false): number {
  if (!multipart) return BODY_LIMITS.submission;
  const { mode, maxCount, maxBytes } = procedure.form.attachments;
  // Staff may file documents with any complaint (see checkStepFiles).
  const files = asStaff
    ? MAX_FILES_PER_STEP * maxBytes
    : mode === 'hidden'
      ? 0
      : maxCount * maxBytes;
  return BODY_LIMITS.submission + files + BODY_LIMITS.multipartOverhead;
}

/** The most bytes a step may have: its JSON, plus documents when it is sent as multipart. */
export function stepLimit(procedure: Procedure, multipart: boolean): number {
  if (!multipart) return BODY_LIMITS.json;
  const files = MAX_FILES_PER_STEP * procedure.form.attachments.maxBytes;
  return BODY_LIMITS.json + files + BODY_LIMITS.multipartOverhead;
}

export function limitSubmission(): MiddlewareHandler<AppEnv> {
  return limitBody((c) =>
    submissionLimit(c.get('tenant').procedure, isMultipart(c), c.get('actor').kind !== 'public'),
  );
}

/**
 * A browser says where a request comes from. A public submission from a page outside the
 * tenant's allowed origins is refused, even when it is a "simple" request that CORS lets through
 * unread; our own pages (the same origin) are always allowed. Calls without `Origin` come from
 * servers, not browsers, and pass.
 */
export function refuseForeignOrigin(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (foreignOrigin(deps, c) !== null) throw new ApiError(403, 'origin_not_allowed');
    await next();
  };
}

/**
 * Reads a body that may carry files: JSON, or multipart/form-data with the JSON in a part named
 * `jsonPart` (`complaint` for a submission, `step` for a lifecycle step) and the files in parts
 * named `attachments`.
 */
export async function readSubmission(
  c: Context<AppEnv>,
  jsonPart = 'complaint',
): Promise<{ body: Record<string, unknown>; files: IncomingFile[] }> {
  if (!isMultipart(c)) return { body: asObject(parseJson(await c.req.text())), files: [] };
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new ApiError(400, 'bad_request');
  }
  const part = form[jsonPart];
  const text = typeof part === 'string' ? part : part instanceof File ? await part.text() : '{}';
  return { body: asObject(parseJson(text)), files: await filesIn(form) };
}

/** The files of a parsed multipart form's `attachments` parts. */
export function filesIn(form: Record<string, unknown>): Promise<IncomingFile[]> {
  const raw = form.attachments;
  // A file input left empty still sends a part: no name, no bytes.
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (f): f is File => f instanceof File && !(f.name === '' && f.size === 0),
  );
  return Promise.all(list.map(readFile));
}

/**
 * Spam protection without barriers for the public form: a honeypot field people never see, a
 * minimum time between showing the form and sending it (the widget sends both), a rate limit per
 * tenant and client address, and (when the tenant turns it on and TURNSTILE_SECRET_KEY is set) a
 * Cloudflare Turnstile check. None of it applies to staff and API keys.
 */
export async function guardPublicSubmission(
  deps: AppDeps,
  tenant: TenantRecord,
  body: Record<string, unknown>,
  address: string,
  now: Date,
  locale: Locale,
) {
  // The honeypot is absent or empty; anything else (a text, a number, an object) is a script.
  if (body.website !== undefined && body.website !== '') throw new ApiError(422, 'not_sent');
  const shownAt = body.formShownAt;
  if (typeof shownAt !== 'number' || !Number.isSafeInteger(shownAt) || shownAt <= 0) {
    throw new ApiError(422, 'validation_failed', {
      formShownAt: fieldMessage(shownAt === undefined ? 'required' : 'type', locale),
    });
  }
  if (now.getTime() - shownAt < MIN_FILL_MS) throw new ApiError(422, 'not_sent');
  const limit = deps.config.submitLimit;
  const turnstile = deps.config.turnstile;
  if (
    turnstile &&
    tenant.procedure.form.turnstile &&
    !(await verifyTurnstile(turnstile, body.turnstileToken, address))
  ) {
    throw new ApiError(422, 'challenge_failed');
  }
  if (!(await withinLimit(deps.db, `submit:${tenant.id}:${addressNetwork(address)}`, limit, now))) {
    throw new ApiError(429, 'rate_limited', undefined, { retryAfter: retryAfter(limit, now) });
  }
}
