import { describe, expect, it } from 'vitest';
import { computeDue, computeDueDates, extendDue, makeCalendar, postpone, type Term } from './index';

const cal = makeCalendar();
const wkkgz = { maxWeeks: 4 };
const terms: Record<string, Term> = {
  acknowledgement: { amount: 2, unit: 'workingDays', from: 'received' },
  resolution: { amount: 2, unit: 'weeks', from: 'received' },
  appealDecision: {
    amount: 4,
    unit: 'weeks',
    from: { term: 'resolution' },
    activeAfter: 'appealFiled',
  },
  afterAppeal: { amount: 5, unit: 'workingDays', from: 'appealFiled' },
  reminder: { amount: 1, unit: 'weeks', from: { term: 'appealDecision' } },
};

describe('computeDueDates', () => {
  it('resolves only terms whose anchor and activeAfter event are known', () => {
    const due = computeDueDates(terms, { received: '2026-06-15' }, cal);
    expect(Object.keys(due).sort()).toEqual(['acknowledgement', 'resolution']);
    expect(computeDueDates(terms, {}, cal)).toEqual({});
  });

  it('chains terms once the activating event happened', () => {
    // Mon 15 Jun + 2 weeks = Mon 29 Jun; + 4 weeks = Mon 27 Jul; + 1 week = Mon 3 Aug
    const due = computeDueDates(terms, { received: '2026-06-15', appealFiled: '2026-07-01' }, cal);
    expect(due.appealDecision?.date).toBe('2026-07-27');
    expect(due.reminder?.date).toBe('2026-08-03');
    expect(due.afterAppeal?.date).toBe('2026-07-08');
    expect(due.appealDecision?.explanation.nl).toContain(
      'na einde termijn resolution op ma 29 jun',
    );
  });

  it('applies postponements and chains on the postponed date', () => {
    // resolution Mon 29 Jun postponed 4 weeks: 15 Jun + (2 + 4) × 7 = Mon 27 Jul;
    // appealDecision + 4 weeks = Mon 24 Aug
    const due = computeDueDates(terms, { received: '2026-06-15', appealFiled: '2026-07-01' }, cal, {
      resolution: { weeks: 4, announcedOn: '2026-06-20', reason: 'advies ingewonnen' },
    });
    expect(due.resolution?.date).toBe('2026-07-27');
    expect(due.resolution?.postponement?.weeks).toBe(4);
    expect(due.appealDecision?.start).toBe('2026-07-27');
    expect(due.appealDecision?.date).toBe('2026-08-24');
  });

  it('throws clearly on unknown term references and cycles', () => {
    expect(() =>
      computeDueDates({ a: { amount: 1, unit: 'weeks', from: { term: 'nope' } } }, {}, cal),
    ).toThrow('Deadline term "a" refers to unknown term "nope"');
    expect(() =>
      computeDueDates(
        {
          a: { amount: 1, unit: 'weeks', from: { term: 'b' } },
          b: { amount: 1, unit: 'weeks', from: { term: 'a' } },
        },
        { received: '2026-06-15' },
        cal,
      ),
    ).toThrow('Deadline terms form a cycle: a -> b -> a');
  });

  it("finds a term named after Object's own properties, and no postponement it lacks", () => {
    const first: Term = { amount: 2, unit: 'workingDays', from: 'received' };
    const second: Term = { amount: 1, unit: 'weeks', from: { term: 'valueOf' } };
    const named: Record<string, Term> = { valueOf: first, toString: second };
    // A plain {} of postponements answers `valueOf` with a function: it must not count.
    const due = computeDueDates(named, { received: '2026-06-15' }, cal, {});
    expect(Object.entries(due).map(([name, d]) => [name, d.date, d.postponement])).toEqual([
      ['valueOf', '2026-06-17', undefined],
      ['toString', '2026-06-24', undefined],
    ]);
    // A reference to such a name that the terms lack is an unknown term, not Object's.
    expect(() =>
      computeDueDates({ a: { amount: 1, unit: 'weeks', from: { term: 'constructor' } } }, {}, cal),
    ).toThrow('refers to unknown term "constructor"');
  });

  it('rejects impossible event dates and unknown events', () => {
    expect(() => computeDueDates(terms, { received: '2026-02-30' }, cal)).toThrow(/received/);
    expect(() => computeDueDates(terms, { bogus: '2026-02-03' } as never, cal)).toThrow(/bogus/);
  });
});

describe('postpone', () => {
  const sixWeeks: Term = { amount: 6, unit: 'weeks', from: 'received' };

  it('extends a week term from day 0 and applies the Atw move', () => {
    // Fri 16 Oct 2026 + 6 weeks = Fri 27 Nov; + 4 more weeks: 16 Oct + 70 days = Fri 25 Dec
    // (Eerste Kerstdag) → Mon 28 Dec.
    const current = computeDue(sixWeeks, '2026-10-16', cal);
    expect(current.date).toBe('2026-11-27');
    const res = postpone(
      current,
      { weeks: 4, announcedOn: '2026-11-20', reason: 'deskundige' },
      wkkgz,
      cal,
      false,
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.due.date).toBe('2026-12-28');
    expect(res.due.movedFrom).toBe('2026-12-25');
    expect(res.due.start).toBe('2026-10-16');
    expect(res.due.postponement).toEqual({
      weeks: 4,
      announcedOn: '2026-11-20',
      reason: 'deskundige',
    });
    expect(res.due.explanation.nl).toBe(
      '6 weken na ontvangst op vr 16 okt 2026; verdaagd met 4 weken vanaf vr 27 nov 2026 ' +
        '(aangekondigd op vr 20 nov 2026, reden: deskundige); verschoven van vr 25 dec naar ' +
        'ma 28 dec (art. 1 Algemene termijnenwet): vr 25 dec (Eerste Kerstdag), za 26 dec ' +
        '(weekend, Tweede Kerstdag), zo 27 dec (weekend). Uiterlijk ma 28 dec 2026.',
    );
    expect(res.due.explanation.en).toContain('postponed by 4 weeks from Fri 27 Nov 2026');
    expect(res.due.explanation.en).toContain('reason: deskundige');
  });

  it('extends the original term, not the moved due date', () => {
    // Fri 20 Mar 2026 + 2 weeks = Good Friday 3 Apr → Tue 7 Apr. One week more is
    // 20 Mar + 21 days = Fri 10 Apr, not Tue 14 Apr.
    const current = computeDue({ amount: 2, unit: 'weeks', from: 'received' }, '2026-03-20', cal);
    expect(current.date).toBe('2026-04-07');
    const res = postpone(current, { weeks: 1, announcedOn: '2026-04-07' }, wkkgz, cal, false);
    expect(res.ok && res.due.date).toBe('2026-04-10');
  });

  it('extends a working-day term from its due date, then moves', () => {
    // Wed 9 Dec 2026 + 2 working days = Fri 11 Dec; + 2 weeks = Fri 25 Dec → Mon 28 Dec
    const current = computeDue(
      { amount: 2, unit: 'workingDays', from: 'received' },
      '2026-12-09',
      cal,
    );
    expect(current.date).toBe('2026-12-11');
    const res = postpone(current, { weeks: 2, announcedOn: '2026-12-10' }, wkkgz, cal, false);
    expect(res.ok && res.due.date).toBe('2026-12-28');
    expect(res.ok && res.due.movedFrom).toBe('2026-12-25');
  });

  it('extends a calendar-day term from day 0', () => {
    // Mon 1 Jun 2026 + 10 days = Thu 11 Jun; + 1 week: 1 Jun + 17 = Thu 18 Jun
    const current = computeDue(
      { amount: 10, unit: 'calendarDays', from: 'received' },
      '2026-06-01',
      cal,
    );
    const res = postpone(current, { weeks: 1, announcedOn: '2026-06-11' }, wkkgz, cal, false);
    expect(res.ok && res.due.date).toBe('2026-06-18');
  });

  describe('refusals', () => {
    const current = computeDue(sixWeeks, '2026-10-16', cal); // due Fri 27 Nov 2026
    const ok = { weeks: 4, announcedOn: '2026-11-27' };

    it('accepts an announcement on the due date itself', () => {
      expect(postpone(current, ok, wkkgz, cal, false).ok).toBe(true);
    });

    it.each([
      ['a second postponement', ok, true, 'postponement'],
      ['0 weeks', { ...ok, weeks: 0 }, false, 'weeks'],
      ['more than maxWeeks', { ...ok, weeks: 5 }, false, 'weeks'],
      ['part of a week', { ...ok, weeks: 1.5 }, false, 'weeks'],
      [
        'an announcement after the due date',
        { ...ok, announcedOn: '2026-11-28' },
        false,
        'announcedOn',
      ],
      ['an announcement before day 0', { ...ok, announcedOn: '2026-10-15' }, false, 'announcedOn'],
      [
        'an impossible announcement date',
        { ...ok, announcedOn: '2026-11-31' },
        false,
        'announcedOn',
      ],
    ])('refuses %s', (_, request, already, field) => {
      const res = postpone(current, request, wkkgz, cal, already);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.field).toBe(field);
      expect(res.reason.nl.length).toBeGreaterThan(0);
      expect(res.reason.en.length).toBeGreaterThan(0);
    });

    it('refuses to postpone an already postponed due date even if the caller forgot', () => {
      const first = postpone(current, ok, wkkgz, cal, false);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const second = postpone(
        first.due,
        { weeks: 1, announcedOn: '2026-12-01' },
        wkkgz,
        cal,
        false,
      );
      expect(second).toMatchObject({ ok: false, field: 'postponement' });
    });

    it('names the due date in the announcement refusal', () => {
      const res = postpone(current, { ...ok, announcedOn: '2026-11-30' }, wkkgz, cal, false);
      expect(res).toMatchObject({
        ok: false,
        reason: {
          nl: expect.stringContaining('vr 27 nov 2026'),
          en: expect.stringContaining('Fri 27 Nov 2026'),
        },
      });
    });
  });
});

describe('the engine refuses what it cannot compute', () => {
  const cal = () => makeCalendar();

  it('an unknown unit, a postponement of no whole weeks', () => {
    const term = { amount: 2, unit: 'months', from: 'received' } as unknown as Term;
    expect(() => computeDue(term, '2026-03-02', cal())).toThrow('Unknown term unit: months');
    const due = computeDue({ amount: 2, unit: 'weeks', from: 'received' }, '2026-03-02', cal());
    for (const weeks of [0, -1, 1.5]) {
      expect(() => extendDue(due, { weeks, announcedOn: '2026-03-03' }, cal())).toThrow(
        `Postponement weeks must be a positive integer, got ${weeks}`,
      );
    }
  });

  it('names only the terms of a cycle, not the terms leading to it', () => {
    const terms: Record<string, Term> = {
      x: { amount: 1, unit: 'weeks', from: { term: 'a' } },
      a: { amount: 1, unit: 'weeks', from: { term: 'b' } },
      b: { amount: 1, unit: 'weeks', from: { term: 'a' } },
    };
    expect(() => computeDueDates(terms, { received: '2026-06-15' }, cal())).toThrow(
      'Deadline terms form a cycle: a -> b -> a',
    );
  });

  it('an event given without a date has not happened', () => {
    const due = computeDueDates(
      { t: { amount: 1, unit: 'weeks', from: 'appealFiled' } },
      { received: '2026-06-15', appealFiled: undefined },
      cal(),
    );
    expect(due).toEqual({});
  });
});

describe('explanations', () => {
  const cal = () => makeCalendar();

  it('name the term a chained term starts from, in English too', () => {
    const due = computeDueDates(
      {
        first: { amount: 1, unit: 'weeks', from: 'received' },
        second: { amount: 1, unit: 'weeks', from: { term: 'first' } },
      },
      { received: '2026-06-15' },
      cal(),
    );
    expect(due.second?.explanation.en).toBe(
      '1 week after end of term first on Mon 22 Jun 2026. Due by the end of Mon 29 Jun 2026.',
    );
  });

  it('list the days skipped over, in English too', () => {
    const due = computeDue(
      { amount: 2, unit: 'workingDays', from: 'received' },
      '2026-04-02',
      cal(),
    );
    expect(due.explanation.en).toBe(
      '2 working days after receipt on Thu 2 Apr 2026; skipped: Fri 3 Apr (Goede Vrijdag), ' +
        'Sat 4 Apr (weekend), Sun 5 Apr (weekend, Eerste Paasdag), Mon 6 Apr (Tweede Paasdag). ' +
        'Due by the end of Wed 8 Apr 2026.',
    );
  });

  it('of a postponement without a reason give none', () => {
    const due = computeDue({ amount: 6, unit: 'weeks', from: 'received' }, '2026-03-02', cal());
    const later = extendDue(due, { weeks: 3, announcedOn: '2026-03-20' }, cal());
    expect(later.explanation.nl).toBe(
      '6 weken na ontvangst op ma 2 mrt 2026; verdaagd met 3 weken vanaf ma 13 apr 2026 ' +
        '(aangekondigd op vr 20 mrt 2026). Uiterlijk ma 4 mei 2026.',
    );
    expect(later.explanation.en).toBe(
      '6 weeks after receipt on Mon 2 Mar 2026; postponed by 3 weeks from Mon 13 Apr 2026 ' +
        '(announced on Fri 20 Mar 2026). Due by the end of Mon 4 May 2026.',
    );
  });
});

describe('postponing', () => {
  it('refuses an announcement date that does not exist', () => {
    const cal = makeCalendar();
    const due = computeDue({ amount: 6, unit: 'weeks', from: 'received' }, '2026-03-02', cal);
    const result = postpone(due, { weeks: 2, announcedOn: '2026-02-30' }, wkkgz, cal, false);
    expect(result).toEqual({
      ok: false,
      field: 'announcedOn',
      reason: { nl: 'Ongeldige datum van aankondiging.', en: 'Invalid announcement date.' },
    });
  });
});

describe('Atw art. 2: a term of three days or more holds two working days', () => {
  const calendar = makeCalendar();
  const threeDays: Term = { amount: 3, unit: 'calendarDays', from: 'received' };

  it('3 days from Thursday 24 December 2026 end on Tuesday 29 December (art. 1 alone: Monday 28)', () => {
    const due = computeDue(threeDays, '2026-12-24', calendar);
    expect(due.date).toBe('2026-12-29');
    expect(due.movedFrom).toBe('2026-12-27');
    expect(due.atwArticle2).toBe(true);
    expect(due.explanation.nl).toContain('art. 2 Algemene termijnenwet');
  });

  it('3 days from Thursday 25 March 2027 end on Wednesday 31 March (Good Friday, weekend, Easter Monday)', () => {
    const due = computeDue(threeDays, '2027-03-25', calendar);
    expect(due.date).toBe('2027-03-31');
    expect(due.atwArticle2).toBe(true);
  });

  it('leaves a term that already holds two working days as art. 1 makes it', () => {
    const due = computeDue(threeDays, '2026-12-07', calendar); // Monday → Thursday
    expect(due.date).toBe('2026-12-10');
    expect(due.atwArticle2).toBeUndefined();
    expect(computeDue(threeDays, '2026-12-10', calendar).date).toBe('2026-12-14'); // Sun → Mon
  });

  it('does not apply to terms of fewer than three days', () => {
    const twoDays: Term = { amount: 2, unit: 'calendarDays', from: 'received' };
    // Thursday 24 December + 2 = Saturday 26 → Monday 28 by art. 1; art. 2 would say Tuesday.
    expect(computeDue(twoDays, '2026-12-24', calendar).date).toBe('2026-12-28');
  });
});
