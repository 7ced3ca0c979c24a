import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { complaintSubmissionSchema } from './complaint';
import { presetProcedure } from './presets';

// More of what staff meet when they register a complaint (complaint.test.ts has the basics).

const issues = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

// wenb asks name, phone and e-mail (all required) and nothing "on behalf of"; totaalonder1dak
// offers "on behalf of" with name, initials and phone required.
const wenb = () => presetProcedure('wenb');
const t1d = () => presetProcedure('totaalonder1dak');
const person = { name: 'Jan', initials: 'J.', phone: '0612345678' };

describe('one answer names every field to fix', () => {
  test('the intake rules are checked even when another field failed', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    const result = schema.safeParse({ complainant: { name: 'Jan' }, channel: 'letter' });
    expect(issues(result)).toEqual([
      expect.stringMatching(/^description: /),
      'complainant.email: @wayToAnswer',
      'complainant.address: @wayToAnswer',
    ]);
  });

  test('a body without a complainant names the contact fields the form requires', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    const result = schema.safeParse({ description: 'x' });
    expect(issues(result)).toEqual([
      expect.stringMatching(/^complainant: /),
      'complainant.name: @required',
      'complainant.phone: @required',
      'complainant.email: @required',
    ]);
  });

  test('so does a body that is no object at all: it is taken as a web complaint', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    expect(issues(schema.safeParse(null))).toEqual([
      expect.stringMatching(/^: /),
      'complainant.name: @required',
      'complainant.phone: @required',
      'complainant.email: @required',
    ]);
  });

  test('an unknown channel is the one fault named, not a missing way to answer', () => {
    const schema = complaintSubmissionSchema(wenb(), true);
    const result = schema.safeParse({
      complainant: { name: 'Jan', phone: '0612345678' },
      description: 'x',
      channel: 'pigeon',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['channel']);
  });
});

describe('on behalf of someone else, registered by staff', () => {
  test("on the web channel it meets the form's required fields", () => {
    const schema = complaintSubmissionSchema(t1d(), true);
    const result = schema.safeParse({
      complainant: person,
      onBehalfOf: { name: 'Piet' },
      description: 'x',
    });
    expect(issues(result)).toEqual([
      'onBehalfOf.initials: @required',
      'onBehalfOf.phone: @required',
    ]);
    expect(
      schema.safeParse({ complainant: person, onBehalfOf: person, description: 'x' }).success,
    ).toBe(true);
  });

  test('on another channel staff record whatever they were told of that person', () => {
    const schema = complaintSubmissionSchema(t1d(), true);
    const parsed = schema.parse({
      complainant: person,
      onBehalfOf: { name: 'Piet' },
      description: 'x',
      channel: 'phone',
    });
    expect(parsed.onBehalfOf).toEqual({ name: 'Piet' });
  });

  test('is contact details or nothing: a number or a flag is refused, not taken as no one', () => {
    const schema = complaintSubmissionSchema(t1d(), false);
    for (const onBehalfOf of [42, true]) {
      const result = schema.safeParse({ complainant: person, onBehalfOf, description: 'x' });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['onBehalfOf']);
    }
  });
});

describe('a category where the procedure has none', () => {
  test('is refused as a field that can hold nothing, not as a wrong choice among no options', () => {
    // The API words an invalid_type "wrong type" and an invalid_value "choose one of the
    // options", which would send the complainant looking for options that do not exist.
    const schema = complaintSubmissionSchema({ ...wenb(), categories: [] }, false);
    const result = schema.safeParse({
      complainant: { name: 'Jan Jansen', phone: '06 1234 5678', email: 'jan@example.nl' },
      description: 'x',
      category: 'aard',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['category', 'invalid_type'],
    ]);
  });
});
