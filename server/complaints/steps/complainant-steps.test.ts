import { describe, expect, test } from 'vitest';
import { appealWindowEnds } from '../../../shared/appeal-window';
import {
  apiErrorOf,
  complaintRow,
  event,
  stepContext,
  tenantOf,
} from '../../../test/unit-fixtures';
import {
  acceptSolution,
  decideAppeal,
  fileAppeal,
  recordSatisfaction,
  requestErasure,
} from './complainant-steps';
import { COMPLAINANT, UNCHANGED } from './step-types';

const received = event('received', '2026-03-02T09:00:00.000Z', null, 1);
const proposed = (at: string, seq = 2) => event('solutionProposed', at, null, seq);
const acceptedAt = (at: string, seq = 3) => event('solutionAccepted', at, null, seq);

describe('accepting the proposed solution', () => {
  test('is recorded the first time, with nothing to change and no one to tell', () => {
    const ctx = stepContext({ timeline: [received, proposed('2026-03-05T10:00:00Z')] });
    expect(acceptSolution({}, ctx)).toEqual({ changes: {}, messages: [] });
  });

  test('a second acceptance of the same proposal changes nothing', () => {
    const timeline = [received, proposed('2026-03-05T10:00:00Z'), acceptedAt('2026-03-06T10:00Z')];
    expect(acceptSolution({}, stepContext({ timeline }))).toBe(UNCHANGED);
  });

  test('a new proposal after an accepted one may be accepted again', () => {
    const timeline = [
      received,
      proposed('2026-03-05T10:00:00Z'),
      acceptedAt('2026-03-06T10:00:00Z'),
      proposed('2026-03-09T10:00:00Z', 4),
    ];
    expect(acceptSolution({}, stepContext({ timeline }))).not.toBe(UNCHANGED);
  });
});

describe('the appeal window', () => {
  test('ends windowDays after the day of the proposal, across month ends', () => {
    expect(appealWindowEnds('2026-03-10', 14)).toBe('2026-03-24');
    expect(appealWindowEnds('2026-01-20', 28)).toBe('2026-02-17');
    expect(appealWindowEnds('2026-12-20', 14)).toBe('2027-01-03');
    expect(appealWindowEnds('2028-02-20', 9)).toBe('2028-02-29');
  });
});

describe('filing an appeal', () => {
  const wenb = tenantOf('wenb');
  const base = { tenant: wenb, row: complaintRow({ status: 'solutionProposed' }) };

  test('goes to the appeal body and confirms to the complainant, keeping the grounds', () => {
    const ctx = stepContext({
      ...base,
      timeline: [received, proposed('2026-03-05T10:00:00Z')],
      today: '2026-03-10',
    });
    expect(fileAppeal({ grounds: 'Niet opgelost' }, ctx)).toEqual({
      changes: {},
      pdData: { grounds: 'Niet opgelost' },
      messages: [
        { kind: 'appealNotice', to: 'voorzitter@wenb.nl' },
        { kind: 'appealFiled', to: COMPLAINANT },
      ],
    });
  });

  test('without an appeal body address only the complainant is told', () => {
    const tenant = tenantOf('wenb', (p) => {
      p.appeal.body = undefined;
    });
    const ctx = stepContext({
      ...base,
      tenant,
      timeline: [received, proposed('2026-03-05T10:00Z')],
    });
    const effect = fileAppeal({ grounds: 'x' }, ctx);
    expect(effect !== UNCHANGED && effect.messages[0]).toEqual({ kind: 'appealNotice', to: null });
  });

  test('is 409 where the procedure has no appeal', () => {
    const ctx = stepContext({ tenant: tenantOf('totaalonder1dak'), timeline: [received] });
    const err = apiErrorOf(() => fileAppeal({ grounds: 'x' }, ctx));
    expect([err.status, err.code]).toEqual([409, 'appeal_not_available']);
  });

  test('is 409 once the solution was accepted, offering every other allowed step', () => {
    const ctx = stepContext({
      ...base,
      timeline: [received, proposed('2026-03-05T10:00:00Z'), acceptedAt('2026-03-06T10:00Z')],
    });
    const err = apiErrorOf(() => fileAppeal({ grounds: 'x' }, ctx));
    expect([err.status, err.code]).toEqual([409, 'transition_not_allowed']);
    expect(err.extra).toEqual({
      status: 'solutionProposed',
      allowedActions: [
        'record-acknowledgement',
        'accept-solution',
        'close',
        'request-erasure',
        'update',
        'add-note',
      ],
    });
  });

  test('counts the window from the latest proposal, in Amsterdam days', () => {
    // wenb: 14 days. Proposed at 00:30 Amsterdam on 2 March (23:30 UTC on 1 March): the window
    // ends 16 March. The earlier proposal of 20 February does not count.
    const timeline = [
      received,
      proposed('2026-02-20T10:00:00Z'),
      proposed('2026-03-01T23:30:00Z', 3),
    ];
    expect(
      fileAppeal({ grounds: 'x' }, stepContext({ ...base, timeline, today: '2026-03-16' })),
    ).not.toBe(UNCHANGED);
    const err = apiErrorOf(() =>
      fileAppeal({ grounds: 'x' }, stepContext({ ...base, timeline, today: '2026-03-17' })),
    );
    expect([err.status, err.code]).toEqual([409, 'appeal_window_closed']);
  });

  test('without a recorded proposal the window starts today', () => {
    const ctx = stepContext({ ...base, timeline: [received], today: '2026-06-01' });
    expect(fileAppeal({ grounds: 'x' }, ctx)).not.toBe(UNCHANGED);
  });
});

describe('the appeal decision', () => {
  test('records whether the appeal was upheld, the decision text, and tells the complainant', () => {
    expect(decideAppeal({ decision: 'Gegrond', upheld: true }, stepContext())).toEqual({
      changes: {},
      data: { upheld: true },
      pdData: { decision: 'Gegrond' },
      messages: [{ kind: 'appealDecision', to: COMPLAINANT }],
    });
    const effect = decideAppeal({ decision: 'Ongegrond', upheld: false }, stepContext());
    expect(effect !== UNCHANGED && effect.data).toEqual({ upheld: false });
  });

  test('records no verdict when none was given', () => {
    const effect = decideAppeal({ decision: 'Zie brief' }, stepContext());
    expect(effect !== UNCHANGED && effect.data).toBeUndefined();
  });
});

describe('satisfaction', () => {
  test('is stored on the complaint and in an internal event, with the comment as personal data', () => {
    expect(recordSatisfaction({ satisfied: false, comment: 'Te traag' }, stepContext())).toEqual({
      changes: { satisfied: false },
      data: { satisfied: false },
      pdData: { comment: 'Te traag' },
      messages: [],
      internal: true,
    });
  });

  test('without a comment keeps no personal data', () => {
    const effect = recordSatisfaction({ satisfied: true }, stepContext());
    expect(effect).toMatchObject({ changes: { satisfied: true }, pdData: undefined });
  });
});

describe('a request for erasure', () => {
  const received2 = [received];

  test("tells the organisation's reply-to address when nobody is named for it", () => {
    const ctx = stepContext({ tenant: tenantOf('totaalonder1dak'), timeline: received2 });
    expect(requestErasure({}, ctx)).toEqual({
      changes: {},
      messages: [{ kind: 'staff:erasureRequested', to: 'info@totaalonder1dak.nl' }],
      internal: true,
    });
  });

  test('leaves it to the named staff (performStep tells them) when there are any', () => {
    const tenant = tenantOf('totaalonder1dak', (p) => {
      if (p.notifications) p.notifications.staff = { erasureRequested: ['privacy@example.nl'] };
    });
    expect(requestErasure({}, stepContext({ tenant, timeline: received2 }))).toMatchObject({
      messages: [],
      internal: true,
    });
  });

  test('tells nobody when the procedure has no address at all', () => {
    const tenant = tenantOf('wenb');
    expect(requestErasure({}, stepContext({ tenant, timeline: received2 }))).toMatchObject({
      messages: [],
    });
    const none = tenantOf('awb');
    expect(requestErasure({}, stepContext({ tenant: none, timeline: received2 }))).toMatchObject({
      messages: [],
    });
  });

  test('asked twice is recorded once', () => {
    const timeline = [received, event('erasureRequested', '2026-03-05T10:00:00Z', null, 2)];
    expect(requestErasure({}, stepContext({ timeline }))).toBe(UNCHANGED);
  });
});
