import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTIONS } from '../shared/lifecycle';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp, WIDGET_FIELDS } from './helpers';
import { confirmedInboundAddress } from './inbound-helpers';
import { mailMessage, PDF } from './mail-messages';
import { csrfOf, postForm, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Generated hostile input per route family: whatever arrives, the answer is a 2xx or a 4xx in
 * the error shape (HTML pages for the admin view), never a 5xx, and afterwards another tenant
 * still submits, signs in and takes a step as before. 1,000 inputs per family.
 */

const RUNS = 1_000;

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
let other: Awaited<ReturnType<typeof tenantWithAdmin>>;
let number: string;
let adminCookie: string;
let adminCsrf: string;

const NOW = new Date('2026-03-02T10:00:00Z');

beforeAll(async () => {
  t = await testApp({ now: () => NOW });
  wenb = await tenantWithAdmin(t, 'wenb');
  other = await tenantWithAdmin(t, 'totaalonder1dak');
  number = (await (await submit('wenb', complaint)).json()).number;
  adminCookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
  adminCsrf = await csrfOf(t, '/admin/wenb/complaints/new', adminCookie);
});
afterAll(() => t.close());

const complaint = {
  ...WIDGET_FIELDS,
  complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
  description: 'De medewerker was onbeleefd.',
  category: 'kwaliteit',
};

function submit(slug: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.request(`/v1/tenants/${slug}/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Texts as people and scripts send them: empty, long, invisible, markup, other scripts. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '<script>',
    '%E0%A4%A',
    '__proto__',
    'x'.repeat(20_000),
  ),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** A valid base with one to three values replaced anywhere in it (or the whole thing). */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const step = fc.tuple(fc.nat(), fc.nat(), fc.nat(), value);
  return fc.oneof(
    value,
    fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => {
      const copy = structuredClone(base) as Record<string, unknown>;
      for (const [a, b, c, v] of steps) {
        let node: Record<string, unknown> = copy;
        for (const pick of [a, b, c]) {
          const keys = Object.keys(node);
          const key = keys[pick % (keys.length + 1)] ?? `extra${pick}`;
          const child = node[key];
          if (child === null || typeof child !== 'object' || pick % 3 === 0) {
            node[key] = v;
            break;
          }
          node = child as Record<string, unknown>;
        }
      }
      return copy;
    }),
  );
}

async function expectNoServerError(res: Response, json = true) {
  expect(res.status).toBeLessThan(500);
  if (json && res.status >= 400) {
    expect(await res.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  }
}

async function anotherTenantStillWorks() {
  expect(Object.prototype).not.toHaveProperty('polluted');
  const res = await submit('totaalonder1dak', { ...complaint, category: undefined });
  expect(res.status).toBe(201);
  const { number: theirs } = await res.json();
  expect(await signInCookie(t, 'totaalonder1dak', other.email, other.password)).not.toBe('');
  const step = await t.app.request(
    `/v1/tenants/totaalonder1dak/complaints/${theirs}/actions/acknowledge`,
    { method: 'POST', headers: { Authorization: `Bearer ${other.key}` } },
  );
  expect(step.status).toBe(200);
}

describe('generated hostile input, 1,000 per route family', { timeout: 300_000 }, () => {
  test('procedures', async () => {
    const base = presetProcedure('wenb');
    await fc.assert(
      fc.asyncProperty(mutated(base), async (procedure) => {
        const res = await t.app.request('/v1/tenants/wenb/procedure', {
          method: 'PUT',
          headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(procedure),
        });
        await expectNoServerError(res);
        // A procedure that was accepted still takes a complaint.
        if (res.status === 200) await expectNoServerError(await submit('wenb', complaint));
      }),
      { numRuns: RUNS },
    );
    await t.app.request('/v1/tenants/wenb/procedure', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(base),
    });
    await anotherTenantStillWorks();
  });

  test('submissions, public and with a key', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(complaint), fc.boolean(), async (body, keyed) => {
        const headers: Record<string, string> = keyed
          ? { Authorization: `Bearer ${wenb.key}` }
          : {};
        await expectNoServerError(await submit('wenb', body, headers));
      }),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });

  test('lifecycle steps', async () => {
    const bodies = {
      proposedSolution: 'Excuses',
      cause: 'Drukte',
      message: 'Wij kijken ernaar',
      weeks: 2,
      reason: 'Onderzoek',
      handler: 'Bram',
      decision: 'Gegrond',
      satisfied: true,
      summary: 'Opgelost',
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS, 'nope', '%E0%A4%A', '__proto__'),
        mutated(bodies),
        async (action, body) => {
          const res = await t.app.request(
            `/v1/tenants/wenb/complaints/${number}/actions/${action}`,
            {
              method: 'POST',
              headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            },
          );
          await expectNoServerError(res);
        },
      ),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });

  test('admin form posts', async () => {
    const field = fc.oneof(
      fc.constantFrom(
        'channel',
        'receivedAt',
        'description',
        'complainant.name',
        'complainant.email',
        'onBehalfOf.phone',
        '__proto__.polluted',
        'constructor.prototype.polluted',
        '__proto__',
        '_key',
      ),
      fc.string(),
    );
    const form = fc.dictionary(field, fc.string({ unit: 'binary', maxLength: 200 }), {
      maxKeys: 8,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('complaints', `complaints/${number}/actions/update`, 'settings/staff'),
        form,
        async (target, fields) => {
          const res = await postForm(
            t,
            `/admin/wenb/${target}`,
            { ...fields, _csrf: adminCsrf },
            { Cookie: adminCookie },
          );
          await expectNoServerError(res, false);
        },
      ),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });

  test('webhook endpoints', async () => {
    const endpoint = {
      url: 'https://hooks.example.com/klachten',
      events: ['complaint.received', 'complaint.closed'],
      includePersonalData: false,
      description: 'CRM',
    };
    await fc.assert(
      fc.asyncProperty(mutated(endpoint), async (body) => {
        const res = await t.app.request('/v1/tenants/wenb/webhooks', {
          method: 'POST',
          headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        await expectNoServerError(res);
        if (res.status === 201) {
          const { endpoint: created } = await res.json();
          await t.app.request(`/v1/tenants/wenb/webhooks/${created.id}`, {
            method: 'DELETE',
            headers: { Authorization: `Bearer ${wenb.key}` },
          });
        }
      }),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });

  test('inbound e-mail: bytes, broken MIME and hostile headers', async () => {
    // A proven complaint address, so what parses goes on to become a complaint.
    await confirmedInboundAddress(t, 'wenb', wenb.key, 'klachten@wenb.nl', NOW);
    const real = new TextDecoder().decode(
      mailMessage({
        from: 'Jan <jan@example.nl>',
        to: 'klachten@wenb.nl',
        subject: 'Klacht [2026-0001#AAAAAAAAAAAAAAAA]',
        text: 'De offerte kwam te laat.',
        html: '<p>De offerte kwam te laat.</p>',
        references: '<klacht.2026-0001.AAAAAAAAAAAAAAAA@wenb.nl>',
        attachments: [{ filename: 'a.pdf', type: 'application/pdf', bytes: PDF }],
      }),
    );
    const lines = real.split('\r\n');
    const line = fc.oneof(
      text,
      fc.constantFrom(
        'Content-Type: multipart/mixed; boundary=""',
        'Content-Type: multipart/mixed',
        'Content-Transfer-Encoding: base64',
        'From: <>',
        'From: "a" <a@b@c>',
        'Subject: =?UTF-8?B?!!!?=',
        'Auto-Submitted: auto-replied',
        `References: ${'<x@y> '.repeat(2000)}`,
        '--',
        '=',
        '\u0000',
      ),
    );
    const message = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc
        .array(fc.tuple(fc.nat(lines.length), fc.boolean(), line), { minLength: 1, maxLength: 6 })
        .map((edits) => {
          const copy = [...lines];
          for (const [at, replace, value] of edits) copy.splice(at, replace ? 1 : 0, value);
          return new TextEncoder().encode(copy.join('\r\n'));
        }),
    );
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const res = await t.app.request('/v1/tenants/wenb/inbound-mail', {
          method: 'POST',
          headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'message/rfc822' },
          body: raw as Uint8Array<ArrayBuffer>,
        });
        await expectNoServerError(res);
      }),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });

  test('paths, methods and Accept headers, and what the sign-in finder is asked', async () => {
    const segment = fc.oneof(
      fc.constantFrom('v1', 'tenants', 'admin', 'wenb', 'track', 'complaints', 'form', 'sign-in'),
      fc.constantFrom('..', '.', '%2F', '%5C', '%E0%A4%A', '%00', '', 'x'.repeat(300)),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const accept = fc.oneof(
      fc.constantFrom('text/html,*/*;q=0.8', '*/*', 'application/json', 'text/html;q=0, */*'),
      fc.constantFrom('text/*', 'garbage;;q=x', ',,,', 'text/html;q=NaN'),
      fc.string({ maxLength: 40 }).filter((a) => /^[\x20-\x7e]*$/.test(a)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        fc.option(accept),
        fc.boolean(),
        text,
        async (segments, method, type, slash, asked) => {
          const path = `/${segments.join('/')}${slash ? '/' : ''}`;
          const res = await t.app.request(path, {
            method,
            headers: type === null ? {} : { Accept: type },
          });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          expect(res.headers.get('Content-Type') ?? '', path).not.toContain('text/plain');
          const location = res.headers.get('Location');
          if (location) expect(new URL(location, 'http://localhost').host).toBe('localhost');
          const finder = await t.app.request(`/admin?organisatie=${encodeURIComponent(asked)}`);
          expect(finder.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    await anotherTenantStillWorks();
  });
});
