import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../shared/api';
import type { AppEnv } from './context';
import { ERROR_MESSAGES, type ErrorCode } from './messages';

/** The one exception the API throws for anything the client should see; `onError` renders it. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly fields?: Record<string, string>,
    /** A message that overrides the code's default (already localised). */
    readonly detail?: string,
    /** More machine-readable facts, e.g. the current status and the allowed actions on a 409. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(status, { message: code });
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
  detail?: string,
  extra?: Record<string, unknown>,
): ErrorBody {
  const locale = c.get('locale') ?? 'nl';
  return {
    error: {
      code,
      message: detail ?? ERROR_MESSAGES[code][locale],
      ...(fields ? { fields } : {}),
      ...extra,
    },
  };
}

export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(c, err.code, err.fields, err.detail, err.extra), err.status);
  }
  if (err instanceof HTTPException) {
    const code = STATUS_CODES[err.status] ?? 'bad_request';
    return c.json(errorBody(c, code), err.status);
  }
  // Database errors carry the statement's parameters, which may be personal data: log the kind
  // and the cause's code, never the values.
  const cause = (err as { cause?: { code?: string } }).cause;
  console.error(
    `${c.req.method} ${c.req.path}: ${err.name}${cause?.code ? ` (${cause.code})` : ''}`,
    err.stack?.split('\n').slice(1, 4).join(' | '),
  );
  return c.json(errorBody(c, 'internal'), 500);
}

export function notFound(c: Context<AppEnv>): Response {
  return c.json(errorBody(c, 'not_found'), 404);
}
