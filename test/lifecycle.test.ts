import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ACTIONS, allowedActions, STATUSES, type Status } from '../shared/lifecycle';
import { databaseBytes, type TestApp, testApp } from './helpers';

let t: TestApp;
let now: Date;
const keys: Record<string, string> = {};

beforeEach(async () => {
  now = new Date('2026-12-24T09:00:00Z'); // Thursday 24 December 2026
  t = await testApp({ now: () => now });
  for (const slug of ['totaalonder1dak', 'wenb', 'awb', 'wkkgz']) keys[slug] = await t.tenant(slug);
});
afterEach(() => t.close());

const at = (iso: string) => {
  now = new Date(iso);
};

const complainant = {
  name: 'Jan Jansen',
  initials: 'J.',
  address: 'Dorpsstraat 1, Ons Dorp',
  phone: '06 12345678',
  email: 'jan@example.nl',
};

async function submit(slug: string, extra: Record<string, unknown> = {}) {
  const form = (await (await t.app.request(`/v1/tenants/${slug}/form`)).json()) as {
    complainant: Record<string, string>;
  };
  const contact = Object.fromEntries(
    Object.entries(complainant).filter(([k]) => form.complainant[k] !== 'hidden'),
  );
  const res = await t.json('POST', `/v1/tenants/${slug}/complaints`, {
    complainant: contact,
    description: 'De medewerker was onbeleefd aan de telefoon.',
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()).number as string;
}

async function act(slug: string, number: string, action: string, body?: unknown, headers = {}) {
  return t.json('POST', `/v1/tenants/${slug}/complaints/${number}/actions/${action}`, body, {
    Authorization: `Bearer ${keys[slug]}`,
    ...headers,
  });
}

async function step(slug: string, number: string, action: string, body?: unknown) {
  const res = await act(slug, number, action, body);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function outboxKinds() {
  const rows = await t.db.$client.execute('SELECT kind, pd_recipient FROM outbox ORDER BY rowid');
  return rows.rows.map((r) => `${r.kind}→${r.pd_recipient}`);
}

describe('each preset through its whole procedure', () => {
  test('totaalonder1dak: acknowledge, forward, respond, propose, close with classification', async () => {
    const number = await submit('totaalonder1dak');
    let c = await step('totaalonder1dak', number, 'acknowledge');
    expect(c.status).toBe('acknowledged');
    expect(c.due).toEqual({ firstResponse: '2027-01-04' }); // 5 working days: 28, 29, 30, 31 Dec, 4 Jan

    at('2026-12-28T10:00:00+01:00');
    c = await step('totaalonder1dak', number, 'forward', { handler: 'Klachtenbehandelaar Sanne' });
    expect(c).toMatchObject({ status: 'forwarded', handler: 'Klachtenbehandelaar Sanne' });
    expect(c.forwardedAt).toBe('2026-12-28T09:00:00.000Z');

    at('2026-12-29T14:00:00+01:00');
    c = await step('totaalonder1dak', number, 'respond', { message: 'Wij bellen u morgen.' });
    expect(c.status).toBe('inProgress');
    expect(c.feedbackAt).toBe('2026-12-29T13:00:00.000Z');
    expect(c.deadlines[0]).toMatchObject({
      term: 'firstResponse',
      metAt: '2026-12-29T13:00:00.000Z',
    });

    c = await step('totaalonder1dak', number, 'propose-solution', {
      proposedSolution: 'Wij annuleren de overeenkomst.',
      remedy: 'cancel',
    });
    expect(c).toMatchObject({ status: 'solutionProposed', remedy: 'cancel' });

    const missing = await act('totaalonder1dak', number, 'close', {});
    expect(missing.status).toBe(422);
    expect(Object.keys((await missing.json()).error.fields).sort()).toEqual([
      'classification',
      'summary',
    ]);
    const badChoice = await act('totaalonder1dak', number, 'close', {
      classification: 'maybe',
      summary: 'x',
    });
    expect(Object.keys((await badChoice.json()).error.fields)).toEqual(['classification']);

    at('2027-01-05T11:00:00+01:00');
    c = await step('totaalonder1dak', number, 'close', {
      classification: 'justified',
      admissible: true,
      summary: 'Verkoper berispt, overeenkomst geannuleerd.',
      preventiveMeasures: 'Belscript aangepast.',
    });
    expect(c).toMatchObject({
      status: 'closed',
      classification: 'justified',
      admissible: true,
      closedAt: '2027-01-05T10:00:00.000Z',
      summary: 'Verkoper berispt, overeenkomst geannuleerd.',
      preventiveMeasures: 'Belscript aangepast.',
    });
    expect(c.events.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'acknowledged',
      'forwarded',
      'responded',
      'solutionProposed',
      'closed',
    ]);
    expect(c.events.every((e: { actor: string }) => e.actor)).toBe(true);
    expect(await outboxKinds()).toEqual([
      'acknowledgement→jan@example.nl',
      'response→jan@example.nl',
      'solutionProposed→jan@example.nl',
      'closing→jan@example.nl',
    ]);

    c = await step('totaalonder1dak', number, 'record-satisfaction', { satisfied: true });
    expect(c.satisfied).toBe(true);
  });

  test('wenb: the cause is required with the solution, and the appeal goes to the chair', async () => {
    const number = await submit('wenb', { category: 'kwaliteit' });
    await step('wenb', number, 'acknowledge');
    await step('wenb', number, 'forward', {
      handler: 'Directeur',
      handlerEmail: 'directeur@wenb.nl',
    });

    const noCause = await act('wenb', number, 'propose-solution', {
      proposedSolution: 'Nieuw advies.',
    });
    expect(noCause.status).toBe(422);
    expect(Object.keys((await noCause.json()).error.fields)).toEqual(['cause']);

    at('2027-01-06T09:00:00+01:00');
    let c = await step('wenb', number, 'propose-solution', {
      proposedSolution: 'Wij leveren het advies opnieuw.',
      cause: 'Verkeerde versie verstuurd.',
    });
    expect(c).toMatchObject({ status: 'solutionProposed', cause: 'Verkeerde versie verstuurd.' });
    const resolution = c.deadlines.find((d: { term: string }) => d.term === 'resolution');
    expect(resolution).toMatchObject({ date: '2027-01-07', metAt: '2027-01-06T08:00:00.000Z' });
    expect(c.due.appealDecision).toBeUndefined();

    at('2027-01-08T09:00:00+01:00');
    c = await step('wenb', number, 'file-appeal', { grounds: 'Het nieuwe advies klopt ook niet.' });
    expect(c.status).toBe('appealFiled');
    // Four weeks after the resolution term ends (Thu 7 Jan 2027): Thu 4 Feb 2027.
    expect(c.due.appealDecision).toBe('2027-02-04');

    c = await step('wenb', number, 'decide-appeal', { decision: 'Beroep gegrond.', upheld: true });
    expect(c.status).toBe('appealDecided');
    expect(
      c.deadlines.find((d: { term: string }) => d.term === 'appealDecision').metAt,
    ).not.toBeNull();
    c = await step('wenb', number, 'close', {});
    expect(c.status).toBe('closed');
    expect(await outboxKinds()).toEqual([
      'acknowledgement→jan@example.nl',
      'forwarded→directeur@wenb.nl',
      'solutionProposed→jan@example.nl',
      'appealNotice→voorzitter@wenb.nl',
      'appealFiled→jan@example.nl',
      'appealDecision→jan@example.nl',
      'staff:closed→directeur@wenb.nl',
      'closing→jan@example.nl',
    ]);
  });

  test('awb: the person complained about may not handle it; one postponement of at most 4 weeks', async () => {
    const number = await submit('awb');
    await step('awb', number, 'acknowledge');
    await step('awb', number, 'update', { subject: 'B. de Boer' });
    const self = await act('awb', number, 'forward', { handler: 'b. de boer' });
    expect(self.status).toBe(422);
    expect(Object.keys((await self.json()).error.fields)).toEqual(['handler']);
    await step('awb', number, 'forward', { handler: 'C. Klaassen' });
    let c = await step('awb', number, 'respond', { message: 'Wij horen u graag.' });
    expect(c.due.decision).toBe('2027-02-04'); // Thu 24 Dec 2026 + 6 weeks

    const tooLong = await act('awb', number, 'postpone', { weeks: 5, reason: 'Hoorzitting' });
    expect(tooLong.status).toBe(422);
    expect(Object.keys((await tooLong.json()).error.fields)).toEqual(['weeks']);

    at('2027-01-20T10:00:00+01:00');
    c = await step('awb', number, 'postpone', { weeks: 4, reason: 'Wij willen u eerst horen.' });
    expect(c.due.decision).toBe('2027-03-04'); // 10 weeks after receipt
    const decision = c.deadlines.find((d: { term: string }) => d.term === 'decision');
    expect(decision.postponed).toBe(true);
    expect(decision.explanation).toMatch(/4 weken/);
    const twice = await act('awb', number, 'postpone', { weeks: 1, reason: 'Nog eens' });
    expect(twice.status).toBe(422);

    at('2027-02-25T10:00:00+01:00');
    c = await step('awb', number, 'close', {
      classification: 'gegrond',
      summary: 'Excuses aangeboden.',
    });
    expect(c.status).toBe('closed');
    expect(c.deadlines.find((d: { term: string }) => d.term === 'decision').metAt).toBe(
      '2027-02-25T09:00:00.000Z',
    );
  });

  test('wkkgz: a postponement announced after the term ended is refused', async () => {
    const number = await submit('wkkgz');
    await step('wkkgz', number, 'acknowledge');
    await step('wkkgz', number, 'respond', { message: 'Wij nemen contact op.' });
    at('2027-02-05T10:00:00+01:00'); // the decision was due Thu 4 Feb 2027
    const late = await act('wkkgz', number, 'postpone', { weeks: 2, reason: 'Drukte' });
    expect(late.status).toBe(422);
    expect(Object.keys((await late.json()).error.fields)).toEqual(['announcedOn']);
    const announced = await act('wkkgz', number, 'postpone', {
      weeks: 2,
      reason: 'Drukte',
      announcedOn: '2027-02-03',
    });
    expect(announced.status).toBe(200);
    expect((await announced.json()).due.decision).toBe('2027-02-18');
    const c = await step('wkkgz', number, 'close', {
      classification: 'ongegrond',
      summary: 'Zorg was passend.',
    });
    expect(c.status).toBe('closed');
  });
});

describe('the transition table', () => {
  // How to bring a wenb complaint into each status.
  const PATHS: Record<Status, [string, unknown?][]> = {
    received: [],
    acknowledged: [['acknowledge']],
    forwarded: [['forward', { handler: 'X' }]],
    inProgress: [['respond', { message: 'm' }]],
    solutionProposed: [['propose-solution', { proposedSolution: 's', cause: 'c' }]],
    appealFiled: [
      ['propose-solution', { proposedSolution: 's', cause: 'c' }],
      ['file-appeal', { grounds: 'g' }],
    ],
    appealDecided: [
      ['propose-solution', { proposedSolution: 's', cause: 'c' }],
      ['file-appeal', { grounds: 'g' }],
      ['decide-appeal', { decision: 'd' }],
    ],
    closed: [['close', { cause: 'c' }]],
  };

  test.each(STATUSES)(
    'every action not allowed in %s is a 409 naming the status and the allowed actions',
    async (status) => {
      const number = await submit('wenb');
      for (const [action, body] of PATHS[status]) await step('wenb', number, action, body);
      const allowed = allowedActions(status);
      for (const action of ACTIONS.filter((a) => !allowed.includes(a))) {
        const res = await act('wenb', number, action, {});
        expect(res.status, `${action} in ${status}`).toBe(409);
        expect((await res.json()).error).toMatchObject({
          code: 'transition_not_allowed',
          status,
          allowedActions: allowed,
        });
      }
    },
  );

  test('an unknown action is 404, and appeal is 409 where the procedure has none', async () => {
    const number = await submit('totaalonder1dak');
    expect((await act('totaalonder1dak', number, 'explode')).status).toBe(404);
    await step('totaalonder1dak', number, 'propose-solution', { proposedSolution: 's' });
    const res = await act('totaalonder1dak', number, 'file-appeal', { grounds: 'g' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('appeal_not_available');
  });

  test('appeal after the window is 409', async () => {
    const number = await submit('wenb');
    await step('wenb', number, 'propose-solution', { proposedSolution: 's', cause: 'c' });
    at('2027-01-08T10:00:00+01:00'); // 15 days later; the window is 14
    const res = await act('wenb', number, 'file-appeal', { grounds: 'g' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('appeal_window_closed');
  });

  test('reopen brings a closed complaint back', async () => {
    const number = await submit('wenb');
    await step('wenb', number, 'close', { cause: 'c' });
    const c = await step('wenb', number, 'reopen', { reason: 'Klant belde terug.' });
    expect(c).toMatchObject({ status: 'inProgress', closedAt: null });
  });
});

test('the register filters by handler and sorts by the next due date', async () => {
  const first = await submit('wenb');
  at('2026-12-28T09:00:00Z');
  const second = await submit('wenb');
  await step('wenb', second, 'forward', { handler: 'Sanne' });
  const list = async (query: string) =>
    (
      await (
        await t.json('GET', `/v1/tenants/wenb/complaints?${query}`, undefined, {
          Authorization: `Bearer ${keys.wenb}`,
        })
      ).json()
    ).items.map((i: { number: string }) => i.number);
  expect(await list('handler=Sanne')).toEqual([second]);
  expect(await list('')).toEqual([first, second]);
  // Acknowledging the first moves its next due date past the second's.
  await step('wenb', first, 'acknowledge');
  expect(await list('')).toEqual([second, first]);
  expect(await list('limit=1')).toEqual([second]);
  expect(await list('limit=1&offset=1')).toEqual([first]);
});

describe('retries and races', () => {
  test('the same Idempotency-Key on an action applies it once', async () => {
    const number = await submit('wenb');
    const headers = { 'Idempotency-Key': 'respond-once-123' };
    const a = await act('wenb', number, 'respond', { message: 'Een' }, headers);
    const b = await act('wenb', number, 'respond', { message: 'Een' }, headers);
    expect([a.status, b.status]).toEqual([200, 200]);
    const c = await b.json();
    expect(c.events.filter((e: { type: string }) => e.type === 'responded')).toHaveLength(1);
  });

  test('of concurrent steps on one version, one wins and the others get 409', async () => {
    const number = await submit('wenb');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => act('wenb', number, 'respond', { message: `m${i}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const c = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, {
        Authorization: `Bearer ${keys.wenb}`,
      })
    ).json();
    const seqs = c.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(c.events.filter((e: { type: string }) => e.type === 'responded')).toHaveLength(
      statuses.filter((s) => s === 200).length,
    );
  });
});

describe('erasure on request', () => {
  test('removes the personal data from every table and the file, keeps a tombstone', async () => {
    const secret = {
      name: 'Zwaantje Quispel-Verhoeven',
      initials: 'Z.Q.',
      address: 'Kwartelpad 77, Xanten-aan-Zee',
      phone: '06 99887766',
      email: 'zwaantje.quispel@example.nl',
    };
    const description = 'Onze buurman Gerrit Zeldzaamheid hoorde alles mee.';
    const res = await t.json('POST', '/v1/tenants/totaalonder1dak/complaints', {
      complainant: secret,
      onBehalfOf: { name: 'Opa Quispel', initials: 'O.', phone: '0581234567' },
      description,
      desiredSolution: 'Excuses van Gerrit Zeldzaamheid.',
    });
    const { number } = await res.json();
    await step('totaalonder1dak', number, 'respond', {
      message: 'Beste Zwaantje Quispel-Verhoeven, …',
    });
    await step('totaalonder1dak', number, 'propose-solution', {
      proposedSolution: 'Excuses aan Zwaantje.',
    });
    const other = await submit('totaalonder1dak');

    const erase = await t.json(
      'DELETE',
      `/v1/tenants/totaalonder1dak/complaints/${number}`,
      undefined,
      {
        Authorization: `Bearer ${keys.totaalonder1dak}`,
      },
    );
    expect(erase.status).toBe(204);
    const gone = await t.json(
      'GET',
      `/v1/tenants/totaalonder1dak/complaints/${number}`,
      undefined,
      {
        Authorization: `Bearer ${keys.totaalonder1dak}`,
      },
    );
    expect(gone.status).toBe(404);
    // The other complaint is untouched.
    const kept = await t.json('GET', `/v1/tenants/totaalonder1dak/complaints/${other}`, undefined, {
      Authorization: `Bearer ${keys.totaalonder1dak}`,
    });
    expect((await kept.json()).complainant.name).toBe('Jan Jansen');

    const file = databaseBytes(t);
    for (const needle of [
      ...Object.values(secret),
      description,
      'Zeldzaamheid',
      'Opa Quispel',
      '0581234567', // the on-behalf-of person's phone
      'Quispel',
    ]) {
      expect(file.includes(Buffer.from(needle)), needle).toBe(false);
    }
    const tomb = await t.db.$client.execute({
      sql: 'SELECT number, status, erased_at FROM complaints WHERE number = ?',
      args: [number],
    });
    expect(tomb.rows[0]).toMatchObject({ number, status: 'solutionProposed' });
    expect(tomb.rows[0]?.erased_at).toBeTruthy();
    const outbox = await t.db.$client.execute(
      'SELECT status FROM outbox WHERE pd_recipient IS NULL AND pd_payload IS NULL',
    );
    expect(outbox.rows.length).toBeGreaterThan(0);
  });
});
