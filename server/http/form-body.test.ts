import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { tenantOf } from '../../test/unit-fixtures';
import { readSubmission } from '../complaints/intake';
import { limitBody } from './body';
import type { AppEnv } from './context';
import { onError } from './errors';
import { MAX_FORM_PARTS, MAX_PART_HEADER_BYTES, multipartParts } from './form-body';

const encoder = new TextEncoder();

/** A tiny app that lists the parts it reads, or reads a submission of at most `maxFiles`. */
function app(limit = 1024 * 1024) {
  const hono = new Hono<AppEnv>();
  hono.onError(onError);
  hono.use(async (c, next) => {
    c.set('locale', 'en');
    c.set('tenant', tenantOf('totaalonder1dak'));
    await next();
  });
  hono.post('/parts', limitBody(limit), async (c) => {
    const parts = [];
    for await (const p of multipartParts(c)) {
      parts.push([p.name, p.filename ?? null, p.type, new TextDecoder().decode(p.bytes)]);
    }
    return c.json(parts);
  });
  hono.post('/submission', limitBody(limit), async (c) => {
    const { body, files } = await readSubmission(c, 'complaint', 2);
    return c.json({ body, files: files.map((f) => f.name) });
  });
  return hono;
}

/** A body of the given parts (header lines, content), streamed in small chunks. */
function body(parts: [string, string][], ending = '--b--\r\n') {
  const bytes = encoder.encode(
    `${parts.map(([header, content]) => `--b\r\n${header}\r\n\r\n${content}\r\n`).join('')}${ending}`,
  );
  let read = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(read, read + 256));
      read += 256;
    },
  });
  return { stream };
}

const field = (name: string, value: string): [string, string] => [
  `Content-Disposition: form-data; name="${name}"`,
  value,
];
const file = (name: string, filename: string, value: string): [string, string] => [
  `Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf`,
  value,
];

function post(path: string, b: ReturnType<typeof body>, type = 'multipart/form-data; boundary=b') {
  return app().request(path, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: b.stream,
    duplex: 'half',
  } as RequestInit);
}

describe('multipart parts', () => {
  test('come with their name, file name, claimed type and bytes', async () => {
    const res = await post(
      '/parts',
      body([
        field('complaint', '{"a":1}'),
        file('attachments', 'brief ë.pdf', '%PDF-'),
        file('attachments', '', ''),
      ]),
    );
    expect(await res.json()).toEqual([
      ['complaint', null, '', '{"a":1}'],
      ['attachments', 'brief ë.pdf', 'application/pdf', '%PDF-'],
      ['attachments', '', 'application/pdf', ''],
    ]);
  });

  test('a body that is not multipart, or not finished, is a 400', async () => {
    expect((await post('/parts', body([field('a', 'b')]), 'multipart/form-data')).status).toBe(400);
    expect((await post('/parts', body([field('a', 'b')], ''))).status).toBe(400);
    const other = body([field('a', 'b')]);
    expect((await post('/parts', other, 'multipart/form-data; boundary=c')).status).toBe(400);
  });

  test('a header over MAX_PART_HEADER_BYTES is a 400, and so is one that is not UTF-8', async () => {
    const long = `${field('a', '')[0]}\r\nX-Pad: ${'x'.repeat(MAX_PART_HEADER_BYTES)}`;
    expect((await post('/parts', body([[long, 'b']]))).status).toBe(400);
    const bytes = new Uint8Array([
      ...encoder.encode('--b\r\nX: '),
      0xff,
      ...encoder.encode('\r\n\r\nb\r\n--b--\r\n'),
    ]);
    const res = await app().request('/parts', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: bytes,
    });
    expect(res.status).toBe(400);
  });

  test('a part beyond MAX_FORM_PARTS is a 413', async () => {
    const many = body(Array.from({ length: 10 * MAX_FORM_PARTS }, () => field('x', '')));
    expect((await post('/parts', many)).status).toBe(413);
    const enough = body(Array.from({ length: MAX_FORM_PARTS }, () => field('x', '')));
    expect((await post('/parts', enough)).status).toBe(200);
  });
});

describe('a submission as multipart', () => {
  test('a file beyond the allowance is a 422 at once, before the parts run out', async () => {
    // Counted at the end, these would be a 413 for the parts before the count was looked at.
    const files = Array.from({ length: 2 * MAX_FORM_PARTS }, (_, i) =>
      file('attachments', `f${i}.pdf`, 'x'.repeat(200)),
    );
    const b = body([field('complaint', '{}'), ...files]);
    const res = await post('/submission', b);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({
      attachments: 'You can attach at most 2 files.',
    });
  });

  test('empty file inputs are no files; a second JSON part is a 400', async () => {
    const empty = file('attachments', '', '');
    const ok = await post(
      '/submission',
      body([field('complaint', '{"a":1}'), empty, empty, empty]),
    );
    expect(await ok.json()).toEqual({ body: { a: 1 }, files: [] });
    const twice = await post(
      '/submission',
      body([field('complaint', '{}'), field('complaint', '{}')]),
    );
    expect(twice.status).toBe(400);
  });

  test('past the body limit while reading is a 413', async () => {
    const big = body([field('complaint', '{}'), file('attachments', 'a.pdf', 'x'.repeat(4096))]);
    const res = await app(1024).request('/submission', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body: big.stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});
