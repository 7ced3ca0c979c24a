import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTIONS, STATUSES } from '../shared/lifecycle';
import { type TestApp, testApp } from './helpers';

/*
 * What each status allows, written out by hand from the specification (PRODUCT.md "Lifecycle"
 * and the README's lifecycle section), NOT derived from shared/lifecycle.ts: a wrong entry in the
 * server's transition table must make this test fail, so it may not build its expectations from
 * that table.
 *
 * received → acknowledged → (forwarded) → in progress → solution proposed → closed; from solution
 * proposed the complainant may accept or appeal → appeal decided → closed. Before a solution is
 * proposed, staff may still forward, respond, postpone and propose; any open complaint may be
 * closed; before a solution it may also be declined (Awb 9:8), heard or its hearing waived
 * (9:10), and a committee's advice recorded (9:14); only a closed complaint is reopened or asked about satisfaction; erasure requests and
 * registration updates and internal notes are possible in every status.
 */
const BEFORE_SOLUTION = [
  'record-acknowledgement',
  'forward',
  'respond',
  'postpone',
  'decline',
  'invite-hearing',
  'record-hearing',
  'waive-hearing',
  'record-advice',
  'propose-solution',
  'close',
  'request-erasure',
  'update',
  'add-note',
];
const ALLOWED: Record<string, string[]> = {
  received: ['acknowledge', ...BEFORE_SOLUTION],
  acknowledged: BEFORE_SOLUTION,
  forwarded: BEFORE_SOLUTION,
  inProgress: BEFORE_SOLUTION,
  solutionProposed: [
    'record-acknowledgement',
    'accept-solution',
    'file-appeal',
    'close',
    'request-erasure',
    'update',
    'add-note',
  ],
  appealFiled: [
    'record-acknowledgement',
    'decide-appeal',
    'close',
    'request-erasure',
    'update',
    'add-note',
  ],
  appealDecided: ['record-acknowledgement', 'close', 'request-erasure', 'update', 'add-note'],
  closed: ['reopen', 'record-satisfaction', 'request-erasure', 'update', 'add-note'],
};

/** Where an allowed action leads; actions not listed leave the status as it is. */
const LEADS_TO: Record<string, string> = {
  acknowledge: 'acknowledged',
  forward: 'forwarded',
  respond: 'inProgress',
  'propose-solution': 'solutionProposed',
  'file-appeal': 'appealFiled',
  'decide-appeal': 'appealDecided',
  close: 'closed',
  decline: 'closed',
  reopen: 'inProgress',
};

/** A valid body for each action on the procedure below. */
const BODIES: Record<string, unknown> = {
  acknowledge: {},
  'record-acknowledgement': {},
  forward: { handler: 'Sanne de Vries' },
  respond: { message: 'Wij zoeken het uit.' },
  postpone: { weeks: 1, reason: 'Wij wachten op de leverancier.' },
  'propose-solution': { proposedSolution: 'Wij leveren opnieuw.', cause: 'Verkeerde versie.' },
  'accept-solution': {},
  'file-appeal': { grounds: 'Dat is niet genoeg.' },
  'decide-appeal': { decision: 'Het voorstel blijft staan.', upheld: false },
  close: { cause: 'Verkeerde versie.' },
  reopen: { reason: 'De klant belde terug.' },
  'record-satisfaction': { satisfied: true },
  'request-erasure': {},
  update: { category: 'kwaliteit' },
  'add-note': { note: 'Klant belde nog even.' },
  decline: { ground: 'handledBefore', reason: 'Al behandeld als klacht 2026-0001.' },
  'invite-hearing': { on: '2027-01-05', mode: 'phone', place: 'Wij bellen u op 06 12345678.' },
  'record-hearing': { heldOn: '2026-12-23', attendees: 'Klant, behandelaar', report: 'Gesproken.' },
  'waive-hearing': { ground: 'complainantDeclined', reason: 'Klant wil niet gehoord worden.' },
  'record-advice': { advisedOn: '2026-12-23', advice: 'Ongegrond.' },
};

/** How to bring a complaint into each status through the API. */
const PATHS: Record<string, string[]> = {
  received: [],
  acknowledged: ['acknowledge'],
  forwarded: ['forward'],
  inProgress: ['respond'],
  solutionProposed: ['propose-solution'],
  appealFiled: ['propose-solution', 'file-appeal'],
  appealDecided: ['propose-solution', 'file-appeal', 'decide-appeal'],
  closed: ['close'],
};

let t: TestApp;
let key: string;

beforeAll(async () => {
  t = await testApp({ now: () => new Date('2026-12-24T09:00:00Z') });
  key = await t.tenant('wenb');
  // The wenb procedure with a postponable resolution term, so `postpone` can succeed too.
  const procedure = await (
    await t.json('GET', '/v1/tenants/wenb/procedure', undefined, auth())
  ).json();
  procedure.terms.resolution.postponable = { maxWeeks: 4 };
  const put = await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, auth());
  expect(put.status, await put.clone().text()).toBe(200);
});
afterAll(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

async function complaintIn(status: string) {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' },
    description: 'Het advies kwam te laat.',
  });
  expect(res.status).toBe(201);
  const { number } = await res.json();
  for (const action of PATHS[status] ?? []) {
    const step = await act(number, action);
    expect(step.status, `${action} on the way to ${status}: ${await step.clone().text()}`).toBe(
      200,
    );
  }
  const view = await get(number);
  expect(view.status).toBe(status);
  return number as string;
}

const act = (number: string, action: string) =>
  t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, BODIES[action], auth());

async function get(number: string) {
  const res = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  expect(res.status).toBe(200);
  return res.json();
}

const sorted = (items: string[]) => [...items].sort();

test('the hand-written list covers every status and every action the server knows', () => {
  expect(sorted(Object.keys(ALLOWED))).toEqual(sorted([...STATUSES]));
  expect(sorted(Object.keys(BODIES))).toEqual(sorted([...ACTIONS]));
});

describe.each(Object.keys(ALLOWED))('a complaint that is %s', (status) => {
  const allowed = ALLOWED[status] ?? [];
  const refused = Object.keys(BODIES).filter((a) => !allowed.includes(a));

  test('shows the allowed actions, and refuses every other action with 409, unchanged', async () => {
    const number = await complaintIn(status);
    const before = await get(number);
    expect(sorted(before.allowedActions)).toEqual(sorted(allowed));
    for (const action of refused) {
      const res = await act(number, action);
      expect(res.status, `${action} in ${status}`).toBe(409);
      const { error } = await res.json();
      expect(error.code, `${action} in ${status}`).toBe('transition_not_allowed');
      expect(error.status).toBe(status);
      expect(sorted(error.allowedActions), `allowed in ${status}`).toEqual(sorted(allowed));
    }
    const after = await get(number);
    expect(after.status).toBe(status);
    expect(after.events).toEqual(before.events);
  });

  test.each(allowed)(`allows %s in ${status}`, async (action) => {
    const number = await complaintIn(status);
    const before = await get(number);
    const res = await act(number, action);
    expect(res.status, `${action} in ${status}: ${await res.clone().text()}`).toBe(200);
    const after = await res.json();
    expect(after.status).toBe(LEADS_TO[action] ?? status);
    // The step is in the timeline (an acknowledgement already recorded is not recorded again).
    const repeat = action === 'record-acknowledgement' && status === 'acknowledged';
    expect(after.events.length).toBe(before.events.length + (repeat ? 0 : 1));
  });
});
