import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * Issue #13: the yearly complaint report (Awb 9:12a) checked against counts this test works out
 * on its own over a generated year, and the published procedure page following the procedure.
 */

let t: TestApp;
let now: Date;
let auth: Record<string, string>;

beforeEach(async () => {
  now = new Date('2025-01-06T09:00:00Z');
  t = await testApp({ now: () => now });
  auth = { Authorization: `Bearer ${await t.tenant('awb')}` };
});
afterEach(() => t.close());

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The non-working days of 2025 and early 2026 under the Algemene termijnenwet, written out by
 * hand (Easter 20 April 2025, Ascension 29 May, Whit Monday 9 June; the decree day 30 May).
 */
const CLOSED_2025 = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-04-26',
  '2025-05-05',
  '2025-05-29',
  '2025-05-30',
  '2025-06-09',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-01-02',
]);

/** Working days after `from` up to and including `to`, counted here independently. */
function workingDays(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const day = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6 && !CLOSED_2025.has(d)) n++;
  }
  return n;
}

const CATEGORIES = ['bejegening', 'informatie', null, 'overig'] as const;

/** Six fates, each with what the test expects of it. */
const FATES = [
  {
    steps: [
      [1, 'acknowledge'],
      [10, 'close', 'gegrond'],
    ],
    outcome: 'handled',
    inTerm: true,
    inStatutoryTerm: true,
  },
  {
    steps: [
      [1, 'acknowledge'],
      [80, 'close', 'ongegrond'],
    ],
    outcome: 'handled',
    inTerm: false,
    inStatutoryTerm: false,
  },
  {
    steps: [
      [1, 'acknowledge'],
      [5, 'decline'],
    ],
    outcome: 'notHandled',
    inTerm: false,
    inStatutoryTerm: false,
  },
  {
    steps: [
      [1, 'acknowledge'],
      [7, 'postpone'],
      [60, 'close', 'deelsGegrond'],
    ],
    outcome: 'handled',
    inTerm: true,
    inStatutoryTerm: true,
  },
  { steps: [], outcome: 'open', inTerm: false, inStatutoryTerm: false },
  // Not acknowledged within its five working days, but decided within the six weeks of the law.
  { steps: [[12, 'close', 'gegrond']], outcome: 'handled', inTerm: false, inStatutoryTerm: true },
] as const;

const BODIES: Record<string, (classification?: string) => Record<string, unknown>> = {
  acknowledge: () => ({}),
  close: (classification) => ({ classification, summary: 'Afgehandeld.' }),
  decline: () => ({ ground: 'handledBefore', reason: 'Al eerder behandeld.' }),
  postpone: () => ({ weeks: 4, reason: 'Wij wachten op een verslag.' }),
};

describe('the yearly report', () => {
  test('agrees with counts worked out independently over a generated year', async () => {
    const expected = {
      received: 0,
      handled: 0,
      notHandled: 0,
      open: 0,
      handledWithinTerm: 0,
      handledWithinAllTerms: 0,
      postponed: 0,
      byCategory: {} as Record<string, number>,
      byClassification: {} as Record<string, number>,
    };
    const handlingDays: number[] = [];
    const bump = (counts: Record<string, number>, key: string) => {
      counts[key] = (counts[key] ?? 0) + 1;
    };
    for (let i = 0; i < 30; i++) {
      const received = addDays('2025-01-06', 12 * i);
      now = new Date(`${received}T09:00:00Z`);
      const category = CATEGORIES[i % CATEGORIES.length] ?? null;
      const res = await t.json(
        'POST',
        '/v1/tenants/awb/complaints',
        {
          channel: 'letter',
          complainant: { name: `Klager ${i}`, address: `Straat ${i}, 1234 AB Stad` },
          description: `Klacht ${i}`,
          ...(category ? { category } : {}),
        },
        auth,
      );
      expect(res.status, await res.clone().text()).toBe(201);
      const { number } = await res.json();
      const fate = FATES[i % FATES.length];
      if (!fate) throw new Error('no fate');
      let classification: string | null = null;
      for (const [day, action, judgement] of fate.steps as unknown as [number, string, string?][]) {
        now = new Date(`${addDays(received, day)}T09:00:00Z`);
        const step = await t.json(
          'POST',
          `/v1/tenants/awb/complaints/${number}/actions/${action}`,
          BODIES[action]?.(judgement),
          auth,
        );
        expect(step.status, `${action}: ${await step.clone().text()}`).toBe(200);
        if (action === 'close') {
          classification = judgement ?? null;
          handlingDays.push(workingDays(received, addDays(received, day)));
        }
      }
      expected.received++;
      expected[fate.outcome]++;
      if (fate.inStatutoryTerm) expected.handledWithinTerm++;
      if (fate.inTerm) expected.handledWithinAllTerms++;
      if (fate.steps.some(([, action]) => action === 'postpone')) expected.postponed++;
      bump(expected.byCategory, category ?? 'none');
      bump(expected.byClassification, classification ?? 'none');
    }
    const sorted = [...handlingDays].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median =
      sorted.length % 2 === 1
        ? sorted[Math.floor(mid)]
        : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;

    const res = await t.json('GET', '/v1/tenants/awb/reports/yearly?year=2025', undefined, auth);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toEqual({
      year: 2025,
      ...expected,
      admissible: { yes: 0, no: 0, unknown: 30 },
      statutoryTerm: 'decision',
      handledWithinTermShare: expected.handledWithinTerm / expected.handled,
      handledWithinAllTermsShare: expected.handledWithinAllTerms / expected.handled,
      medianHandlingDays: median,
    });
    // The same year as a public page: a public body publishes it (Awb 9:12a), by default.
    const page = await t.app.request('/p/awb/jaarverslag/2025');
    expect(page.status).toBe(200);
    const html = (await page.text()).replace(/\s+/g, ' ');
    expect(html).toContain('<th scope="row">Ontvangen</th><td>30</td>');
    expect(html).toContain(
      `<th scope="row">Niet in behandeling genomen</th><td>${expected.notHandled}</td>`,
    );
    expect(html).toContain(`<th scope="row">Verdaagd</th><td>${expected.postponed}</td>`);
    expect(html).toContain(
      `<th scope="row">Afgehandeld binnen de wettelijke termijn (Afhandeling van uw klacht)</th><td>${expected.handledWithinTerm} (`,
    );
    expect(html).toContain(
      `<th scope="row">Afgehandeld binnen al onze termijnen, ook onze eigen</th><td>${expected.handledWithinAllTerms} (`,
    );
    expect(html).toContain('<th scope="row">Informatie</th>');
    expect(html).not.toMatch(/Klager \d|Straat \d|Klacht \d/);
    expect((await t.app.request('/p/awb/jaarverslag/2025?lang=en')).status).toBe(200);
    expect((await t.app.request('/p/nobody/jaarverslag/2025')).status).toBe(404);
    // A body that chooses not to publish it.
    const procedure = await (
      await t.json('GET', '/v1/tenants/awb/procedure', undefined, auth)
    ).json();
    procedure.publish = { yearlyReport: false };
    expect((await t.json('PUT', '/v1/tenants/awb/procedure', procedure, auth)).status).toBe(200);
    expect((await t.app.request('/p/awb/jaarverslag/2025')).status).toBe(404);
  });

  test('a year in which every decision came in time but no acknowledgement did is 100% within the statutory term', async () => {
    for (let i = 0; i < 3; i++) {
      const received = addDays('2025-02-03', 7 * i);
      now = new Date(`${received}T09:00:00Z`);
      const res = await t.json(
        'POST',
        '/v1/tenants/awb/complaints',
        {
          channel: 'letter',
          complainant: { name: `Klager ${i}`, address: `Straat ${i}, 1234 AB Stad` },
          description: `Klacht ${i}`,
        },
        auth,
      );
      const { number } = await res.json();
      // Acknowledged after three weeks (its own term is five working days), decided in five.
      for (const [day, action] of [
        [21, 'acknowledge'],
        [35, 'close'],
      ] as const) {
        now = new Date(`${addDays(received, day)}T09:00:00Z`);
        const step = await t.json(
          'POST',
          `/v1/tenants/awb/complaints/${number}/actions/${action}`,
          BODIES[action]?.('gegrond'),
          auth,
        );
        expect(step.status, await step.clone().text()).toBe(200);
      }
    }
    const report = await (
      await t.json('GET', '/v1/tenants/awb/reports/yearly?year=2025', undefined, auth)
    ).json();
    expect(report).toMatchObject({
      handled: 3,
      statutoryTerm: 'decision',
      handledWithinTerm: 3,
      handledWithinTermShare: 1,
      handledWithinAllTerms: 0,
      handledWithinAllTermsShare: 0,
    });
    const html = (await (await t.app.request('/p/awb/jaarverslag/2025')).text()).replace(
      /\s+/g,
      ' ',
    );
    expect(html).toContain('wettelijke termijn (Afhandeling van uw klacht)</th><td>3 (100');
  });
});

describe('the published procedure', () => {
  test('follows the procedure: a term edited is a page changed, in Dutch and English', async () => {
    const page = async (query = '') =>
      (await (await t.app.request(`/p/awb/klachtenregeling${query}`)).text()).replace(/\s+/g, ' ');
    const before = await page();
    expect(before).toContain('Afhandeling van uw klacht</strong>: 6 weken na ontvangst');
    expect(before).toContain('ten hoogste 4 weken worden verdaagd');
    expect(before).toContain('Nationale ombudsman');
    expect(before).toContain('artikel 9:10 Awb');
    expect(before).toContain('tot 5 jaar na de afhandeling');

    const procedure = await (
      await t.json('GET', '/v1/tenants/awb/procedure', undefined, auth)
    ).json();
    procedure.terms.decision.amount = 8;
    procedure.terms.followUp = {
      amount: 10,
      unit: 'workingDays',
      from: { term: 'decision' },
      metBy: 'closed',
      label: { nl: 'Nazorg', en: 'Aftercare' },
    };
    expect((await t.json('PUT', '/v1/tenants/awb/procedure', procedure, auth)).status).toBe(200);
    const after = await page();
    expect(after).toContain('Afhandeling van uw klacht</strong>: 8 weken na ontvangst');
    expect(after).not.toContain('6 weken na ontvangst');
    // A chained term is named by the label of the term it follows, never its id.
    expect(after).toContain(
      'Nazorg</strong>: 10 werkdagen na einde termijn &quot;Afhandeling van uw klacht&quot;',
    );
    const english = await page('?lang=en');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Decision on your complaint</strong>: 8 weeks after receipt');
    expect((await t.app.request('/p/nobody/klachtenregeling')).status).toBe(404);
  });

  test('odd addresses are a 404 page, never a 5xx', async () => {
    for (const path of [
      '/p/%ZZ/klachtenregeling',
      '/p/awb/jaarverslag/99999',
      '/p/awb/jaarverslag/abcd',
      '/p/awb/jaarverslag/%00',
      `/p/${'a'.repeat(5000)}/klachtenregeling`,
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    const lang = await t.app.request('/p/awb/klachtenregeling?lang=%0d%0aX:1');
    expect(lang.status).toBe(200);
  });
});
