import { describe, expect, test } from 'vitest';
import { computeDueDates, makeCalendar } from '../../shared/deadlines';
import { presetProcedure } from '../../shared/presets';
import { calendarOf, dueOnReceiptOf, submissionSchemaOf } from './derived';

describe('what is derived from a procedure', () => {
  test('is built once per procedure object, and again for a changed procedure', () => {
    const wenb = presetProcedure('wenb');
    expect(calendarOf(wenb)).toBe(calendarOf(wenb));
    expect(submissionSchemaOf(wenb, false)).toBe(submissionSchemaOf(wenb, false));
    expect(submissionSchemaOf(wenb, true)).not.toBe(submissionSchemaOf(wenb, false));
    expect(calendarOf({ ...wenb })).not.toBe(calendarOf(wenb));
  });

  test('the due dates on receipt are the engine’s, once per day of receipt, and cannot be changed', () => {
    const awb = presetProcedure('awb');
    const due = dueOnReceiptOf(awb, '2026-12-24');
    expect(due).toEqual(
      computeDueDates(awb.terms, { received: '2026-12-24' }, makeCalendar(awb.calendar)),
    );
    expect(dueOnReceiptOf(awb, '2026-12-24')).toBe(due);
    expect(dueOnReceiptOf(awb, '2026-12-28')).not.toEqual(due);
    const [term] = Object.keys(due);
    expect(() => {
      (due[term as string] as { date: string }).date = '2099-01-01';
    }).toThrow(TypeError);
  });

  test('a procedure keeps the due dates of its last 32 days of receipt', () => {
    const awb = presetProcedure('awb');
    const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString().slice(0, 10);
    const first = dueOnReceiptOf(awb, day(1));
    for (let n = 2; n <= 32; n++) dueOnReceiptOf(awb, day(n));
    expect(dueOnReceiptOf(awb, day(1))).toBe(first);
    dueOnReceiptOf(awb, day(33));
    expect(dueOnReceiptOf(awb, day(1))).not.toBe(first);
    expect(dueOnReceiptOf(awb, day(1))).toEqual(first);
  });
});
