import { describe, expect, test } from 'vitest';
import { apiErrorOf, deadlineRow, event, stepContext, tenantOf } from '../../../test/unit-fixtures';
import { close, postpone } from './handling-steps';
import { UNCHANGED } from './step-types';

describe('a further postponement (Awb 9:11 lid 3)', () => {
  const awb = tenantOf('awb');
  const deadlines = [
    deadlineRow(awb.procedure, 'acknowledgement'),
    deadlineRow(awb.procedure, 'decision', { postponed: true }),
  ];
  const ctx = stepContext({ tenant: awb, deadlines, today: '2026-03-10' });
  const consent = { givenOn: '2026-03-09', how: 'letter' as const };

  test("is allowed with the complainant's written consent, which the timeline keeps", () => {
    const effect = postpone({ weeks: 8, reason: 'Deskundige nodig', consent }, ctx);
    expect(effect !== UNCHANGED && effect.data).toEqual({
      term: 'decision',
      weeks: 8,
      announcedOn: '2026-03-10',
      consent: { givenOn: '2026-03-09', how: 'letter' },
    });
  });

  test('a consent dated before the term began is refused on consent', () => {
    const err = apiErrorOf(() =>
      postpone(
        { weeks: 2, reason: 'x', consent: { givenOn: '2026-02-01', how: 'email' } },
        { ...ctx, locale: 'en' },
      ),
    );
    expect([err.status, Object.keys(err.fields ?? {})]).toEqual([422, ['consent']]);
  });
});

describe('closing with a complaints committee (Awb 9:14–9:15)', () => {
  const committee = tenantOf('awb-commissie');
  const received = event('received', '2026-03-02T09:00:00.000Z', null, 1);
  const advised = event(
    'adviceGiven',
    '2026-03-09T09:00:00.000Z',
    { advisedOn: '2026-03-09', classification: 'ongegrond' },
    2,
  );
  const body = { classification: 'ongegrond', summary: 'Samenvatting' };

  test('waits for the advice', () => {
    const err = apiErrorOf(() =>
      close(body, stepContext({ tenant: committee, timeline: [received] })),
    );
    expect([err.status, err.code]).toEqual([409, 'advice_required']);
    const effect = close(body, stepContext({ tenant: committee, timeline: [received, advised] }));
    expect(effect !== UNCHANGED && effect.data?.classification).toBe('ongegrond');
  });

  test('keeps the reason for departing from the advice as personal data', () => {
    const ctx = stepContext({ tenant: committee, timeline: [received, advised] });
    const departs = close(
      { classification: 'gegrond', summary: 'S', deviationReason: 'Nieuwe feiten.' },
      ctx,
    );
    expect(departs !== UNCHANGED && departs.pdData).toEqual({ deviationReason: 'Nieuwe feiten.' });
    const follows = close(body, ctx);
    expect(follows !== UNCHANGED && follows.pdData).toBeUndefined();
  });

  test('without a committee no advice is needed', () => {
    const effect = close(body, stepContext({ tenant: tenantOf('awb'), timeline: [received] }));
    expect(effect).not.toBe(UNCHANGED);
  });
});
