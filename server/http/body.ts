import type { Context, MiddlewareHandler } from 'hono';
import type { Locale } from '../../shared/localised';
import { fieldMessage } from './error-messages';
import { ApiError } from './errors';

/**
 * How many bytes a request body may have, per kind of route. A body is refused with 413 before
 * it is read when its Content-Length says it is too big, and while it is read otherwise.
 */
export const BODY_LIMITS = {
  /** Lifecycle steps, staff accounts, anything else in JSON. */
  json: 64 * 1024,
  /** A complaint in JSON (description up to 10,000 characters, in any script). */
  submission: 128 * 1024,
  /** A whole procedure (or a tenant with its procedure). */
  procedure: 256 * 1024,
  /** The complainant's steps through the tracking link, JSON or form. */
  tracking: 64 * 1024,
  /** An admin page's form of text fields (its documents come on top where it takes them). */
  adminForm: 128 * 1024,
  /**
   * The sign-in form: an address, a password and the page to return to. Anyone may post it, so
   * it gets what it needs and no more; a megabyte of "sign-in" is someone else's upload.
   */
  signIn: 4 * 1024,
  /** The multipart framing around a submission's JSON part and files. */
  multipartOverhead: 16 * 1024,
} as const;

const tooLargeError = () => new ApiError(413, 'payload_too_large');

/**
 * Reads what is left of a body and drops it, in the background. A server that answers before the
 * body is in must still take the rest off the connection: the client is still sending it, and a
 * connection closed under it (cancelling the stream does that on Node), or left with the body
 * unread and then closed by the server's own drain timeout under the next request, loses an
 * answer. Dropping bytes costs next to nothing; it is the parsing, hashing and keeping that
 * stop. How much there can be is the route's body limit (limitBody): a declared length within
 * it, or a stream that errors there.
 */
export function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>) {
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // The connection went, or the body limit ended it: nothing left to drop.
    }
  })();
}

/**
 * The body as a stream that errors with `tooLarge()` once more than `max` bytes came through.
 * Nothing is buffered here, and nothing is read past the limit.
 */
function limitedStream(
  body: ReadableStream<Uint8Array>,
  max: number,
  tooLarge: () => Error,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) return controller.close();
      size += chunk.value.byteLength;
      if (size > max) controller.error(tooLarge());
      else controller.enqueue(chunk.value);
    },
  });
}

/**
 * 413 (in the API's error shape, or what `tooLarge` makes) once a body passes `maxSize` bytes:
 * at once when its Content-Length says so, else when the reader gets there.
 */
export function limitBody<C extends Context>(
  maxSize: number | ((c: C) => number),
  tooLarge: () => Error = tooLargeError,
): MiddlewareHandler {
  return (c, next) => {
    const max = typeof maxSize === 'number' ? maxSize : maxSize(c as C);
    // A declared length is checked from the header alone: asking for the body stream on Node
    // turns the light request into a full Request (a few percent of a submission's CPU), and the
    // HTTP parser never reads past the declared length anyway.
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      if (Number.parseInt(declared, 10) > max) throw tooLarge();
      return next();
    }
    const body = c.req.raw.body;
    if (body) {
      // Hono's bodyLimit buffers the whole body first; a streaming reader (multipart) would then
      // count parts only after every byte was in.
      c.req.raw = new Request(c.req.raw, {
        body: limitedStream(body, max, tooLarge),
        duplex: 'half',
      } as RequestInit);
    }
    return next();
  };
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

/** The request's media type, lower case, without parameters ('' when it has none). */
export const mediaTypeOf = (c: Context) =>
  (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Whether the body is JSON by its Content-Type (application/json, or a +json type). */
export const isJson = (c: Context) => JSON_TYPE.test(mediaTypeOf(c));

/** 415 naming what the route takes, in the request's language. */
export function unsupportedMediaType(c: Context, types: string): ApiError {
  const locale: Locale = c.get('locale') ?? 'nl';
  return new ApiError(415, 'unsupported_media_type', {
    'Content-Type': fieldMessage('mediaType', locale, { types }),
  });
}

/** Arrays and objects nested deeper than this are not a complaint, a procedure or a step. */
export const MAX_JSON_DEPTH = 32;

/** Whether no array or object in a JSON text is nested deeper than `max` (a linear scan). */
export function withinJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return false;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return true;
}

/** Parses a JSON text that a client sent; anything unreadable or too deep is a 400. */
export function parseJson(text: string): unknown {
  if (!withinJsonDepth(text)) throw new ApiError(400, 'bad_request');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request');
  }
}

/**
 * The request's JSON text: '' for an empty body, which routes without a body take as `{}`; a
 * body of another media type is a 415 (read, within its limit, to see whether there is one).
 */
async function jsonText(c: Context): Promise<string> {
  const text = await c.req.text();
  if (text.trim() === '') return '';
  if (!isJson(c)) throw unsupportedMediaType(c, 'application/json');
  return text;
}

/**
 * Limits a JSON body to `maxSize` bytes and checks that it can be read (JSON by its
 * Content-Type, well-formed, not too deep) before any handler or validator sees it; they read
 * the same text again from Hono's cache. An empty body passes: routes without a body take `{}`.
 */
export function jsonBody(maxSize: number): MiddlewareHandler {
  const limit = limitBody(maxSize);
  return (c, next) =>
    limit(c, async () => {
      const text = await jsonText(c);
      if (text !== '') parseJson(text);
      await next();
    });
}

/** The request's JSON body, or `{}` when it is empty (after `jsonBody` or `limitBody`). */
export async function readJson(c: Context): Promise<unknown> {
  const text = await jsonText(c);
  return text === '' ? {} : parseJson(text);
}
