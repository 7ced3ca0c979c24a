import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tenants } from '../server/db/schema';
import { presetProcedure } from '../shared/presets';
import type { ProcedureInput } from '../shared/procedure';
import { type TestApp, testApp } from './helpers';
import { signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Names a procedure gives its terms and options become keys into plain objects, and every plain
 * object answers to the names of Object.prototype (issue #22, item 9): such names are refused when
 * a procedure is saved, and a procedure stored before that refusal still works, step by step.
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
let key: string;

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  wenb = await tenantWithAdmin(t, 'wenb');
  key = wenb.key;
});
afterEach(() => t.close());

const PROTOTYPE_NAMES = ['valueOf', 'constructor', 'toString', 'hasOwnProperty', 'isPrototypeOf'];

const complaint = {
  complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
  description: 'De offerte kwam te laat.',
};

function withTerm(name: string): ProcedureInput {
  const wenb = presetProcedure('wenb');
  return {
    ...wenb,
    terms: {
      ...wenb.terms,
      [name]: {
        amount: 5,
        unit: 'workingDays',
        from: 'received',
        metBy: 'closed',
        label: { nl: 'Extra', en: 'Extra' },
      },
    },
  };
}

const put = (procedure: unknown, headers: Record<string, string> = {}) =>
  t.json('PUT', '/v1/tenants/wenb/procedure', procedure, {
    Authorization: `Bearer ${key}`,
    ...headers,
  });

describe('saving a procedure', () => {
  test("a term named after one of Object's own properties is a 422 naming it, in both languages", async () => {
    for (const name of PROTOTYPE_NAMES) {
      const res = await put(withTerm(name));
      expect(res.status, name).toBe(422);
      const { error } = await res.json();
      expect(error.fields[`terms.${name}`], name).toBe(
        'Deze naam is gereserveerd. Kies een andere naam, bijvoorbeeld met een woord ervoor.',
      );
    }
    const english = await put(withTerm('valueOf'), { 'Accept-Language': 'en' });
    expect((await english.json()).error.fields['terms.valueOf']).toMatch(/^This name is reserved/);
    // A term that starts from such a name starts from a term the procedure does not have.
    const wenb = presetProcedure('wenb');
    const chained = {
      ...wenb,
      terms: {
        ...wenb.terms,
        appealDecision: { ...wenb.terms.appealDecision, from: { term: 'constructor' } },
      },
    };
    const res = await put(chained);
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['terms.appealDecision.from']);
  });

  test('a category, classification or remedy named so is refused the same way', async () => {
    const wenb = presetProcedure('wenb');
    const option = { id: 'toString', label: { nl: 'x', en: 'x' } };
    for (const list of ['categories', 'classifications', 'remedies'] as const) {
      const res = await put({ ...wenb, [list]: [...wenb[list], option] });
      expect(res.status, list).toBe(422);
      const fields = (await res.json()).error.fields;
      expect(fields[`${list}.${wenb[list].length}.id`], list).toMatch(/gereserveerd/);
    }
  });

  test('appeal.term names a term the procedure has, or it is a 422 naming appeal.term', async () => {
    const wenb = presetProcedure('wenb');
    for (const term of ['isPrototypeOf', 'constructor', 'nope']) {
      const res = await put({ ...wenb, appeal: { ...wenb.appeal, term } });
      expect(res.status, term).toBe(422);
      expect(Object.keys((await res.json()).error.fields), term).toEqual(['appeal.term']);
    }
    const off = await put({ ...wenb, appeal: { enabled: false, term: 'nope' } });
    expect(off.status).toBe(422);
    expect((await off.json()).error.fields['appeal.term']).toBe(
      'De klachtenregeling heeft geen termijn met deze naam.',
    );
    expect((await put(wenb)).status).toBe(200);
  });
});

describe('a procedure stored before the names were refused', () => {
  /** Writes a procedure as an older version let it through: straight into the database. */
  async function storeUnchecked(procedure: unknown) {
    await t.db
      .update(tenants)
      .set({ procedure, procedureVersion: sql`${tenants.procedureVersion} + 1` })
      .where(eq(tenants.slug, 'wenb'));
  }

  test('every step, the erasure request, the views and the report: no 500', async () => {
    const procedure = presetProcedure('wenb') as unknown as Record<string, unknown>;
    const terms = procedure.terms as Record<string, object>;
    for (const name of PROTOTYPE_NAMES) {
      terms[name] = {
        amount: 5,
        unit: 'workingDays',
        from: 'received',
        metBy: 'closed',
        label: { nl: name, en: name },
        postponable: { maxWeeks: 4 },
        public: true,
      };
    }
    const categories = procedure.categories as { id: string }[];
    categories.push({ id: 'toString', label: { nl: 'Tekst', en: 'Text' } } as never);
    await storeUnchecked({
      ...procedure,
      appeal: { ...(procedure.appeal as object), term: 'valueOf' },
    });
    const auth = { Authorization: `Bearer ${key}` };
    const act = async (number: string, action: string, body: unknown = {}) => {
      const res = await t.json(
        'POST',
        `/v1/tenants/wenb/complaints/${number}/actions/${action}`,
        body,
        auth,
      );
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
      return res.json();
    };

    const submitted = await t.json('POST', '/v1/tenants/wenb/complaints', {
      ...complaint,
      category: 'toString',
    });
    expect(submitted.status).toBe(201);
    const { number, trackingUrl, due } = await submitted.json();
    expect(due.valueOf).toBe('2026-03-09');
    await act(number, 'acknowledge');
    await act(number, 'forward', { handler: 'Bram Behandelaar' });
    await act(number, 'respond', { message: 'Wij kijken ernaar.' });
    await act(number, 'postpone', { weeks: 1, reason: 'Onderzoek', term: 'valueOf' });
    const proposed = await act(number, 'propose-solution', {
      proposedSolution: 'Excuses.',
      cause: 'Drukte.',
    });
    expect(proposed.deadlines.map((d: { term: string }) => d.term)).toEqual(
      expect.arrayContaining(PROTOTYPE_NAMES),
    );
    // The week's postponement moved the term named valueOf, and only that one.
    const dateOf = (term: string) =>
      proposed.deadlines.find((d: { term: string }) => d.term === term).date;
    expect([dateOf('valueOf'), dateOf('toString')]).toEqual(['2026-03-16', '2026-03-09']);
    const token = (trackingUrl as string).split('/').pop();
    expect((await t.app.request(`/v1/track/${token}`)).status).toBe(200);
    expect((await t.app.request(`/track/${token}`)).status).toBe(200);
    expect((await t.json('POST', `/v1/track/${token}/erasure`, {})).status).toBe(202);
    expect(
      (await t.app.request(`/v1/tenants/wenb/complaints/${number}`, { headers: auth })).status,
    ).toBe(200);

    // A term the procedure dropped since, named like a prototype property, still shows as itself.
    Reflect.deleteProperty(terms, 'toString');
    await storeUnchecked({
      ...procedure,
      appeal: { ...(procedure.appeal as object), term: 'valueOf' },
    });
    const view = await (
      await t.app.request(`/v1/tenants/wenb/complaints/${number}`, { headers: auth })
    ).json();
    expect(view.deadlines.find((d: { term: string }) => d.term === 'toString').label).toBe(
      'toString',
    );
    const tracked = await (await t.app.request(`/v1/track/${token}`)).json();
    expect(tracked.deadlines.find((d: { term: string }) => d.term === 'toString').label).toBe(
      'toString',
    );

    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    for (const page of ['reports', `complaints/${number}`, 'settings']) {
      const res = await t.app.request(`/admin/wenb/${page}`, { headers: { Cookie: cookie } });
      expect(res.status, page).toBe(200);
      expect(await res.text(), page).not.toContain('native code');
    }
  });
});
