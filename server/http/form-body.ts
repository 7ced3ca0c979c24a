import type { MultipartParser, MultipartPart } from '@remix-run/multipart-parser';
import type { Context } from 'hono';
import { discardRest } from './body';
import { ApiError } from './errors';

/**
 * Parts one multipart form may have, of any name. The widget sends its JSON and at most ten
 * files, the largest admin form some forty fields and ten documents; a body of thousands of tiny
 * parts is only there to make the parser work, so the read stops at the first part beyond this.
 */
export const MAX_FORM_PARTS = 100;

/**
 * The headers of one part (its name, file name and type). A browser's are a few hundred bytes;
 * a header that runs on is refused before it is held whole.
 */
export const MAX_PART_HEADER_BYTES = 8 * 1024;

export const isMultipart = (c: Context) =>
  (c.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');

/** One part of a multipart/form-data body, whole. */
export interface FormPart {
  name: string;
  /** Set for a file (an empty string for a file input left empty), absent for a text field. */
  filename: string | undefined;
  /** The media type the sender claims (files are checked by content elsewhere). */
  type: string;
  bytes: Uint8Array;
}

function formPart(part: MultipartPart): FormPart {
  return {
    name: part.name ?? '',
    filename: part.filename,
    type: part.mediaType ?? '',
    bytes: part.bytes,
  };
}

/** What the parser's refusal means for the sender: too many parts, or an unreadable body. */
function refusal(err: unknown): ApiError {
  if (err instanceof Error && err.name === 'MaxPartsExceededError') {
    return new ApiError(413, 'payload_too_large');
  }
  return new ApiError(400, 'bad_request');
}

/**
 * The parser, loaded on the first multipart body: most requests are JSON, and on Workers what
 * the script every request starts does not import stays out of it (test/worker.test.ts).
 */
const parserModule = () => import('@remix-run/multipart-parser');

/**
 * The parts of one chunk, each whole, one at a time: a consumer that stops at a part has the
 * parser go no further into the chunk. What the sender got wrong comes out as an ApiError.
 */
function* partsOf(parser: MultipartParser, chunk: Uint8Array | null): Generator<FormPart> {
  const parts = chunk === null ? null : parser.write(chunk);
  for (;;) {
    let part: FormPart;
    try {
      if (parts === null) return parser.finish();
      const next = parts.next();
      if (next.done) return;
      // Headers are decoded here (strict UTF-8): a part whose header is not readable is a 400.
      part = formPart(next.value);
    } catch (err) {
      throw refusal(err);
    }
    yield part;
  }
}

/**
 * The parts of a multipart/form-data body, each as soon as it has arrived, read from the stream
 * rather than buffered whole (Request.formData() reads every part before anyone can count them).
 * A consumer that stops early (too many files, a part it refuses) ends the parsing there: what
 * follows is neither parsed, hashed nor kept, only taken off the connection and dropped so the
 * answer reaches the client. The body's size is bounded by its route's `limitBody`; parts beyond
 * MAX_FORM_PARTS are a 413, a body that is not multipart a 400.
 */
export async function* multipartParts(c: Context): AsyncGenerator<FormPart> {
  const { getMultipartBoundary, MultipartParser } = await parserModule();
  const boundary = getMultipartBoundary(c.req.header('Content-Type') ?? '');
  const body = c.req.raw.body;
  if (!boundary || !body) throw new ApiError(400, 'bad_request');
  const parser = new MultipartParser(boundary, {
    maxParts: MAX_FORM_PARTS,
    maxHeaderSize: MAX_PART_HEADER_BYTES,
    // The route's body limit bounds every part and all of them together.
    maxFileSize: Number.MAX_SAFE_INTEGER,
    maxTotalSize: Number.MAX_SAFE_INTEGER,
  });
  const reader = body.getReader();
  let read = false;
  try {
    for (;;) {
      // A read fails with the body limit's 413, which goes to the sender as it is.
      const chunk = await reader.read();
      read = chunk.done;
      yield* partsOf(parser, chunk.done ? null : chunk.value);
      if (chunk.done) return;
    }
  } finally {
    // Stopped early: the rest is dropped unparsed (see discardRest), within the body limit.
    if (read) reader.releaseLock();
    else discardRest(reader);
  }
}
