import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { complaintSubmissionSchema } from './complaint';
import { presetProcedure } from './presets';
import type { Procedure } from './procedure';

const paths = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
const messages = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

// wenb asks name, phone and e-mail (all required), no initials or address, an optional category
// and desired solution, and nothing "on behalf of".
const wenb = () => presetProcedure('wenb');
const jan = { name: 'Jan Jansen', phone: '06 1234 5678', email: 'jan@example.nl' };

describe('a public submission', () => {
  test('takes the fields the procedure asks for, trimmed', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    const body = {
      complainant: { name: '  Jan Jansen ', phone: ' 06 1234 5678 ', email: 'jan@example.nl' },
      category: 'kwaliteit',
      description: ' De monteur kwam niet. ',
      desiredSolution: 'Een nieuwe afspraak',
    };
    expect(schema.parse(body)).toEqual({
      complainant: jan,
      category: 'kwaliteit',
      description: 'De monteur kwam niet.',
      desiredSolution: 'Een nieuwe afspraak',
    });
  });

  test('requires what the procedure requires, and treats blanks as not filled in', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    const result = schema.safeParse({
      complainant: { name: ' ', phone: '', email: '  ' },
      description: '\t',
    });
    expect(paths(result).sort()).toEqual([
      'complainant.email',
      'complainant.name',
      'complainant.phone',
      'description',
    ]);
  });

  test('optional fields may be left blank, and are then absent', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    expect(
      schema.parse({ complainant: jan, description: 'x', category: '', desiredSolution: '  ' }),
    ).toEqual({ complainant: jan, description: 'x' });
  });

  test('checks phone numbers and e-mail addresses', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    const result = schema.safeParse({
      complainant: { name: 'Jan', phone: '12345', email: 'jan@' },
      description: 'x',
    });
    expect(messages(result).sort()).toEqual([
      'complainant.email: @email',
      'complainant.phone: @phone',
    ]);
    const long = schema.safeParse({
      complainant: { ...jan, phone: `0${'6'.repeat(30)}`, email: `${'a'.repeat(250)}@example.nl` },
      description: 'x',
    });
    expect(paths(long).sort()).toEqual(['complainant.email', 'complainant.phone']);
  });

  test('refuses a description over 10,000 characters or with invisible characters', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    expect(paths(schema.safeParse({ complainant: jan, description: 'x'.repeat(10_001) }))).toEqual([
      'description',
    ]);
    expect(messages(schema.safeParse({ complainant: jan, description: 'a\u0000' }))).toEqual([
      'description: @plainText',
    ]);
    expect(schema.safeParse({ complainant: jan, description: 'x'.repeat(10_000) }).success).toBe(
      true,
    );
  });

  test('only one of the procedure’s categories', () => {
    const schema = complaintSubmissionSchema(wenb(), false);
    expect(
      paths(schema.safeParse({ complainant: jan, description: 'x', category: 'pizza' })),
    ).toEqual(['category']);
  });

  test('a required category must be given; without categories none can be', () => {
    const required = wenb();
    required.form.category = 'required';
    const schema = complaintSubmissionSchema(required, false);
    expect(paths(schema.safeParse({ complainant: jan, description: 'x' }))).toEqual(['category']);
    const none: Procedure = { ...wenb(), categories: [] };
    const noneSchema = complaintSubmissionSchema(none, false);
    expect(noneSchema.safeParse({ complainant: jan, description: 'x' }).success).toBe(true);
    expect(
      paths(noneSchema.safeParse({ complainant: jan, description: 'x', category: 'aard' })),
    ).toEqual(['category']);
  });

  test('hidden fields are not part of it, nor are the staff-only fields', () => {
    const t1d = presetProcedure('totaalonder1dak'); // category and on-behalf e-mail hidden
    const schema = complaintSubmissionSchema(t1d, false);
    const person = { name: 'Jan', initials: 'J.', phone: '0612345678' };
    const parsed = schema.parse({
      complainant: person,
      onBehalfOf: { ...person, email: 'x@example.nl' },
      description: 'x',
      category: 'overig',
      channel: 'phone',
      receivedAt: '2026-01-01T10:00:00+01:00',
      receiverName: 'Anna',
    });
    expect(parsed).toEqual({ complainant: person, onBehalfOf: person, description: 'x' });
    const w = complaintSubmissionSchema(wenb(), false).parse({
      complainant: { ...jan, initials: 'J.', address: 'Kerkstraat 1' },
      onBehalfOf: { name: 'Piet' },
      description: 'x',
    });
    expect(w).toEqual({ complainant: jan, description: 'x' });
  });
});

describe('fields a procedure hides', () => {
  test('are left out of a public submission, phone and desired solution too', () => {
    const p = wenb();
    p.form.complainant.phone = 'hidden';
    p.form.desiredSolution = 'hidden';
    const parsed = complaintSubmissionSchema(p, false).parse({
      complainant: jan,
      description: 'x',
      desiredSolution: 'Geld terug',
    });
    expect(parsed).toEqual({
      complainant: { name: jan.name, email: jan.email },
      description: 'x',
    });
  });
});

describe('on behalf of someone else', () => {
  const t1d = () => presetProcedure('totaalonder1dak');
  const person = { name: 'Jan', initials: 'J.', phone: '0612345678' };

  test('is checked with its own required fields when filled in', () => {
    const schema = complaintSubmissionSchema(t1d(), false);
    const result = schema.safeParse({
      complainant: person,
      onBehalfOf: { name: 'Piet' },
      description: 'x',
    });
    expect(paths(result).sort()).toEqual(['onBehalfOf.initials', 'onBehalfOf.phone']);
  });

  test('left empty (or blank, or null) is no one', () => {
    const schema = complaintSubmissionSchema(t1d(), false);
    for (const onBehalfOf of [undefined, null, {}, { name: ' ', initials: '', phone: '' }]) {
      expect(schema.parse({ complainant: person, onBehalfOf, description: 'x' })).toEqual({
        complainant: person,
        description: 'x',
      });
    }
    expect(
      schema.safeParse({ complainant: person, onBehalfOf: 'Piet', description: 'x' }).success,
    ).toBe(false);
  });

  test('staff may record it even where the public form does not offer it', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    const parsed = schema.parse({
      complainant: jan,
      onBehalfOf: { name: 'Piet' },
      description: 'x',
    });
    expect(parsed.onBehalfOf).toEqual({ name: 'Piet' });
  });
});

describe('a submission by staff', () => {
  test('adds channel (web by default), a past receipt moment and the receiver', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    expect(schema.parse({ complainant: jan, description: 'x' })).toEqual({
      complainant: jan,
      description: 'x',
      channel: 'web',
    });
    const full = {
      complainant: jan,
      description: 'x',
      channel: 'letter',
      receivedAt: '2025-12-30T16:00:00+01:00',
      receiverName: 'Anna',
    };
    expect(schema.parse(full)).toEqual(full);
  });

  test('refuses unknown channels, malformed moments and moments before 2000', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    const base = { complainant: jan, description: 'x' };
    expect(paths(schema.safeParse({ ...base, channel: 'pigeon' }))).toEqual(['channel']);
    expect(paths(schema.safeParse({ ...base, receivedAt: '2025-12-30' }))).toEqual(['receivedAt']);
    expect(messages(schema.safeParse({ ...base, receivedAt: '1999-12-31T23:00:00Z' }))).toEqual([
      'receivedAt: @datetime',
    ]);
    expect(schema.safeParse({ ...base, receivedAt: '2000-01-01T00:00:00Z' }).success).toBe(true);
    // The moment counts, not how it is written: at +23:59 this is a day in 1999 (issue #22, 17).
    expect(
      messages(schema.safeParse({ ...base, receivedAt: '2000-01-01T00:00:00+23:59' })),
    ).toEqual(['receivedAt: @datetime']);
    const justIn = { ...base, receivedAt: '2000-01-01T23:59:00+23:59' };
    expect(schema.safeParse(justIn).success).toBe(true);
  });

  test('on the web channel staff meet the form; on another the category and desired solution are optional', () => {
    const required = wenb();
    required.form.category = 'required';
    required.form.desiredSolution = 'required';
    const schema = complaintSubmissionSchema(required, true);
    expect(messages(schema.safeParse({ complainant: jan, description: 'x' }))).toEqual([
      'category: @required',
      'desiredSolution: @required',
    ]);
    expect(
      schema.safeParse({ complainant: jan, description: 'x', channel: 'letter' }).success,
    ).toBe(true);
    const t1d = complaintSubmissionSchema(presetProcedure('totaalonder1dak'), true);
    const person = { name: 'Jan', initials: 'J.', phone: '0612345678' };
    expect(
      t1d.parse({
        complainant: person,
        description: 'x',
        category: 'overig',
        desiredSolution: 'Geld',
      }),
    ).toMatchObject({ category: 'overig', desiredSolution: 'Geld' });
  });
});

describe('staff intake by channel', () => {
  test("on the web channel the form's required contact fields apply, whatever staff may record", () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    expect(messages(schema.safeParse({ complainant: { name: 'Jan' }, description: 'x' }))).toEqual([
      'complainant.phone: @required',
      'complainant.email: @required',
    ]);
  });

  test("another channel needs what the procedure's intake asks for it, and a way to answer", () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    // wenb: a letter needs the name; an answer goes by e-mail or post.
    expect(
      messages(schema.safeParse({ complainant: {}, description: 'x', channel: 'letter' })),
    ).toEqual([
      'complainant.name: @required',
      'complainant.email: @wayToAnswer',
      'complainant.address: @wayToAnswer',
    ]);
    expect(
      schema.safeParse({
        complainant: { name: 'Jan', address: 'Dorpsstraat 1' },
        description: 'x',
        channel: 'letter',
      }).success,
    ).toBe(true);
    // A phone number is no way to answer a letter, only a complaint told by phone or in person.
    expect(
      paths(
        schema.safeParse({
          complainant: { name: 'Jan', phone: '0612345678' },
          description: 'x',
          channel: 'letter',
        }),
      ),
    ).toEqual(['complainant.email', 'complainant.address']);
  });

  test('a complaint told by phone may be answered by phone', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    expect(
      schema.safeParse({
        complainant: { name: 'Jan', phone: '0612345678' },
        description: 'x',
        channel: 'phone',
      }).success,
    ).toBe(true);
    // wenb: by phone the name and the phone number are asked.
    expect(
      messages(schema.safeParse({ complainant: {}, description: 'x', channel: 'phone' })),
    ).toEqual([
      'complainant.name: @required',
      'complainant.phone: @required',
      'complainant.email: @wayToAnswerOral',
      'complainant.address: @wayToAnswerOral',
      'complainant.phone: @wayToAnswerOral',
    ]);
  });

  test('a channel the intake says nothing of needs only a way to answer', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    expect(
      schema.safeParse({
        complainant: { email: 'jan@example.nl' },
        description: 'x',
        channel: 'social',
      }).success,
    ).toBe(true);
  });
});
