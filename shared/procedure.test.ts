import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { type ProcedureInput, procedureSchema } from './procedure';

const issues = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

/** The least a tenant must send: one term and a retention period. */
function minimal(changes: Partial<ProcedureInput> = {}): ProcedureInput {
  return {
    terms: {
      response: {
        amount: 5,
        unit: 'workingDays',
        from: 'received',
        metBy: 'responded',
        label: { nl: 'Reactie', en: 'Response' },
      },
    },
    retention: { years: 3 },
    ...changes,
  };
}

const appealBody = {
  role: { nl: 'Voorzitter', en: 'Chair' },
  name: 'De voorzitter',
  email: 'voorzitter@example.nl',
};

describe('a procedure', () => {
  test('gets every default filled in', () => {
    const p = procedureSchema.parse(minimal());
    expect(p).toMatchObject({
      locale: 'nl',
      calendar: { base: 'atw', closedDays: [] },
      categories: [],
      requiredOnClose: [],
      reminders: { workingDaysBefore: 1, escalateWhenOverdue: true },
      appeal: { enabled: false, windowDays: 28 },
      form: {
        complainant: { name: 'required', email: 'required', phone: 'optional' },
        onBehalfOf: { offered: false, fields: { name: 'required' } },
        attachments: { mode: 'hidden', maxCount: 5, maxBytes: 5 * 1024 * 1024 },
        turnstile: false,
      },
      allowedOrigins: [],
    });
    expect(p.terms.response?.public).toBe(true);
  });

  test('needs at least one term', () => {
    expect(issues(procedureSchema.safeParse(minimal({ terms: {} })))).toEqual([
      'terms: At least one term is required',
    ]);
  });

  test("reports the engine's objections to the terms under terms", () => {
    const terms = {
      a: {
        amount: 1,
        unit: 'weeks',
        from: { term: 'b' },
        metBy: 'closed',
        label: { nl: 'A', en: 'A' },
      },
      b: {
        amount: 1,
        unit: 'weeks',
        from: { term: 'a' },
        metBy: 'closed',
        label: { nl: 'B', en: 'B' },
      },
      c: {
        amount: 1,
        unit: 'weeks',
        from: { term: 'zz' },
        metBy: 'closed',
        label: { nl: 'C', en: 'C' },
      },
    } as const;
    expect(issues(procedureSchema.safeParse(minimal({ terms })))).toEqual([
      'terms.a.from: Term "a" is part of a cycle of terms starting from each other',
      'terms.b.from: Term "b" is part of a cycle of terms starting from each other',
      'terms.c.from: Term "c" starts from unknown term "zz"',
    ]);
  });

  test('lets a term wait for an event before it starts', () => {
    const terms = {
      ...minimal().terms,
      appeal: {
        amount: 4,
        unit: 'weeks',
        from: 'appealFiled',
        activeAfter: 'appealFiled',
        metBy: 'appealDecided',
        label: { nl: 'Beroep', en: 'Appeal' },
      },
    } as const;
    expect(procedureSchema.parse(minimal({ terms })).terms.appeal?.activeAfter).toBe('appealFiled');
  });

  test('with appeal needs an appeal body and a known appeal term', () => {
    expect(issues(procedureSchema.safeParse(minimal({ appeal: { enabled: true } })))).toEqual([
      'appeal.body: An appeal body is required when appeal is enabled',
    ]);
    const unknownTerm = minimal({ appeal: { enabled: true, body: appealBody, term: 'nope' } });
    expect(issues(procedureSchema.safeParse(unknownTerm))).toEqual(['appeal.term: @unknownTerm']);
    // Own terms only: every plain object answers to isPrototypeOf.
    const inherited = minimal({
      appeal: { enabled: true, body: appealBody, term: 'isPrototypeOf' },
    });
    expect(issues(procedureSchema.safeParse(inherited))).toEqual([
      'appeal.term: @reservedName',
      'appeal.term: @unknownTerm',
    ]);
    const ok = minimal({ appeal: { enabled: true, body: appealBody, term: 'response' } });
    expect(procedureSchema.safeParse(ok).success).toBe(true);
    expect(
      procedureSchema.safeParse(minimal({ appeal: { enabled: true, body: appealBody } })).success,
    ).toBe(true);
  });

  test('without appeal may leave its body and term out, but a term it names must exist', () => {
    expect(procedureSchema.safeParse(minimal({ appeal: { enabled: false } })).success).toBe(true);
    const off = minimal({ appeal: { enabled: false, term: 'nope' } });
    expect(issues(procedureSchema.safeParse(off))).toEqual(['appeal.term: @unknownTerm']);
  });

  test('a required category needs categories to choose from', () => {
    const form = { category: 'required' } as const;
    expect(issues(procedureSchema.safeParse(minimal({ form })))).toEqual([
      'form.category: A required category needs at least one category',
    ]);
    const categories = [{ id: 'overig', label: { nl: 'Overig', en: 'Other' } }];
    expect(procedureSchema.safeParse(minimal({ form, categories })).success).toBe(true);
    expect(procedureSchema.safeParse(minimal({ form: { category: 'optional' } })).success).toBe(
      true,
    );
  });

  test('requiring a classification or remedy on close needs options for it', () => {
    const result = procedureSchema.safeParse(
      minimal({ requiredOnClose: ['classification', 'remedy', 'summary', 'cause'] }),
    );
    expect(issues(result)).toEqual([
      'requiredOnClose: Requiring "classification" on close needs at least one option',
      'requiredOnClose: Requiring "remedy" on close needs at least one option',
    ]);
    const option = [{ id: 'a', label: { nl: 'A', en: 'A' } }];
    const withOptions = minimal({
      requiredOnClose: ['classification', 'remedy'],
      classifications: option,
      remedies: option,
    });
    expect(procedureSchema.safeParse(withOptions).success).toBe(true);
    const onlyClassifications = minimal({ requiredOnClose: ['remedy'], classifications: option });
    expect(issues(procedureSchema.safeParse(onlyClassifications))).toEqual([
      'requiredOnClose: Requiring "remedy" on close needs at least one option',
    ]);
    const onlyRemedies = minimal({ requiredOnClose: ['classification'], remedies: option });
    expect(issues(procedureSchema.safeParse(onlyRemedies))).toEqual([
      'requiredOnClose: Requiring "classification" on close needs at least one option',
    ]);
  });

  test('allows only bare http(s) origins', () => {
    const ok = ['https://www.example.nl', 'http://localhost:8080', 'https://example.nl:8443'];
    expect(procedureSchema.safeParse(minimal({ allowedOrigins: ok })).success).toBe(true);
    for (const origin of [
      'https://www.example.nl/',
      'https://www.example.nl/page',
      'ftp://example.nl',
      'javascript:alert(1)',
      'www.example.nl',
      'https://example.nl:443',
      'HTTPS://EXAMPLE.NL',
      'not a url',
    ]) {
      expect(issues(procedureSchema.safeParse(minimal({ allowedOrigins: [origin] })))).toEqual([
        'allowedOrigins.0: Must be an origin such as https://www.example.nl (scheme, host and port only)',
      ]);
    }
  });
});
