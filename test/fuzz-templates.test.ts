import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderMessage } from '../server/mail/templates';
import {
  MAX_MESSAGE_CHARS,
  MAX_SUBJECT_CHARS,
  MESSAGE_KIND_NAMES,
  MESSAGE_KINDS,
  type MessageKind,
  placeholdersOf,
} from '../shared/message-kinds';
import { presetProcedure } from '../shared/presets';
import type { Procedure } from '../shared/procedure';
import { type TestApp, testApp } from './helpers';
import { type RunningServer, startServer } from './server';
import { probeHealthDuring } from './stall-probe';
import { messageContext } from './unit-fixtures';

/*
 * Generated wordings of messages (issue #22): placeholders repeated, unknown and nested braces,
 * long texts, control characters, right-to-left text and markup, through the procedure's save
 * and through writing the message. Whatever is sent, saving answers 200 or a 422 naming fields
 * under `messages`, never a 5xx; whatever was saved (or was stored before the checks), the
 * message written is within its bounds, its subject one line, and its HTML links only to us.
 */

const LINK = 'https://klacht.test/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const EVIL = 'https://evil.example/login';

const names = [...new Set(MESSAGE_KIND_NAMES.flatMap((kind) => placeholdersOf(kind)))];

/** One piece of a wording: text as people and scripts write it, or a placeholder of some shape. */
const piece = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    ' ',
    '\n',
    '\n\n',
    '\r\n',
    '\t',
    '\u0000',
    '\u0007',
    '\u202e',
    '\u2067',
    '\u200f',
    'שלום',
    'مرحبا',
    '<script>alert(1)</script>',
    `<a href="${EVIL}">hier</a>`,
    EVIL,
    '&amp;',
    '{',
    '}',
    '{}',
    '{ number }',
    '{{message}}',
    '{{number}',
    '{constructor}',
    '{__proto__}',
    '{toString}',
    '{onbekend}',
  ),
  fc.constantFrom(...names).map((name) => `{${name}}`),
  fc
    .tuple(fc.constantFrom(...names), fc.integer({ min: 2, max: 1_500 }))
    .map(([name, times]) => `{${name}}`.repeat(times)),
  fc.integer({ min: 100, max: 12_000 }).map((n) => 'x'.repeat(n)),
);

const wording = fc.record({
  subject: fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('')),
  body: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
});

const kind = fc.constantFrom(...MESSAGE_KIND_NAMES);
const locale = fc.constantFrom('nl' as const, 'en' as const);

/** Values as they may come from older rows: long, with line breaks, markup and links. */
const hostileValue = fc.oneof(
  fc.constantFrom(
    `Klik op ${EVIL}`,
    'Jan\r\nBcc: iedereen@example.net',
    '<img src=x onerror=alert(1)>',
    '\u202eevil\u202c',
  ),
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'y'.repeat(n)),
);

function withWording(k: MessageKind, l: 'nl' | 'en', w: { subject: string; body: string }) {
  const procedure = presetProcedure('awb') as Procedure;
  return { ...procedure, messages: { [k]: { [l]: w } } } as Procedure;
}

/** Writes the message with the wording stored as it is (saved or not), with hostile values. */
function written(
  k: MessageKind,
  l: 'nl' | 'en',
  w: { subject: string; body: string },
  value: string,
) {
  const ctx = messageContext('awb', {
    kind: k,
    locale: l,
    procedure: withWording(k, l, w),
    trackingUrl: LINK,
    complaint: { description: value, complainantName: value, summary: value },
    eventText: { message: value, reason: value, proposedSolution: value, decision: value },
  });
  const started = performance.now();
  const message = renderMessage(ctx);
  return { ...message, ms: performance.now() - started };
}

function expectBounded(message: ReturnType<typeof written>) {
  expect(message.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  expect(message.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
  expect(message.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
  // Only our tracking link is a link; what anyone typed stays text.
  for (const anchor of message.html.match(/<a\b[^>]*>/g) ?? []) {
    expect(anchor).toBe(`<a href="${LINK}">`);
  }
  expect(message.html).not.toMatch(/<(script|img)\b/);
  expect(message.ms).toBeLessThan(250);
}

/**
 * A kind and a wording of it that passes every other check (its placeholders, its required
 * ones, plain text within 10,000 characters), with placeholders repeated: whether it is saved
 * is up to its worst case.
 */
const kindAndSavable = kind.chain((k) =>
  fc
    .tuple(
      fc.array(
        fc.oneof(
          fc.stringMatching(/^[\w .,;:!?'"()<>/=-]{0,40}$/),
          fc
            .tuple(fc.constantFrom(...placeholdersOf(k)), fc.integer({ min: 1, max: 12 }))
            .map(([name, times]) => `{${name}}`.repeat(times)),
        ),
        { maxLength: 6 },
      ),
      fc.constantFrom(...placeholdersOf(k)),
    )
    .map(([parts, inSubject]) => {
      const required = MESSAGE_KINDS[k].required.map((name) => `{${name}}`).join(' ');
      return [
        k,
        { subject: `Klacht {${inSubject}}`, body: `${required}\n\n${parts.join(' ')}` },
      ] as const;
    }),
);

describe('generated wordings', { timeout: 120_000 }, () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await testApp();
    key = await t.tenant('awb');
  });
  afterAll(() => t.close());

  test('through the save: 200 or a 422 naming the wording, and what is saved writes a bounded message', async () => {
    await fc.assert(
      fc.asyncProperty(kind, locale, wording, hostileValue, async (k, l, w, value) => {
        const res = await t.app.request('/v1/tenants/awb/procedure', {
          method: 'PUT',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(withWording(k, l, w)),
        });
        expect(res.status === 200 || res.status === 422, String(res.status)).toBe(true);
        if (res.status === 422) {
          const { error } = await res.json();
          for (const field of Object.keys(error.fields)) {
            expect(field).toMatch(new RegExp(`^messages\\.${k}\\.${l}\\.(subject|body)$`));
          }
        }
        // Saved or refused (a wording stored before the checks), it writes a bounded message.
        expectBounded(written(k, l, w, value));
      }),
      { numRuns: 150 },
    );
  });

  test('a wording that is saved never needs cutting, with every value at its longest', async () => {
    await fc.assert(
      fc.asyncProperty(kindAndSavable, async ([k, w]) => {
        const res = await t.app.request('/v1/tenants/awb/procedure', {
          method: 'PUT',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(withWording(k, 'nl', w)),
        });
        if (res.status !== 200) return;
        const z = (n: number) => 'z'.repeat(n);
        const ctx = messageContext('awb', {
          kind: k,
          procedure: withWording(k, 'nl', w),
          trackingUrl: LINK,
          complaint: { description: 'Kort.', complainantName: z(200), summary: z(5_000) },
          eventText: {
            message: z(10_000),
            reason: z(5_000),
            proposedSolution: z(10_000),
            decision: z(10_000),
          },
        });
        const { text } = renderMessage(ctx);
        // Cut only where a wording outgrew its bound; one that was saved never does.
        expect(text).not.toMatch(/…\n\nMet vriendelijke groet,\n/);
        expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * Wordings of a response that mostly pass the save, so the server writes and prints them: its
 * own placeholders repeated, braces, markup, other scripts and links (a response must hold
 * {message}, and a subject is one line).
 */
const friendly = fc.oneof(
  fc.stringMatching(/^[\w .,;:!?'"()&<>/=-]{0,30}$/),
  fc.constantFrom('שלום', 'مرحبا', '<b>vet</b>', `<a href="${EVIL}">hier</a>`, EVIL, '{', '}'),
  fc.constantFrom('{{message}}', '{ number }', '{number}', '{today}', '{trackingUrl}'),
  fc
    .tuple(fc.constantFrom(...placeholdersOf('response')), fc.integer({ min: 1, max: 3 }))
    .map(([name, times]) => `{${name}}`.repeat(times)),
);
const savableResponse = fc.record({
  subject: fc
    .array(fc.constantFrom('Reactie', '{number}', 'שלום', '<i>', '{today}', '{organisation}'), {
      minLength: 1,
      maxLength: 4,
    })
    .map((parts) => parts.join(' ')),
  body: fc.array(friendly, { maxLength: 8 }).map((parts) => `{message}\n\n${parts.join(' ')}`),
});

describe('generated wordings against a running server', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startServer();
    auth = { Authorization: `Bearer ${server.keys.wkkgz}`, 'Content-Type': 'application/json' };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: auth,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test('saved, used and printed while /health is asked: nobody waits', async () => {
    const base = await (await api('GET', '/v1/tenants/wkkgz/procedure')).json();
    const res = await api('POST', '/v1/tenants/wkkgz/complaints', {
      channel: 'email',
      complainant: { name: 'Ans Mulder', email: 'ans@example.nl' },
      description: 'Lang gewacht.',
    });
    const { number } = await res.json();
    const path = `/v1/tenants/wkkgz/complaints/${number}`;
    const samples = fc.sample(savableResponse, { numRuns: 10, seed: 22 });
    // The letter thread starts on the first letter; its start is not what is measured.
    const first = await (await api('GET', `${path}/correspondence`)).json();
    expect((await api('GET', first.items[0].pdf)).status).toBe(200);

    let used = 0;
    const report = await probeHealthDuring(server.url, async () => {
      const slowest = { ms: 0 };
      for (const w of samples) {
        const timed = async (method: string, p: string, body?: unknown) => {
          const started = performance.now();
          const answer = await api(method, p, body);
          await answer.arrayBuffer();
          slowest.ms = Math.max(slowest.ms, performance.now() - started);
          expect(answer.status, `${method} ${p}`).toBeLessThan(500);
          return answer;
        };
        const saved = await timed('PUT', '/v1/tenants/wkkgz/procedure', {
          ...base,
          messages: { response: { nl: w } },
        });
        if (saved.status !== 200) continue;
        used++;
        await timed('POST', `${path}/actions/respond`, { message: 'x'.repeat(10_000) });
        const list = await (await api('GET', `${path}/correspondence`)).json();
        await timed('GET', `${path}/correspondence`);
        await timed('GET', list.items.at(-1).pdf);
      }
      return slowest.ms;
    });
    expect(used).toBeGreaterThan(2);
    expect(report.result).toBeLessThan(1_000);
    // A generous bound: ten wordings in a row on a shared machine, a stall would be seconds.
    expect(report.slowestHealthMs).toBeLessThan(400);
  });
});
