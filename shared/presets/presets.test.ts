import { describe, expect, test } from 'vitest';
import { computeDueDates, makeCalendar } from '../deadlines';
import { procedureSchema } from '../procedure';
import { PRESET_NAMES, presetProcedure } from '.';

describe('seed presets', () => {
  test.each(PRESET_NAMES)('%s is a valid procedure', (name) => {
    expect(procedureSchema.safeParse(presetProcedure(name)).success).toBe(true);
  });

  test('totaalonder1dak (000): first response within five working days, five years, no appeal', () => {
    const p = presetProcedure('totaalonder1dak');
    expect(p.terms).toEqual({
      firstResponse: expect.objectContaining({ amount: 5, unit: 'workingDays', from: 'received' }),
    });
    expect(p.retention.years).toBe(5);
    expect(p.appeal.enabled).toBe(false);
    expect(p.classifications.map((c) => c.label.nl)).toEqual([
      'Terechte klacht',
      'Uiting van ongenoegen',
    ]);
    expect(p.remedies.map((r) => r.id)).toEqual(['reprimand', 'cancel', 'compensation', 'other']);
    expect(p.recordAdmissibility).toBe(true);
    expect(p.requiredOnClose).toContain('classification');
    // The example form: Naam*, Voorletters*, Adres, Telefoonnummer*, E-mailadres, and the same
    // starred fields for "namens iemand anders".
    expect(p.form.complainant).toEqual({
      name: 'required',
      initials: 'required',
      address: 'optional',
      phone: 'required',
      email: 'optional',
    });
    expect(p.form.onBehalfOf).toEqual({
      offered: true,
      fields: {
        name: 'required',
        initials: 'required',
        address: 'optional',
        phone: 'required',
        email: 'hidden',
      },
    });
    expect(p.form.desiredSolution).toBe('optional');
    expect(p.form.attachments.mode).toBe('optional');
    expect(p.form.privacyUrl).toMatch(/^https:/);
  });

  test('wenb (004): three terms, appeal to the chair, cause required, two years', () => {
    const p = presetProcedure('wenb');
    expect(p.terms.acknowledgement).toMatchObject({
      amount: 2,
      unit: 'workingDays',
      from: 'received',
    });
    expect(p.terms.registration).toMatchObject({
      amount: 2,
      unit: 'workingDays',
      from: 'received',
    });
    expect(p.terms.resolution).toMatchObject({ amount: 2, unit: 'weeks', from: 'received' });
    expect(p.terms.appealDecision).toMatchObject({
      amount: 4,
      unit: 'weeks',
      from: { term: 'resolution' },
      activeAfter: 'appealFiled',
    });
    expect(p.appeal).toMatchObject({
      enabled: true,
      term: 'appealDecision',
      body: { name: 'Voorzitter WENB' },
    });
    expect(p.categories.map((c) => c.id)).toEqual(['aard', 'kwaliteit', 'tijdigheid', 'wijze']);
    expect(p.requiredOnProposal).toEqual(['cause']);
    expect(p.retention.years).toBe(2);
  });

  test('wenb: the appeal decision is due four weeks after the resolution term ends', () => {
    const p = presetProcedure('wenb');
    const calendar = makeCalendar(p.calendar);
    const before = computeDueDates(p.terms, { received: '2026-03-02' }, calendar);
    expect(before.appealDecision).toBeUndefined();
    const after = computeDueDates(
      p.terms,
      { received: '2026-03-02', appealFiled: '2026-03-10' },
      calendar,
    );
    // Mon 2 Mar + 2 weeks = Mon 16 Mar; + 4 weeks = Mon 13 Apr (Tweede Paasdag 2026 is 6 Apr).
    expect(after.resolution?.date).toBe('2026-03-16');
    expect(after.appealDecision?.date).toBe('2026-04-13');
  });

  test('a preset is a fresh copy each time', () => {
    const a = presetProcedure('wenb');
    a.retention.years = 99;
    expect(presetProcedure('wenb').retention.years).toBe(2);
  });
});
