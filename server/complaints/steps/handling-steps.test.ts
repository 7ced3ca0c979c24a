import { describe, expect, test } from 'vitest';
import {
  apiErrorOf,
  complaintRow,
  deadlineRow,
  NOW,
  stepContext,
  tenantOf,
} from '../../../test/unit-fixtures';
import { close, postpone, proposeSolution, reopen, respond } from './handling-steps';
import { COMPLAINANT, UNCHANGED } from './step-types';

describe('responding', () => {
  test('records the first feedback moment, keeps the message and tells the complainant', () => {
    expect(respond({ message: 'We bellen u morgen.' }, stepContext())).toEqual({
      changes: { feedbackAt: NOW.toISOString() },
      pdData: { message: 'We bellen u morgen.' },
      messages: [{ kind: 'response', to: COMPLAINANT }],
    });
  });

  test('a later response keeps the first feedback moment', () => {
    const row = complaintRow({ feedbackAt: '2026-03-03T08:00:00.000Z' });
    const effect = respond({ message: 'Nog een bericht' }, stepContext({ row }));
    expect(effect !== UNCHANGED && effect.changes).toEqual({
      feedbackAt: '2026-03-03T08:00:00.000Z',
    });
  });
});

describe('postponing (Awb 9:11, Wkkgz art. 17)', () => {
  const awb = tenantOf('awb');
  // awb: acknowledgement 5 working days (not postponable), decision 6 weeks (4 weeks at most).
  const deadlines = [
    deadlineRow(awb.procedure, 'acknowledgement'),
    deadlineRow(awb.procedure, 'decision'),
  ];
  const ctx = stepContext({ tenant: awb, deadlines, today: '2026-03-10' });

  test('postpones the first postponable open term, announced today unless told otherwise', () => {
    expect(postpone({ weeks: 4, reason: 'Advies nodig' }, ctx)).toEqual({
      changes: {},
      data: { term: 'decision', weeks: 4, announcedOn: '2026-03-10' },
      pdData: { reason: 'Advies nodig' },
      messages: [{ kind: 'postponement', to: COMPLAINANT }],
    });
    const effect = postpone({ weeks: 2, reason: 'x', announcedOn: '2026-03-05' }, ctx);
    expect(effect !== UNCHANGED && effect.data).toEqual({
      term: 'decision',
      weeks: 2,
      announcedOn: '2026-03-05',
    });
  });

  test('postpones the term asked for, and only a postponable one', () => {
    const effect = postpone({ weeks: 1, reason: 'x', term: 'decision' }, ctx);
    expect(effect !== UNCHANGED && effect.data?.term).toBe('decision');
    const err = apiErrorOf(() => postpone({ weeks: 1, reason: 'x', term: 'acknowledgement' }, ctx));
    expect([err.status, err.code]).toEqual([409, 'not_postponable']);
  });

  test('is 409 when the postponable term was met or is not there', () => {
    const met = [
      deadlines[0],
      { ...deadlineRow(awb.procedure, 'decision'), metAt: NOW.toISOString() },
    ];
    for (const list of [met, [deadlines[0]], []]) {
      const err = apiErrorOf(() =>
        postpone({ weeks: 1, reason: 'x' }, { ...ctx, deadlines: list.filter((d) => !!d) }),
      );
      expect([err.status, err.code]).toEqual([409, 'not_postponable']);
    }
  });

  test('is 409 where no term may be postponed at all', () => {
    const tenant = tenantOf('totaalonder1dak');
    const list = [deadlineRow(tenant.procedure, 'firstResponse')];
    const err = apiErrorOf(() =>
      postpone({ weeks: 1, reason: 'x' }, stepContext({ tenant, deadlines: list })),
    );
    expect([err.status, err.code]).toEqual([409, 'not_postponable']);
  });

  test('more weeks than the law allows is a 422 on weeks, in the language asked for', () => {
    const err = apiErrorOf(() => postpone({ weeks: 5, reason: 'x' }, { ...ctx, locale: 'en' }));
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(err.fields).toEqual({ weeks: 'A postponement must be 1 to 4 whole weeks.' });
  });

  test('a second postponement of the same term is refused', () => {
    const postponed = [
      deadlines[0],
      { ...deadlineRow(awb.procedure, 'decision'), postponed: true },
    ];
    const err = apiErrorOf(() =>
      postpone({ weeks: 1, reason: 'x' }, { ...ctx, deadlines: postponed.filter((d) => !!d) }),
    );
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields ?? {})).toEqual(['postponement']);
    expect(err.fields?.postponement).toMatch(/al eens verdaagd/);
  });

  test('an announcement after the term ended is refused', () => {
    // The decision term of a complaint received 2 March 2026 ends 13 April.
    const err = apiErrorOf(() =>
      postpone({ weeks: 1, reason: 'x', announcedOn: '2026-04-14' }, ctx),
    );
    expect(err.fields).toEqual({
      announcedOn: 'De verdaging moet uiterlijk ma 13 apr 2026 worden aangekondigd.',
    });
  });
});

describe('proposing a solution', () => {
  const t1d = tenantOf('totaalonder1dak');

  test('stores the proposal, the cause and the remedy, and tells the complainant', () => {
    const body = {
      proposedSolution: 'Wij vergoeden de kosten.',
      cause: 'Planning',
      remedy: 'compensation',
    };
    expect(proposeSolution(body, stepContext({ tenant: t1d }))).toEqual({
      changes: {
        pdProposedSolution: 'Wij vergoeden de kosten.',
        pdCause: 'Planning',
        remedy: 'compensation',
        feedbackAt: NOW.toISOString(),
      },
      data: { remedy: 'compensation' },
      pdData: { proposedSolution: 'Wij vergoeden de kosten.', cause: 'Planning' },
      messages: [{ kind: 'solutionProposed', to: COMPLAINANT }],
    });
  });

  test('without a cause or remedy leaves the registered ones alone', () => {
    const row = complaintRow({
      pdCause: 'Eerder',
      remedy: 'other',
      feedbackAt: '2026-03-03T08:00:00Z',
    });
    expect(
      proposeSolution({ proposedSolution: 'Excuses' }, stepContext({ tenant: t1d, row })),
    ).toEqual({
      changes: { pdProposedSolution: 'Excuses', feedbackAt: '2026-03-03T08:00:00Z' },
      data: undefined,
      pdData: { proposedSolution: 'Excuses' },
      messages: [{ kind: 'solutionProposed', to: COMPLAINANT }],
    });
  });

  test('an unknown remedy is a 422 on remedy', () => {
    const err = apiErrorOf(() =>
      proposeSolution({ proposedSolution: 'x', remedy: 'cake' }, stepContext({ tenant: t1d })),
    );
    expect([err.status, err.fields]).toEqual([422, { remedy: 'Kies een van de opties.' }]);
  });

  test('wenb: the cause must be known, sent now or registered before', () => {
    const wenb = tenantOf('wenb');
    const err = apiErrorOf(() =>
      proposeSolution({ proposedSolution: 'x' }, stepContext({ tenant: wenb, locale: 'en' })),
    );
    expect([err.status, err.fields]).toEqual([422, { cause: 'Please fill in this field.' }]);
    const registered = stepContext({ tenant: wenb, row: complaintRow({ pdCause: 'Drukte' }) });
    expect(proposeSolution({ proposedSolution: 'x' }, registered)).not.toBe(UNCHANGED);
    const sent = stepContext({ tenant: wenb });
    expect(proposeSolution({ proposedSolution: 'x', cause: 'Drukte' }, sent)).not.toBe(UNCHANGED);
  });
});

describe('closing', () => {
  const t1d = tenantOf('totaalonder1dak');

  test('records what the procedure asks, keeping what was registered before', () => {
    const row = complaintRow({
      classification: 'justified',
      admissible: true,
      remedy: 'other',
      pdCause: 'Oorzaak',
      pdSummary: 'Samenvatting',
      pdPreventiveMeasures: 'Maatregel',
    });
    expect(close({}, stepContext({ tenant: t1d, row }))).toEqual({
      changes: {
        closedAt: NOW.toISOString(),
        classification: 'justified',
        admissible: true,
        remedy: 'other',
        pdCause: 'Oorzaak',
        pdSummary: 'Samenvatting',
        pdPreventiveMeasures: 'Maatregel',
        measuresEffectiveOn: null,
      },
      data: { classification: 'justified', admissible: true, remedy: 'other' },
      messages: [{ kind: 'closing', to: COMPLAINANT }],
    });
  });

  test('what is sent now replaces what was registered', () => {
    const row = complaintRow({ classification: 'justified', pdSummary: 'Oud', admissible: true });
    const body = {
      classification: 'dissatisfaction',
      admissible: false,
      remedy: 'cancel',
      cause: 'C',
      summary: 'Nieuw',
      preventiveMeasures: 'M',
      measuresEffectiveOn: '2026-04-01',
      satisfied: false,
    };
    expect(close(body, stepContext({ tenant: t1d, row }))).toMatchObject({
      changes: {
        classification: 'dissatisfaction',
        admissible: false,
        remedy: 'cancel',
        pdCause: 'C',
        pdSummary: 'Nieuw',
        pdPreventiveMeasures: 'M',
        measuresEffectiveOn: '2026-04-01',
        satisfied: false,
      },
      data: { classification: 'dissatisfaction', admissible: false, remedy: 'cancel' },
    });
  });

  test('records satisfaction only when it was given', () => {
    const ctx = stepContext({
      tenant: t1d,
      row: complaintRow({ classification: 'justified', pdSummary: 'S' }),
    });
    const effect = close({}, ctx);
    expect(effect !== UNCHANGED && 'satisfied' in effect.changes).toBe(false);
    const satisfied = close({ satisfied: true }, ctx);
    expect(satisfied !== UNCHANGED && satisfied.changes.satisfied).toBe(true);
  });

  test('every missing required field is named in one 422', () => {
    const err = apiErrorOf(() => close({}, stepContext({ tenant: t1d, locale: 'en' })));
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(err.fields).toEqual({
      classification: 'Please fill in this field.',
      summary: 'Please fill in this field.',
    });
  });

  test('an unknown classification or remedy is a 422 naming it', () => {
    const row = complaintRow({ classification: 'justified', pdSummary: 'S' });
    const ctx = stepContext({ tenant: t1d, row });
    expect(apiErrorOf(() => close({ classification: 'nope' }, ctx)).fields).toEqual({
      classification: 'Kies een van de opties.',
    });
    expect(apiErrorOf(() => close({ remedy: 'nope' }, ctx)).fields).toEqual({
      remedy: 'Kies een van de opties.',
    });
  });
});

describe('reopening', () => {
  test('clears the closing moment (and "not handled") and keeps the reason as personal data', () => {
    expect(reopen({ reason: 'Nieuwe feiten' }, stepContext())).toEqual({
      changes: { closedAt: null, declined: false },
      pdData: { reason: 'Nieuwe feiten' },
      messages: [],
    });
    expect(reopen({}, stepContext())).toEqual({
      changes: { closedAt: null, declined: false },
      pdData: undefined,
      messages: [],
    });
  });
});
