import type { Context, MiddlewareHandler } from 'hono';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import { type AppDeps, clientAddressOf } from '../deps';
import { BODY_LIMITS, isJson, limitBody, parseJson, unsupportedMediaType } from '../http/body';
import type { AppEnv, TenantRecord } from '../http/context';
import { foreignOrigin } from '../http/cors';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { isMultipart, multipartParts } from '../http/form-body';
import { AttemptCounter, addressNetwork, retryAfter, withinLimit } from '../http/rate-limit';
import {
  type IncomingFile,
  MAX_FILES_PER_STEP,
  type ReceivedFile,
  readFile,
  tooManyFiles,
} from './attachments';
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

/**
 * Public submission attempts per tenant and client address in each SUBMIT_RATE_LIMIT window,
 * as a multiple of the submissions it allows, counted in this process before the body is read.
 * A person who corrects a refused form now and then stays well within it; a script that sends
 * body after body is refused before its bodies are parsed. The database's count of submissions
 * (in guardPublicSubmission) stays the rule, across processes and Worker isolates.
 */
export const SUBMIT_ATTEMPTS_PER_ALLOWED = 3;

/** How many files a submission may carry: ten for staff (see checkStepFiles), else the form's. */
export function fileAllowance(procedure: Procedure, asStaff: boolean): number {
  const { mode, maxCount } = procedure.form.attachments;
  return asStaff ? MAX_FILES_PER_STEP : mode === 'hidden' ? 0 : maxCount;
}

/**
 * The most bytes a submission to this tenant may have: the JSON, plus the files the procedure
 * allows (count × size) when it allows any, or staff may file. Checked before the body is read.
 */
export function submissionLimit(procedure: Procedure, multipart: boolean, asStaff = false): number {
  if (!multipart) return BODY_LIMITS.submission;
  const files = fileAllowance(procedure, asStaff) * procedure.form.attachments.maxBytes;
  return BODY_LIMITS.submission + files + BODY_LIMITS.multipartOverhead;
}

/** The most bytes a step may have: its JSON, plus documents when it is sent as multipart. */
export function stepLimit(procedure: Procedure, multipart: boolean): number {
  if (!multipart) return BODY_LIMITS.json;
  const files = MAX_FILES_PER_STEP * procedure.form.attachments.maxBytes;
  return BODY_LIMITS.json + files + BODY_LIMITS.multipartOverhead;
}

export function limitSubmission(): MiddlewareHandler<AppEnv> {
  return limitBody((c: Context<AppEnv>) =>
    submissionLimit(c.get('tenant').procedure, isMultipart(c), c.get('actor').kind !== 'public'),
  );
}

/**
 * Refuses a public submission (429) before its body is read once its sender has made more
 * attempts than SUBMIT_ATTEMPTS_PER_ALLOWED times the submissions SUBMIT_RATE_LIMIT allows. In
 * process, so it costs the submission no database round trip.
 */
export function gatePublicSubmission(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const attempts = new AttemptCounter();
  return async (c, next) => {
    if (c.get('actor').kind === 'public') {
      const limit = deps.config.submitLimit;
      const now = deps.clock();
      const key = `${c.get('tenant').id}:${addressNetwork(clientAddressOf(deps, c))}`;
      if (!attempts.hit(key, { ...limit, max: limit.max * SUBMIT_ATTEMPTS_PER_ALLOWED }, now)) {
        throw new ApiError(429, 'rate_limited', undefined, { retryAfter: retryAfter(limit, now) });
      }
    }
    await next();
  };
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

/** A file input left empty still sends a part: a file name of '' and no bytes. No document. */
const emptyFileInput = (filename: string, bytes: Uint8Array) =>
  filename === '' && bytes.byteLength === 0;

/**
 * Reads a body that may carry files: JSON (application/json), or multipart/form-data with the
 * JSON in a part named `jsonPart` (`complaint` for a submission, `step` for a lifecycle step) and
 * the files in parts named `attachments`; anything else is a 415. Parts are taken as they arrive:
 * a file beyond `maxFiles` is a 422 at once, and a second JSON part a 400, with the rest of the
 * body left unread. Only the files kept are hashed.
 */
export async function readSubmission(
  c: Context<AppEnv>,
  jsonPart: string,
  maxFiles: number,
): Promise<{ body: Record<string, unknown>; files: IncomingFile[] }> {
  if (!isMultipart(c)) {
    if (!isJson(c)) throw unsupportedMediaType(c, 'application/json, multipart/form-data');
    return { body: asObject(parseJson(await c.req.text())), files: [] };
  }
  let json: string | undefined;
  const received: ReceivedFile[] = [];
  for await (const part of multipartParts(c)) {
    if (part.name === jsonPart) {
      // Two JSON parts: which one was meant is anyone's guess.
      if (json !== undefined) throw new ApiError(400, 'bad_request');
      json = new TextDecoder().decode(part.bytes);
    } else if (
      part.name === 'attachments' &&
      part.filename !== undefined &&
      !emptyFileInput(part.filename, part.bytes)
    ) {
      if (received.length >= maxFiles) throw tooManyFiles(maxFiles, c.get('locale'));
      received.push({ name: part.filename, type: part.type, bytes: part.bytes });
    }
  }
  return {
    body: asObject(parseJson(json ?? '{}')),
    files: await Promise.all(received.map(readFile)),
  };
}

/** The files among a form's parts (see readForm): those of `attachments`, bar empty inputs. */
export function filesIn(files: ReceivedFile[]): Promise<IncomingFile[]> {
  return Promise.all(files.filter((f) => !emptyFileInput(f.name, f.bytes)).map(readFile));
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
