import { describe, expect, test } from 'vitest';
import { apiErrorOf, event, NOW, stepContext, tenantOf } from '../../../test/unit-fixtures';
import {
  checkAdvice,
  decline,
  inviteHearing,
  recordAdvice,
  recordHearing,
  waiveHearing,
} from './statutory-steps';
import { type Effect, UNCHANGED } from './step-types';

const awb = tenantOf('awb');
const dataOf = (effect: Effect | typeof UNCHANGED) => (effect === UNCHANGED ? effect : effect.data);
const committee = tenantOf('awb-commissie');

describe('declining (Awb 9:8)', () => {
  test('closes as not handled, keeps the ground and the reason apart, and writes to the complainant', () => {
    expect(
      decline({ ground: 'beforeCourt', reason: 'Bij de rechtbank.' }, stepContext({ tenant: awb })),
    ).toEqual({
      changes: { closedAt: NOW.toISOString(), declined: true },
      data: { ground: 'beforeCourt' },
      pdData: { reason: 'Bij de rechtbank.' },
      messages: [{ kind: 'declined', to: '@complainant' }],
    });
  });
});

describe('the hearing (Awb 9:10)', () => {
  test('an invitation tells the complainant when, how and where; the time only when given', () => {
    const ctx = stepContext({ tenant: awb });
    expect(
      inviteHearing({ on: '2026-03-16', time: '14:30', mode: 'inPerson', place: 'Stadhuis' }, ctx),
    ).toEqual({
      changes: {},
      data: { on: '2026-03-16', mode: 'inPerson', time: '14:30' },
      pdData: { place: 'Stadhuis' },
      messages: [{ kind: 'hearingInvitation', to: '@complainant' }],
    });
    expect(dataOf(inviteHearing({ on: '2026-03-16', mode: 'phone', place: '06 1' }, ctx))).toEqual({
      on: '2026-03-16',
      mode: 'phone',
    });
  });

  test('its report is internal, and cannot be of a hearing still to come', () => {
    const ctx = stepContext({ tenant: awb, today: '2026-03-10' });
    expect(
      recordHearing({ heldOn: '2026-03-10', attendees: 'A, B', report: 'Verslag' }, ctx),
    ).toEqual({
      changes: {},
      data: { heldOn: '2026-03-10' },
      pdData: { attendees: 'A, B', report: 'Verslag' },
      messages: [],
      internal: true,
    });
    const future = apiErrorOf(() =>
      recordHearing({ heldOn: '2026-03-11', attendees: 'A', report: 'R' }, ctx),
    );
    expect(future.status).toBe(422);
    expect(Object.keys(future.fields ?? {})).toEqual(['heldOn']);
  });

  test('waiving it records the ground and, internally, the reason', () => {
    expect(
      waiveHearing({ ground: 'noTimelyWish', reason: 'Geen reactie.' }, stepContext()),
    ).toEqual({
      changes: {},
      data: { ground: 'noTimelyWish' },
      pdData: { reason: 'Geen reactie.' },
      messages: [],
      internal: true,
    });
  });
});

describe("the committee's advice (Awb 9:14)", () => {
  const ctx = stepContext({ tenant: committee, today: '2026-03-10' });
  test('is recorded with its date and the judgement it advises, which must be one of the procedure', () => {
    expect(
      recordAdvice(
        { advisedOn: '2026-03-09', advice: 'Ongegrond.', classification: 'ongegrond' },
        ctx,
      ),
    ).toEqual({
      changes: {},
      data: { advisedOn: '2026-03-09', classification: 'ongegrond' },
      pdData: { advice: 'Ongegrond.' },
      messages: [],
      internal: true,
    });
    expect(dataOf(recordAdvice({ advisedOn: '2026-03-10', advice: 'x' }, ctx))).toEqual({
      advisedOn: '2026-03-10',
    });
    expect(
      Object.keys(
        apiErrorOf(() =>
          recordAdvice({ advisedOn: '2026-03-09', advice: 'x', classification: 'nee' }, ctx),
        ).fields ?? {},
      ),
    ).toEqual(['classification']);
    expect(
      Object.keys(
        apiErrorOf(() => recordAdvice({ advisedOn: '2026-03-11', advice: 'x' }, ctx)).fields ?? {},
      ),
    ).toEqual(['advisedOn']);
  });

  test('must come before the decision, which explains a different judgement', () => {
    const received = event('received', '2026-03-02T09:00:00.000Z', null, 1);
    const advised = (classification?: string) =>
      event(
        'adviceGiven',
        '2026-03-09T09:00:00.000Z',
        classification ? { advisedOn: '2026-03-09', classification } : { advisedOn: '2026-03-09' },
        2,
      );
    const none = apiErrorOf(() => checkAdvice({}, null, [received], 'nl'));
    expect([none.status, none.code]).toEqual([409, 'advice_required']);
    // The same judgement, one registered before, or an advice without one: nothing to explain.
    expect(() =>
      checkAdvice({ classification: 'gegrond' }, null, [received, advised('gegrond')], 'nl'),
    ).not.toThrow();
    expect(() =>
      checkAdvice({}, 'ongegrond', [received, advised('ongegrond')], 'nl'),
    ).not.toThrow();
    expect(() =>
      checkAdvice({ classification: 'gegrond' }, null, [received, advised()], 'nl'),
    ).not.toThrow();
    expect(() => checkAdvice({}, null, [received, advised('gegrond')], 'nl')).not.toThrow();
    const bare = event('adviceGiven', '2026-03-09T09:00:00.000Z', null, 2);
    expect(() =>
      checkAdvice({ classification: 'gegrond' }, null, [received, bare], 'nl'),
    ).not.toThrow();
    const differs = apiErrorOf(() =>
      checkAdvice({ classification: 'gegrond' }, null, [received, advised('ongegrond')], 'en'),
    );
    expect([differs.status, differs.code]).toEqual([422, 'validation_failed']);
    expect(differs.fields).toEqual({
      deviationReason:
        "The judgement departs from the committee's advice: give the reason (Awb 9:15).",
    });
    expect(() =>
      checkAdvice(
        { classification: 'gegrond', deviationReason: 'Nieuwe feiten.' },
        null,
        [received, advised('ongegrond')],
        'nl',
      ),
    ).not.toThrow();
    // The latest advice counts.
    const later = event(
      'adviceGiven',
      '2026-03-10T09:00:00.000Z',
      { advisedOn: '2026-03-10', classification: 'gegrond' },
      3,
    );
    expect(() =>
      checkAdvice(
        { classification: 'gegrond' },
        null,
        [received, advised('ongegrond'), later],
        'nl',
      ),
    ).not.toThrow();
  });
});
