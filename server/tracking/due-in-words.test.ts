import { expect, test } from 'vitest';
import { computeDueDates } from '../../shared/deadlines';
import { presetProcedure } from '../../shared/presets';
import { calendarOf } from '../tenants/derived';
import { dueInWords } from './due-in-words';

const wenb = presetProcedure('wenb');
const due = (received: string, appealFiled?: string) =>
  computeDueDates(
    wenb.terms,
    { received, ...(appealFiled ? { appealFiled } : {}) },
    calendarOf(wenb),
  ) as Record<string, Parameters<typeof dueInWords>[0]>;

test('says the rule and the holidays it passed over, and no date', () => {
  const { acknowledgement } = due('2026-12-24');
  expect(acknowledgement?.date).toBe('2026-12-29');
  const nl = dueInWords(acknowledgement as never, wenb, 'nl');
  expect(nl).toBe(
    '2 werkdagen na ontvangst van uw klacht. Deze dagen tellen niet mee: Eerste Kerstdag, Tweede Kerstdag.',
  );
  expect(dueInWords(acknowledgement as never, wenb, 'en')).toBe(
    '2 working days after receipt of your complaint. These days do not count: Eerste Kerstdag, Tweede Kerstdag.',
  );
  expect(nl).not.toMatch(/\d{4}|dec/);
});

test('says why a term that ended on a closed day runs on, and not the weekend itself', () => {
  // Two weeks from Saturday 12 December end on Saturday 26 December (Tweede Kerstdag).
  const { resolution } = due('2026-12-12');
  expect(resolution?.movedFrom).toBe('2026-12-26');
  const nl = dueInWords(resolution as never, wenb, 'nl');
  expect(nl).toContain('2 weken na ontvangst van uw klacht.');
  expect(nl).toContain('Daarom loopt hij door tot de volgende werkdag.');
  expect(nl).not.toContain('weekend');
});

test('names the term a term counts from, and a postponement', () => {
  const { appealDecision } = due('2026-03-02', '2026-03-20');
  expect(dueInWords(appealDecision as never, wenb, 'nl')).toMatch(
    /^4 weken na einde termijn "Afhandeling"\./,
  );
  const postponed = { ...(due('2026-03-02').resolution as object), postponement: { weeks: 4 } };
  expect(dueInWords(postponed as never, wenb, 'nl')).toContain(
    'Wij hebben deze termijn met 4 weken verlengd.',
  );
});
