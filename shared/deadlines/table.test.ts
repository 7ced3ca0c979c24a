// Seed terms across the holidays of 2026–2030. Every expected date below was derived by hand
// from a paper calendar (see the comments), never by running the engine.
import { describe, expect, it } from 'vitest';
import { computeDueDates, makeCalendar, type Term } from './index';

const seedTerms: Record<string, Term> = {
  acknowledgement: { amount: 2, unit: 'workingDays', from: 'received' },
  firstResponse: { amount: 5, unit: 'workingDays', from: 'received' },
  resolution: { amount: 2, unit: 'weeks', from: 'received' },
  appealDecision: { amount: 4, unit: 'weeks', from: { term: 'resolution' } },
};

// [received, +2 working days, +5 working days, +2 weeks, +4 weeks after that, why]
const rows: [string, string, string, string, string, string][] = [
  // 2025/2026 New Year: Thu 1 Jan Nieuwjaarsdag, Fri 2 Jan decree day
  ['2025-12-31', '2026-01-06', '2026-01-09', '2026-01-14', '2026-02-11', 'NY + decree 2 Jan'],
  ['2025-12-18', '2025-12-22', '2025-12-29', '2026-01-05', '2026-02-02', '2 weeks hit 1 Jan'],
  // 2026 Easter: Good Friday 3 Apr, Easter Monday 6 Apr; 14 May Ascension, 15 May decree
  ['2026-04-02', '2026-04-08', '2026-04-13', '2026-04-16', '2026-05-18', 'Easter 2026'],
  ['2026-03-20', '2026-03-24', '2026-03-27', '2026-04-07', '2026-05-06', 'hits GF; 5 May'],
  ['2026-04-24', '2026-04-29', '2026-05-04', '2026-05-08', '2026-06-05', 'Koningsdag Mon 27 Apr'],
  ['2026-05-04', '2026-05-07', '2026-05-12', '2026-05-18', '2026-06-15', 'Bevrijdingsdag Tue'],
  ['2026-05-13', '2026-05-19', '2026-05-22', '2026-05-27', '2026-06-24', 'Ascension + decree'],
  ['2026-05-01', '2026-05-06', '2026-05-11', '2026-05-18', '2026-06-15', '2 weeks hit 15 May'],
  ['2026-05-22', '2026-05-27', '2026-06-01', '2026-06-05', '2026-07-03', 'Whit Monday 25 May'],
  ['2026-05-11', '2026-05-13', '2026-05-20', '2026-05-26', '2026-06-23', '2 weeks hit Whit Mon'],
  ['2026-06-13', '2026-06-16', '2026-06-19', '2026-06-29', '2026-07-27', 'Saturday receipt'],
  // Christmas 2026: Fri 25, Sat 26 Dec; New Year 2027 Fri 1 Jan
  ['2026-12-24', '2026-12-29', '2027-01-04', '2027-01-07', '2027-02-04', 'Christmas 2026'],
  ['2026-12-18', '2026-12-22', '2026-12-28', '2027-01-04', '2027-02-01', '2 weeks hit NY 2027'],
  // 2027: GF 26 Mar, EM 29 Mar, KD Tue 27 Apr, 5 May Wed, Asc 6 May, decree 7 May, WM 17 May
  ['2027-03-25', '2027-03-31', '2027-04-05', '2027-04-08', '2027-05-10', 'Easter 2027'],
  ['2027-04-26', '2027-04-29', '2027-05-04', '2027-05-10', '2027-06-07', 'Koningsdag Tue'],
  ['2027-05-04', '2027-05-11', '2027-05-14', '2027-05-18', '2027-06-15', '5 May, Asc, decree'],
  ['2027-04-23', '2027-04-28', '2027-05-03', '2027-05-10', '2027-06-07', '2 weeks hit 7 May'],
  ['2027-05-14', '2027-05-19', '2027-05-24', '2027-05-28', '2027-06-25', 'Whit Monday 2027'],
  ['2027-12-24', '2027-12-28', '2027-12-31', '2028-01-07', '2028-02-04', 'Xmas on weekend'],
  // 2028: GF 14 Apr, EM 17 Apr, KD Thu 27 Apr, decree 28 Apr, 5 May Fri, Asc 25 May,
  // decree 26 May, WM 5 Jun, Christmas Mon/Tue
  ['2028-04-13', '2028-04-19', '2028-04-24', '2028-05-01', '2028-05-29', 'Easter; hits KD'],
  ['2028-04-26', '2028-05-02', '2028-05-08', '2028-05-10', '2028-06-07', 'KD + decree 28 Apr'],
  ['2028-05-24', '2028-05-30', '2028-06-02', '2028-06-07', '2028-07-05', 'Asc + decree 26 May'],
  ['2028-06-02', '2028-06-07', '2028-06-12', '2028-06-16', '2028-07-14', 'Whit Monday 2028'],
  ['2028-05-22', '2028-05-24', '2028-05-31', '2028-06-06', '2028-07-04', '2 weeks hit WM'],
  ['2028-12-22', '2028-12-28', '2029-01-03', '2029-01-05', '2029-02-02', 'Xmas Mon/Tue, NY'],
  // 2029: GF 30 Mar, EM 2 Apr, KD Fri 27 Apr, 5 May Sat, Asc 10 May (no decree), WM 21 May
  ['2029-03-29', '2029-04-04', '2029-04-09', '2029-04-12', '2029-05-11', 'Easter; hits Asc'],
  ['2029-04-26', '2029-05-01', '2029-05-04', '2029-05-11', '2029-06-08', 'KD Fri; hits Asc'],
  ['2029-04-21', '2029-04-24', '2029-04-30', '2029-05-07', '2029-06-04', 'hits 5 May Sat'],
  ['2029-05-18', '2029-05-23', '2029-05-28', '2029-06-01', '2029-06-29', 'Whit Monday 2029'],
  ['2029-12-24', '2029-12-28', '2030-01-03', '2030-01-07', '2030-02-04', 'Xmas Tue/Wed, NY'],
  // 2030: GF 19 Apr, EM 22 Apr, KD Sat 27 Apr, 5 May Sun, Asc 30 May, WM 10 Jun
  ['2030-04-18', '2030-04-24', '2030-04-29', '2030-05-02', '2030-05-31', 'Easter; hits Asc'],
  ['2030-04-08', '2030-04-10', '2030-04-15', '2030-04-23', '2030-05-21', '2 weeks hit EM'],
  ['2030-05-29', '2030-06-03', '2030-06-06', '2030-06-12', '2030-07-10', 'Ascension 2030'],
  ['2030-06-07', '2030-06-12', '2030-06-17', '2030-06-21', '2030-07-19', 'Whit Monday 2030'],
  ['2030-12-24', '2030-12-30', '2031-01-03', '2031-01-07', '2031-02-04', 'Xmas Wed/Thu, NY'],
  // 2031: 27 April is a Sunday, so Koningsdag is Saturday 26 April (no working day lost)
  ['2031-04-25', '2031-04-29', '2031-05-02', '2031-05-09', '2031-06-06', 'KD on Sat 26 Apr'],
];

describe('seed terms across the holidays of 2026–2030', () => {
  const calendar = makeCalendar();
  it.each(rows)('received %s → %s / %s / %s / %s (%s)', (received, ack, first, res, appeal) => {
    const due = computeDueDates(seedTerms, { received }, calendar);
    expect(due.acknowledgement?.date).toBe(ack);
    expect(due.firstResponse?.date).toBe(first);
    expect(due.resolution?.date).toBe(res);
    expect(due.appealDecision?.date).toBe(appeal);
  });

  it('received Thu 24 Dec 2026 + 2 working days is Tue 29 Dec 2026, skipping 25–27 Dec', () => {
    const due = computeDueDates(seedTerms, { received: '2026-12-24' }, calendar).acknowledgement;
    expect(due?.date).toBe('2026-12-29');
    expect(due?.dueAt).toBe('2026-12-29T23:59:59.999+01:00');
    expect(due?.skipped.map((s) => s.date)).toEqual(['2026-12-25', '2026-12-26', '2026-12-27']);
    expect(due?.skipped[1]?.reasons.map((r) => r.nl)).toEqual(['weekend', 'Tweede Kerstdag']);
    expect(due?.explanation.nl).toBe(
      '2 werkdagen na ontvangst op do 24 dec 2026; overgeslagen: vr 25 dec (Eerste Kerstdag), ' +
        'za 26 dec (weekend, Tweede Kerstdag), zo 27 dec (weekend). Uiterlijk di 29 dec 2026.',
    );
  });

  it('a term anchored on a moved term starts at the moved date', () => {
    // 2 weeks from Fri 20 Mar 2026 end on Good Friday 3 Apr → Tue 7 Apr; + 4 weeks = Tue 5 May
    // (Bevrijdingsdag) → Wed 6 May.
    const due = computeDueDates(seedTerms, { received: '2026-03-20' }, calendar);
    expect(due.resolution?.movedFrom).toBe('2026-04-03');
    expect(due.appealDecision?.start).toBe('2026-04-07');
    expect(due.appealDecision?.movedFrom).toBe('2026-05-05');
    expect(due.appealDecision?.date).toBe('2026-05-06');
  });
});

describe('Atw holidays', () => {
  const calendar = makeCalendar();
  const dates = (year: number) => calendar.holidays(year).map((h) => `${h.date} ${h.name.nl}`);

  it('lists 2026 completely, decree days included', () => {
    expect(dates(2026)).toEqual([
      '2026-01-01 Nieuwjaarsdag',
      '2026-01-02 gelijkgestelde feestdag (dag na Nieuwjaarsdag)',
      '2026-04-03 Goede Vrijdag',
      '2026-04-05 Eerste Paasdag',
      '2026-04-06 Tweede Paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-05 Bevrijdingsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-15 gelijkgestelde feestdag (dag na Hemelvaartsdag)',
      '2026-05-24 Eerste Pinksterdag',
      '2026-05-25 Tweede Pinksterdag',
      '2026-12-25 Eerste Kerstdag',
      '2026-12-26 Tweede Kerstdag',
    ]);
  });

  it.each([
    [2031, '2031-04-26'],
    [2036, '2036-04-26'],
    [2026, '2026-04-27'],
    [2030, '2030-04-27'],
  ])('Koningsdag %i is %s', (year, date) => {
    const kd = calendar.holidays(year).filter((h) => h.name.nl === 'Koningsdag');
    expect(kd.map((h) => h.date)).toEqual([date]);
  });

  it('Koningsdag on Saturday 26 April 2031 is closed for weekend and Koningsdag', () => {
    expect(calendar.closedReasons('2031-04-26').map((r) => r.nl)).toEqual([
      'weekend',
      'Koningsdag',
    ]);
    expect(calendar.isWorkingDay('2031-04-28')).toBe(true);
  });

  it.each([['2026-01-02'], ['2026-05-15'], ['2027-05-07'], ['2028-04-28'], ['2028-05-26']])(
    'decree day %s is not a working day',
    (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.holidays(Number(date.slice(0, 4))).find((h) => h.date === date)?.kind).toBe(
        'decree',
      );
    },
  );

  it.each([
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2031, '2031-04-13'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s (computed)', (year, date) => {
    expect(calendar.holidays(year).find((h) => h.name.nl === 'Eerste Paasdag')?.date).toBe(date);
  });

  it('Bevrijdingsdag is a holiday every year under the full Atw', () => {
    for (const year of [2026, 2027, 2028, 2031]) {
      expect(calendar.isWorkingDay(`${year}-05-05`)).toBe(false);
    }
  });
});
