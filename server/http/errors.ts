import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../shared/api';
import type { AppEnv } from './context';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages';

/** The one exception the API throws for anything the client should see; `onError` renders it. */
export class ApiError extends HTTPException {
  /** More machine-readable facts, e.g. the current status and the allowed actions on a 409. */
  readonly extra?: Record<string, unknown>;
  /** Seconds to wait before trying again (429), sent as Retry-After. */
  readonly retryAfter?: number;

  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
    options: { extra?: Record<string, unknown>; retryAfter?: number } = {},
  ) {
    super(status, { message: code });
    this.extra = options.extra;
    this.retryAfter = options.retryAfter;
  }
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
};

export function errorBody(
  c: Context<AppEnv>,
  code: ErrorCode,
  fields?: Record<string, string>,
  extra?: Record<string, unknown>,
): ErrorBody {
  const locale = c.get('locale') ?? 'nl';
  return {
    error: {
      code,
      message: ERROR_MESSAGES[code][locale],
      ...(fields ? { fields } : {}),
      ...extra,
    },
  };
}

/**
 * Logs an unexpected error without what it may carry: database errors hold the statement's
 * parameters (personal data), messages may quote input, and paths hold tracking tokens. What is
 * logged is where, the error's kind, the cause's code and the top of the stack.
 */
export function logError(where: string, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const cause = (e as { cause?: { code?: string } }).cause;
  // Only the stack's frames: a message may run over several lines (a failed query's parameters).
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  console.error(
    `${where}: ${e.name}${cause?.code ? ` (${cause.code})` : ''}`,
    frames.slice(0, 3).join(' | '),
  );
}

/** The route as registered (`/track/:token`), never the path itself, which may hold a token. */
export function routeOf(c: Context): string {
  return `${c.req.method} ${c.req.routePath}`;
}

export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    return c.json(errorBody(c, err.code, err.fields, err.extra), err.status);
  }
  if (err instanceof HTTPException) {
    const code = STATUS_CODES[err.status] ?? 'bad_request';
    return c.json(errorBody(c, code), err.status);
  }
  logError(routeOf(c), err);
  return c.json(errorBody(c, 'internal'), 500);
}
