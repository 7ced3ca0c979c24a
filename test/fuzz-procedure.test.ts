import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tenants } from '../server/db/schema';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';

/*
 * Generated names for everything a procedure names and later looks up by name: its terms (and
 * the terms they start from), the appeal's term, its categories, classifications and remedies,
 * and the keys of its messages, intake rules and staff notifications (issue #22, item 9). Names
 * of Object's own properties, reserved words, unicode, empty and very long ones go through
 * PUT /procedure and then through a complaint's steps, its views and its tracking link: the
 * answers are 2xx or 4xx, never 5xx. Bounded to a few seconds.
 */

const RUNS = 60;
const STORED_RUNS = 25;

let t: TestApp;
let key: string;
const auth = () => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  key = await t.tenant('wenb');
});
afterAll(() => t.close());

const INHERITED = Object.getOwnPropertyNames(Object.prototype);
const RESERVED = ['prototype', 'then', 'toJSON', 'length', 'class', 'delete', 'null', 'NaN'];

/** Names as a tenant (or a script) might choose them. */
const name = fc.oneof(
  fc.constantFrom(...INHERITED, ...RESERVED),
  fc.constantFrom(
    '',
    ' ',
    'a',
    'é',
    'ß',
    '名前',
    'x'.repeat(40),
    'x'.repeat(41),
    'a'.repeat(5_000),
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.stringMatching(/^[a-z][a-zA-Z0-9-]{0,39}$/),
);

const option = (id: string) => ({ id, label: { nl: 'Optie', en: 'Option' } });

/** The wenb preset with `id` used for every name a procedure has. */
function procedureNaming(id: string, where: { chained: boolean; records: boolean }) {
  const base = presetProcedure('wenb') as unknown as Record<string, unknown>;
  const terms = base.terms as Record<string, Record<string, unknown>>;
  return {
    ...base,
    terms: {
      ...terms,
      [id]: {
        amount: 5,
        unit: 'workingDays',
        from: where.chained ? { term: 'acknowledgement' } : 'received',
        metBy: 'closed',
        postponable: { maxWeeks: 4 },
        label: { nl: 'Extra', en: 'Extra' },
      },
      ...(where.chained ? { later: { ...terms.resolution, from: { term: id } } } : {}),
    },
    appeal: { ...(base.appeal as object), term: id },
    categories: [...(base.categories as object[]), option(id)],
    classifications: [...(base.classifications as object[]), option(id)],
    remedies: [...(base.remedies as object[]), option(id)],
    ...(where.records
      ? {
          messages: { [id]: { nl: { subject: 'Onderwerp', body: 'Tekst {number}' } } },
          intake: { [id]: { required: ['name'] } },
          notifications: { senderName: 'Wenb', staff: { [id]: ['staf@example.nl'] } },
        }
      : {}),
  };
}

function expectNo5xx(res: Response, what: string) {
  expect(res.status, what).toBeLessThan(500);
}

/** A complaint under the procedure as it stands, taken through steps that use the name. */
async function walkWith(id: string) {
  const submitted = await t.json(
    'POST',
    '/v1/tenants/wenb/complaints',
    {
      complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
      description: 'De offerte kwam te laat.',
      category: id,
    },
    auth(),
  );
  expectNo5xx(submitted, 'submit');
  const fallback =
    submitted.status === 201
      ? submitted
      : await t.json(
          'POST',
          '/v1/tenants/wenb/complaints',
          {
            complainant: {
              name: 'Jan',
              initials: 'J.',
              phone: '0612345678',
              email: 'j@example.nl',
            },
            description: 'De offerte kwam te laat.',
          },
          auth(),
        );
  expect(fallback.status, 'a complaint without the name').toBe(201);
  const { number, trackingUrl } = await fallback.json();
  const base = `/v1/tenants/wenb/complaints/${number}`;
  for (const [action, body] of [
    ['acknowledge', {}],
    ['update', { category: id }],
    ['postpone', { weeks: 1, reason: 'Onderzoek', term: id }],
    ['respond', { message: 'Wij kijken ernaar.' }],
    ['propose-solution', { proposedSolution: 'Excuses.', cause: 'Drukte.', remedy: id }],
    ['close', { classification: id, remedy: id }],
  ] as const) {
    expectNo5xx(await t.json('POST', `${base}/actions/${action}`, body, auth()), action);
  }
  expectNo5xx(await t.json('GET', base, undefined, auth()), 'view');
  const token = (trackingUrl as string).split('/').pop();
  expectNo5xx(await t.app.request(`/v1/track/${token}`), 'tracking view');
  expectNo5xx(await t.app.request(`/track/${token}?done=${encodeURIComponent(id)}`), 'page');
  expectNo5xx(await t.json('POST', `/v1/track/${token}/erasure`, {}), 'erasure request');
  expectNo5xx(
    await t.json(
      'GET',
      `/v1/tenants/wenb/complaints?category=${encodeURIComponent(id)}`,
      undefined,
      auth(),
    ),
    'register',
  );
  expectNo5xx(
    await t.json('GET', '/v1/tenants/wenb/reports/monthly?year=2026', undefined, auth()),
    'report',
  );
  expectNo5xx(await t.app.request('/p/wenb/klachtenregeling'), 'published procedure');
}

describe('generated names in a procedure', { timeout: 120_000 }, () => {
  test('through PUT /procedure and a complaint: refused with a 422, or working; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(name, fc.boolean(), fc.boolean(), async (id, chained, records) => {
        const put = await t.json(
          'PUT',
          '/v1/tenants/wenb/procedure',
          procedureNaming(id, { chained, records }),
          auth(),
        );
        expectNo5xx(put, 'PUT /procedure');
        if (put.status !== 200) {
          expect(put.status).toBe(422);
          expect(Object.keys((await put.json()).error.fields ?? {}).length).toBeGreaterThan(0);
          return;
        }
        // Whatever was accepted is no property every object already has.
        expect(INHERITED).not.toContain(id);
        await walkWith(id);
      }),
      { numRuns: RUNS },
    );
  });

  test('stored before the names were refused, written straight into the database: never a 5xx', async () => {
    // What the earlier schema let through: a letter, then letters, digits and dashes.
    const earlier = fc.oneof(
      fc.constantFrom(...INHERITED.filter((n) => /^[a-z][a-zA-Z0-9-]{0,39}$/.test(n))),
      fc.stringMatching(/^[a-z][a-zA-Z0-9-]{0,39}$/),
    );
    await fc.assert(
      fc.asyncProperty(earlier, fc.boolean(), async (id, chained) => {
        await t.db
          .update(tenants)
          .set({
            procedure: procedureNaming(id, { chained, records: false }),
            procedureVersion: sql`${tenants.procedureVersion} + 1`,
          })
          .where(eq(tenants.slug, 'wenb'));
        await walkWith(id);
      }),
      { numRuns: STORED_RUNS },
    );
  });
});
