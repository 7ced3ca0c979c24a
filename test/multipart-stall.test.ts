import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BODY_LIMITS = { signIn: 4096 };
const MAX_FORM_PARTS = 100;

import { type RunningServer, startServer } from './server';
import { probeUntilTimely } from './stall-probe';

/*
 * One request must not stall the process for every tenant (issue #22, items 2 and 4), replayed
 * against the real Node entry in a process of its own while /health is asked over and over.
 * Before the multipart bodies were read as a stream, 150,000 one-byte files took 31 s to refuse
 * and held /health up as long; 80,000 empty parts to the sign-in held it up 4.3 s.
 */

/** How long a refusal may take, and how late /health may answer meanwhile. */
const REFUSED_WITHIN_MS = 1_000;
const HEALTH_WITHIN_MS = 200;

const BOUNDARY = 'stall-probe-boundary';
const encoder = new TextEncoder();

/** A multipart body of `head` and then `count` copies of `part`, made without FormData. */
function multipart(head: string, part: string, count: number): Uint8Array {
  const first = encoder.encode(head);
  const each = encoder.encode(part);
  const last = encoder.encode(`--${BOUNDARY}--\r\n`);
  const body = new Uint8Array(first.length + each.length * count + last.length);
  body.set(first);
  for (let i = 0; i < count; i++) body.set(each, first.length + i * each.length);
  body.set(last, first.length + each.length * count);
  return body;
}

const complaintPart = (json: object) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="complaint"\r\n\r\n${JSON.stringify(json)}\r\n`;
const onePdfByte = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\nA\r\n`;
const emptyFileInput = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`;
const emptyField = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n`;

const complaint = {
  complainant: { name: 'Jansen', initials: 'J.', phone: '0612345678', email: 'j@example.nl' },
  description: 'Zie de bijlagen.',
  formShownAt: Date.UTC(2020, 0, 1),
  website: '',
};

function post(path: string, body: Uint8Array | ReadableStream<Uint8Array>, boundary = BOUNDARY) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    // The admin view's own origin, as its sign-in form would be posted from.
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: server.url },
    body: body as BodyInit,
    duplex: 'half',
  } as RequestInit);
}

/** The body in chunks of 64 KB without a Content-Length, as a client streaming it would. */
function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

async function answer(res: Promise<Response>) {
  const response = await res;
  return { status: response.status, text: await response.text() };
}

/** A request sent while /health is probed, until one try is timely (see probeUntilTimely). */
const timely = (send: () => Promise<Response>) =>
  probeUntilTimely(server.url, () => answer(send()), {
    workMs: REFUSED_WITHIN_MS,
    healthMs: HEALTH_WITHIN_MS,
  });

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
  // What a first request costs (loading modules, the first statements) is no stall of its own.
  await answer(
    post(
      '/v1/tenants/totaalonder1dak/complaints',
      multipart(complaintPart(complaint), onePdfByte, 1),
    ),
  );
  await answer(post('/admin/wenb/sign-in', multipart('', emptyField, 1)));
}, 60_000);
afterAll(() => server?.stop());

describe('a multipart body of very many parts is refused at once (item 2)', () => {
  test('150,000 one-byte files in 14.7 MB: 422 after the sixth, /health on time', async () => {
    const body = multipart(complaintPart(complaint), onePdfByte, 150_000);
    expect(body.length).toBeGreaterThan(14 * 1024 * 1024);
    const report = await timely(() => post('/v1/tenants/totaalonder1dak/complaints', body));
    expect(report.result.status).toBe(422);
    expect(JSON.parse(report.result.text).error.fields).toEqual({
      attachments: 'U kunt maximaal 5 bestanden meesturen.',
    });
    expect(report.workMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
  });

  test('150,000 empty file inputs, sent without a Content-Length: 413 at the part limit', async () => {
    const body = multipart(complaintPart(complaint), emptyFileInput, 150_000);
    const report = await timely(() =>
      post('/v1/tenants/totaalonder1dak/complaints', chunked(body)),
    );
    expect(report.result.status).toBe(413);
    expect(report.workMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
  });
});

describe('the sign-in takes a few KB (item 4)', () => {
  test('a sign-in of 1 MB is a 413 from its Content-Length, before it is read', async () => {
    const body = multipart('', emptyField, Math.ceil((1024 * 1024) / emptyField.length));
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await answer(post('/admin/wenb/sign-in', body));
    expect(res.status).toBe(413);
    expect(res.text).toContain('Het formulier is te groot');
  });

  test('80,000 empty parts, streamed: refused at the limit, /health on time', async () => {
    const body = multipart('', emptyField, 80_000);
    const report = await timely(() => post('/admin/wenb/sign-in', chunked(body)));
    expect(report.result.status).toBe(413);
    expect(report.workMs).toBeLessThan(REFUSED_WITHIN_MS);
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
  });

  test('within its size, a sign-in of more parts than any form has is a 413', async () => {
    // Parts of one short header each, so that many fit in the sign-in's few KB.
    const tiny = encoder.encode(`${'--b\r\na:b\r\n\r\n\r\n'.repeat(MAX_FORM_PARTS + 1)}--b--\r\n`);
    expect(tiny.length).toBeLessThan(BODY_LIMITS.signIn);
    expect((await answer(post('/admin/wenb/sign-in', tiny, 'b'))).status).toBe(413);
    const fewer = encoder.encode(`${'--b\r\na:b\r\n\r\n\r\n'.repeat(MAX_FORM_PARTS)}--b--\r\n`);
    // As many as a form may have: read, and a sign-in without an address or password fails.
    expect((await answer(post('/admin/wenb/sign-in', fewer, 'b'))).status).toBe(401);
  });
});

describe('a body refused before it is in', () => {
  /** One request on `agent`; its status and whether it went over a connection used before. */
  function over(agent: Agent, path: string, body?: Uint8Array) {
    return new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, {
        agent,
        method: body ? 'POST' : 'GET',
        headers: body
          ? {
              'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
              'Content-Length': String(body.length),
            }
          : {},
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  test('is taken off the connection unparsed, which stays usable for the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Seven files of 1 MB: refused at the sixth, while the client still sends the seventh.
      const file = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n%PDF-${'x'.repeat(1024 * 1024)}\r\n`;
      const body = multipart(complaintPart(complaint), file, 7);
      const refused = await over(agent, '/v1/tenants/totaalonder1dak/complaints', body);
      expect(refused.status).toBe(422);
      // Longer than the Node server waits for a body nobody reads before it closes the connection.
      await new Promise((r) => setTimeout(r, 800));
      expect(await over(agent, '/health')).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
