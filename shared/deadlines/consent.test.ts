import { describe, expect, test } from 'vitest';
import { makeCalendar } from './calendar';
import { MAX_CONSENTED_WEEKS, postpone } from './postpone';
import { computeDue, computeDueDates, extendDue } from './terms';
import type { DueDate } from './types';

/* Awb 9:11 lid 3: a further postponement only with the complainant's written consent. */

const calendar = makeCalendar();
const decision = { amount: 6, unit: 'weeks', from: 'received' } as const;
const first = (): DueDate =>
  extendDue(
    computeDue(decision, '2026-03-02', calendar),
    { weeks: 4, announcedOn: '2026-04-01' },
    calendar,
  );
const consent = { givenOn: '2026-05-01', how: 'email' };

describe('a further postponement', () => {
  test('is refused without consent, naming what it needs', () => {
    const result = postpone(
      first(),
      { weeks: 2, announcedOn: '2026-05-04' },
      { maxWeeks: 4 },
      calendar,
      true,
    );
    expect(result).toEqual({
      ok: false,
      field: 'postponement',
      reason: {
        nl: 'Deze termijn is al eens verdaagd; verder uitstel kan alleen met schriftelijke instemming van de klager.',
        en: "This term has already been postponed; further postponement needs the complainant's written consent.",
      },
    });
    // The stored flag alone is enough to refuse.
    const unflagged = computeDue(decision, '2026-03-02', calendar);
    expect(
      postpone(unflagged, { weeks: 2, announcedOn: '2026-03-04' }, { maxWeeks: 4 }, calendar, true)
        .ok,
    ).toBe(false);
  });

  test('with consent adds its weeks to the earlier ones, from the original term', () => {
    const result = postpone(
      first(),
      { weeks: 3, announcedOn: '2026-05-04', consent },
      { maxWeeks: 4 },
      calendar,
      true,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.due.date).toBe('2026-06-01');
    expect(result.due.postponement).toEqual({ weeks: 7, announcedOn: '2026-05-04', consent });
    expect(result.due.explanation.nl).toBe(
      '6 weken na ontvangst op ma 2 mrt 2026; verdaagd met 7 weken vanaf ma 13 apr 2026 (aangekondigd op ma 4 mei 2026, met instemming van de klager van vr 1 mei 2026). Uiterlijk ma 1 jun 2026.',
    );
    expect(result.due.explanation.en).toContain("with the complainant's consent of Fri 1 May 2026");
  });

  test(`may add up to ${MAX_CONSENTED_WEEKS} weeks at once, not beyond the term's own maximum without consent`, () => {
    const rule = { maxWeeks: 4 };
    const at = (weeks: number, withConsent: boolean) =>
      postpone(
        first(),
        { weeks, announcedOn: '2026-05-04', ...(withConsent ? { consent } : {}) },
        rule,
        calendar,
        true,
      );
    expect(at(MAX_CONSENTED_WEEKS, true).ok).toBe(true);
    expect(at(MAX_CONSENTED_WEEKS + 1, true)).toMatchObject({ ok: false, field: 'weeks' });
    // A first postponement with consent still keeps to the term's own maximum.
    const fresh = computeDue(decision, '2026-03-02', calendar);
    expect(
      postpone(fresh, { weeks: 5, announcedOn: '2026-03-04', consent }, rule, calendar, false),
    ).toMatchObject({
      ok: false,
      field: 'weeks',
    });
  });

  test('consent cannot predate the term, nor be no date at all', () => {
    const before = postpone(
      first(),
      { weeks: 1, announcedOn: '2026-05-04', consent: { givenOn: '2026-03-01', how: 'letter' } },
      { maxWeeks: 4 },
      calendar,
      true,
    );
    expect(before).toMatchObject({ ok: false, field: 'consent' });
    if (!before.ok) {
      expect(before.reason.nl).toBe('De instemming kan niet van vóór ma 2 mrt 2026 zijn.');
      expect(before.reason.en).toBe('The consent cannot predate Mon 2 Mar 2026.');
    }
    const invalid = postpone(
      first(),
      { weeks: 1, announcedOn: '2026-05-04', consent: { givenOn: '2026-02-30', how: 'letter' } },
      { maxWeeks: 4 },
      calendar,
      true,
    );
    expect(invalid).toMatchObject({ ok: false, field: 'consent' });
    const sameDay = postpone(
      first(),
      { weeks: 1, announcedOn: '2026-05-04', consent: { givenOn: '2026-03-02', how: 'letter' } },
      { maxWeeks: 4 },
      calendar,
      true,
    );
    expect(sameDay.ok).toBe(true);
  });

  test('on a working-day term counts from its original due date', () => {
    const ack = { amount: 5, unit: 'workingDays', from: 'received' } as const;
    const original = computeDue(ack, '2026-03-02', calendar);
    expect(original.date).toBe('2026-03-09');
    const once = extendDue(original, { weeks: 1, announcedOn: '2026-03-03' }, calendar);
    const twice = extendDue(once, { weeks: 2, announcedOn: '2026-03-10', consent }, calendar);
    expect(once.date).toBe('2026-03-16');
    expect(twice.date).toBe('2026-03-30');
    expect(twice.explanation.nl).toContain('verdaagd met 3 weken vanaf ma 9 mrt 2026');
  });
});

describe('a term that follows another', () => {
  test('is explained by the label of the term it follows', () => {
    const terms = {
      resolution: {
        amount: 2,
        unit: 'weeks',
        from: 'received',
        label: { nl: 'Afhandeling', en: 'Resolution' },
      },
      appeal: { amount: 4, unit: 'weeks', from: { term: 'resolution' } },
    } as const;
    const due = computeDueDates(terms, { received: '2026-03-02' }, calendar);
    expect(due.appeal?.explanation.nl).toBe(
      '4 weken na einde termijn "Afhandeling" op ma 16 mrt 2026. Uiterlijk ma 13 apr 2026.',
    );
    expect(due.appeal?.explanation.en).toContain('after end of term "Resolution" on');
    const unlabelled = computeDueDates(
      { resolution: { amount: 2, unit: 'weeks', from: 'received' }, appeal: terms.appeal },
      { received: '2026-03-02' },
      calendar,
    );
    expect(unlabelled.appeal?.explanation.nl).toContain('na einde termijn resolution op');
  });
});
