import { describe, expect, test } from 'vitest';
import { ACTION_BODIES, ACTIONS, allowedActions, STATUSES, TRANSITIONS } from './lifecycle';

describe('the lifecycle table', () => {
  test('allows per status exactly these steps', () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, allowedActions(s)]))).toEqual({
      received: [
        'acknowledge',
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
      ],
      acknowledged: [
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
      ],
      forwarded: [
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
      ],
      inProgress: [
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
      ],
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
    });
  });

  test('every action has a body schema, and steps lead where the procedure goes', () => {
    expect(Object.keys(ACTION_BODIES)).toEqual(ACTIONS);
    expect(TRANSITIONS.close.to).toBe('closed');
    expect(TRANSITIONS.reopen.to).toBe('inProgress');
    expect(TRANSITIONS.postpone.to).toBeNull();
  });
});

describe('the bodies of the steps', () => {
  test('take no unknown fields', () => {
    expect(ACTION_BODIES.acknowledge.safeParse({ x: 1 }).success).toBe(false);
    expect(ACTION_BODIES.respond.safeParse({ message: 'Hallo', extra: true }).success).toBe(false);
  });

  test('a postponement is 1 to 52 whole weeks, with a reason and an optional date', () => {
    const ok = { weeks: 4, reason: 'Advies nodig', announcedOn: '2026-03-10' };
    expect(ACTION_BODIES.postpone.parse(ok)).toEqual(ok);
    for (const weeks of [0, 53, 1.5]) {
      expect(ACTION_BODIES.postpone.safeParse({ ...ok, weeks }).success).toBe(false);
    }
    expect(ACTION_BODIES.postpone.safeParse({ weeks: 1 }).success).toBe(false);
    expect(ACTION_BODIES.postpone.safeParse({ ...ok, announcedOn: '2026-02-30' }).success).toBe(
      false,
    );
  });

  test('texts are trimmed plain text within their limits', () => {
    expect(ACTION_BODIES.respond.parse({ message: '  Hallo  ' })).toEqual({ message: 'Hallo' });
    expect(ACTION_BODIES.respond.safeParse({ message: '   ' }).success).toBe(false);
    expect(ACTION_BODIES.respond.safeParse({ message: 'x'.repeat(10_001) }).success).toBe(false);
    expect(ACTION_BODIES.forward.safeParse({ handler: 'Piet\u202e' }).success).toBe(false);
    expect(ACTION_BODIES.forward.safeParse({ handler: 'Piet', handlerEmail: 'nope' }).success).toBe(
      false,
    );
  });

  test('a choice is a trimmed id of at most 60 characters; update may clear the category', () => {
    expect(ACTION_BODIES.close.parse({ classification: ' gegrond ' })).toEqual({
      classification: 'gegrond',
    });
    expect(ACTION_BODIES.close.safeParse({ classification: '' }).success).toBe(false);
    expect(ACTION_BODIES.close.safeParse({ remedy: 'x'.repeat(61) }).success).toBe(false);
    expect(ACTION_BODIES.update.parse({ category: null })).toEqual({ category: null });
  });
});
