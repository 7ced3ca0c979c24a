import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FORM_PARTS, MAX_PART_HEADER_BYTES } from '../server/http/form-body';
import { WIDGET_FIELDS } from './helpers';
import { PDF } from './mail-messages';
import { type RunningServer, startServer } from './server';
import { probeHealthDuring } from './stall-probe';

/*
 * Generated multipart bodies against the real Node entry (issue #22): many parts, huge part
 * headers, missing or wrong boundaries, nested and odd names, duplicate JSON parts, empty files,
 * parts after a file that is too large. Whatever arrives, every answer is a 2xx or a 4xx (in the
 * API's error shape on the API), quickly, /health keeps answering meanwhile, and afterwards
 * another tenant still takes a complaint.
 */

const RUNS = 250;
/** The slowest answer one generated body may get, and /health while they are sent. */
const ANSWER_WITHIN_MS = 2_000;
const HEALTH_WITHIN_MS = 1_000;

let server: RunningServer;
let key: string;
let number: string;

const encoder = new TextEncoder();
const complaint = {
  ...WIDGET_FIELDS,
  complainant: { name: 'Jansen', initials: 'J.', phone: '0612345678', email: 'j@example.nl' },
  description: 'Zie de bijlage.',
};

beforeAll(async () => {
  // Within the rate limits: what is fuzzed here is the reading, not the limits.
  server = await startServer({ SUBMIT_RATE_LIMIT: '100000/60' });
  key = server.keys.totaalonder1dak ?? '';
  const res = await fetch(`${server.url}/v1/tenants/totaalonder1dak/complaints`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(complaint),
  });
  number = (await res.json()).number;
}, 60_000);
afterAll(() => server?.stop());

interface Part {
  /** The header block as written, without the blank line after it. */
  header: string | Uint8Array;
  content: Uint8Array;
}

const disposition = (name: string, filename?: string) =>
  `Content-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;

/** The part names the routes read, their neighbours and odd ones. */
const name = fc.oneof(
  fc.constantFrom('complaint', 'step', 'attachments', 'email', 'password', 'next', '_csrf'),
  fc.constantFrom('attachments[]', 'complaint.description', 'a[b][c]', '__proto__', '', 'é'),
  fc.constantFrom('x'.repeat(300), 'na"me', 'na\\me'),
  fc.string({ maxLength: 12 }),
);
const filename = fc.option(
  fc.constantFrom('a.pdf', '', '../../x.html', 'foto ë.png', 'x'.repeat(2_000), 'a%22b.pdf'),
  { nil: undefined },
);
/** One byte over totaalonder1dak's 5 MB per file, with a PDF's first bytes. */
const tooLarge = new Uint8Array(5 * 1024 * 1024 + 1);
tooLarge.set(PDF);
const content = fc.oneof(
  { weight: 3, arbitrary: fc.constant(encoder.encode(JSON.stringify(complaint))) },
  fc.json({ maxDepth: 3 }).map((text) => encoder.encode(text)),
  fc.constant(Uint8Array.from(PDF)),
  fc.constant(new Uint8Array()),
  fc.uint8Array({ maxLength: 2_000 }),
  { weight: 1, arbitrary: fc.constant(tooLarge) },
);
const header = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(name, filename).map(([n, f]) => disposition(n, f)) },
  // A header far over the limit, one without a disposition, one that is not UTF-8.
  fc.constant(`${disposition('complaint')}\r\nX-Pad: ${'x'.repeat(MAX_PART_HEADER_BYTES + 10)}`),
  fc.constant('Content-Type: text/plain'),
  fc.constant(Uint8Array.from([0x43, 0x3a, 0xff, 0xfe, 0x20, 0x78])),
  fc.tuple(name, fc.string({ maxLength: 40 })).map(([n, extra]) => `${disposition(n)}; ${extra}`),
);
const part: fc.Arbitrary<Part> = fc.record({ header, content });

/** What is wrong with the body as a whole, if anything. */
const shape = fc.constantFrom(
  'fine',
  'fine',
  'fine',
  'no opening boundary',
  'no closing boundary',
  'no boundary parameter',
  'another boundary',
  'preamble',
  'many tiny parts',
);

function concat(pieces: (string | Uint8Array)[]): Uint8Array {
  const bytes = pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function encode(parts: Part[], how: string, extraParts: number) {
  const boundary = 'fuzz-boundary-7';
  const pieces: (string | Uint8Array)[] = how === 'preamble' ? ['some preamble\r\n'] : [];
  const all =
    how === 'many tiny parts'
      ? [
          ...parts,
          ...Array.from({ length: extraParts }, () => ({
            header: 'a:b',
            content: encoder.encode('x'),
          })),
        ]
      : parts;
  all.forEach((p, i) => {
    if (!(how === 'no opening boundary' && i === 0)) pieces.push(`--${boundary}\r\n`);
    pieces.push(p.header, '\r\n\r\n', p.content, '\r\n');
  });
  if (how !== 'no closing boundary') pieces.push(`--${boundary}--\r\n`);
  const type =
    how === 'no boundary parameter'
      ? 'multipart/form-data'
      : `multipart/form-data; boundary=${how === 'another boundary' ? 'other' : boundary}`;
  return { body: concat(pieces), type };
}

const TARGETS = ['public submission', 'keyed submission', 'keyed step', 'sign-in'] as const;

/**
 * Posts with node:http on a connection of its own, taking the answer as soon as it comes: a body
 * refused by its Content-Length is not read, and the server may close the connection while the
 * client still sends (fetch then reports only the broken pipe, not the answer it got).
 */
function post(path: string, headers: Record<string, string>, body: Uint8Array) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: 'POST',
      // Kept alive, so the server drains what it does not read instead of closing at once.
      headers: { ...headers, 'Content-Length': String(body.length), Connection: 'keep-alive' },
      agent: false,
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

function send(target: (typeof TARGETS)[number], body: Uint8Array, type: string) {
  const headers: Record<string, string> = { 'Content-Type': type, Origin: server.url };
  const keyed = { ...headers, Authorization: `Bearer ${key}` };
  const [path, withHeaders] = {
    'public submission': ['/v1/tenants/totaalonder1dak/complaints', headers],
    'keyed submission': ['/v1/tenants/totaalonder1dak/complaints', keyed],
    'keyed step': [`/v1/tenants/totaalonder1dak/complaints/${number}/actions/add-note`, keyed],
    'sign-in': ['/admin/totaalonder1dak/sign-in', headers],
  }[target] as [string, Record<string, string>];
  return post(path, withHeaders, body);
}

describe('generated multipart bodies', { timeout: 300_000 }, () => {
  test(`${RUNS} bodies: never a 5xx, never slow, /health on time`, async () => {
    const report = await probeHealthDuring(server.url, () =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...TARGETS),
          fc.array(part, { maxLength: 8 }),
          shape,
          fc.integer({ min: 1, max: 3 * MAX_FORM_PARTS }),
          async (target, parts, how, extraParts) => {
            const { body, type } = encode(parts, how, extraParts);
            const started = performance.now();
            const { status, text } = await send(target, body, type);
            const took = performance.now() - started;
            expect(status, `${target} ${how}: ${text.slice(0, 200)}`).toBeLessThan(500);
            expect(took, `${target} ${how}`).toBeLessThan(ANSWER_WITHIN_MS);
            if (target !== 'sign-in' && status >= 400) {
              expect(JSON.parse(text)).toMatchObject({
                error: { code: expect.any(String), message: expect.any(String) },
              });
            }
          },
        ),
        { numRuns: RUNS },
      ),
    );
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    // Another tenant still takes a complaint, with a document.
    const form = new FormData();
    const address = 'Dorpsstraat 1, 1234 AB Ergens';
    form.append(
      'complaint',
      JSON.stringify({ ...complaint, complainant: { ...complaint.complainant, address } }),
    );
    form.append('attachments', new File([Uint8Array.from(PDF)], 'a.pdf'));
    const res = await fetch(`${server.url}/v1/tenants/awb/complaints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.keys.awb}` },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
