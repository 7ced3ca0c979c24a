import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  calendarConfigSchema,
  isoDateSchema,
  postponementSchema,
  termSchema,
  termsSchema,
} from './index';

function issues(result: z.ZodSafeParseResult<unknown>) {
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, msg: i.message }));
}
const paths = (result: z.ZodSafeParseResult<unknown>) => issues(result).map((i) => i.path);

describe('isoDateSchema', () => {
  it.each(['2026-01-01', '2028-02-29', '2026-12-31'])('accepts %s', (d) => {
    expect(isoDateSchema.safeParse(d).success).toBe(true);
  });
  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-2-3', '26-01-01', ''])(
    'rejects %s',
    (d) => {
      expect(isoDateSchema.safeParse(d).success).toBe(false);
    },
  );
  it('rejects non-strings', () => {
    expect(isoDateSchema.safeParse(20260101).success).toBe(false);
  });
});

describe('termSchema', () => {
  const ok = { amount: 2, unit: 'workingDays', from: 'received' };

  it('accepts event and term anchors', () => {
    expect(termSchema.safeParse(ok).success).toBe(true);
    const chained = {
      amount: 4,
      unit: 'weeks',
      from: { term: 'resolution' },
      activeAfter: 'appealFiled',
    };
    expect(termSchema.parse(chained)).toEqual(chained);
  });

  it.each([
    [{ ...ok, amount: 0 }, ['amount']],
    [{ ...ok, amount: -1 }, ['amount']],
    [{ ...ok, amount: 1.5 }, ['amount']],
    [{ ...ok, amount: '2' }, ['amount']],
    [{ ...ok, amount: 261 }, ['amount']],
    [{ ...ok, unit: 'calendarDays', amount: 367 }, ['amount']],
    [{ ...ok, unit: 'weeks', amount: 53 }, ['amount']],
    [{ ...ok, unit: 'months' }, ['unit']],
    [{ ...ok, from: 'yesterday' }, ['from']],
    [{ ...ok, from: { term: '' } }, ['from', 'term']],
    [{ ...ok, activeAfter: 'never' }, ['activeAfter']],
  ])('rejects %j at path %j', (input, path) => {
    expect(paths(termSchema.safeParse(input))).toContainEqual(path);
  });

  it('accepts the bounds', () => {
    expect(termSchema.safeParse({ ...ok, unit: 'weeks', amount: 52 }).success).toBe(true);
    expect(termSchema.safeParse({ ...ok, unit: 'calendarDays', amount: 366 }).success).toBe(true);
    expect(termSchema.safeParse({ ...ok, amount: 260 }).success).toBe(true);
  });

  it('rejects unknown keys, so typos do not pass silently', () => {
    expect(termSchema.safeParse({ ...ok, amout: 3 }).success).toBe(false);
  });
});

describe('termsSchema', () => {
  const seeds = {
    acknowledgement: { amount: 2, unit: 'workingDays', from: 'received' },
    resolution: { amount: 2, unit: 'weeks', from: 'received' },
    appealDecision: { amount: 4, unit: 'weeks', from: { term: 'resolution' } },
  };

  it('accepts the seed terms', () => {
    expect(termsSchema().safeParse(seeds).success).toBe(true);
  });

  it('rejects a reference to an unknown term at <term>.from', () => {
    const result = termsSchema().safeParse({
      ...seeds,
      appealDecision: { amount: 4, unit: 'weeks', from: { term: 'resolutoin' } },
    });
    expect(issues(result)).toEqual([
      {
        path: ['appealDecision', 'from'],
        msg: expect.stringContaining('unknown term "resolutoin"'),
      },
    ]);
  });

  it('rejects cycles, naming every term in the cycle', () => {
    const result = termsSchema().safeParse({
      ...seeds,
      a: { amount: 1, unit: 'weeks', from: { term: 'b' } },
      b: { amount: 1, unit: 'weeks', from: { term: 'a' } },
      c: { amount: 1, unit: 'weeks', from: { term: 'a' } },
    });
    expect(paths(result)).toEqual([
      ['a', 'from'],
      ['b', 'from'],
    ]);
    expect(issues(result)[0]?.msg).toMatch(/cycle/);
  });

  it('rejects a term starting from itself', () => {
    const result = termsSchema().safeParse({
      x: { amount: 1, unit: 'weeks', from: { term: 'x' } },
    });
    expect(paths(result)).toEqual([['x', 'from']]);
  });

  it('reports per-term field errors with the term name in the path', () => {
    const result = termsSchema().safeParse({
      ...seeds,
      resolution: { ...seeds.resolution, amount: 0 },
    });
    expect(paths(result)).toContainEqual(['resolution', 'amount']);
  });

  it('rejects odd term names', () => {
    expect(termsSchema().safeParse({ 'two words': seeds.resolution }).success).toBe(false);
  });

  it("rejects the names of Object's own properties, which every plain object answers to", () => {
    for (const name of ['constructor', 'valueOf', 'toString', 'hasOwnProperty']) {
      expect(termsSchema().safeParse({ ...seeds, [name]: seeds.resolution }).success, name).toBe(
        false,
      );
    }
    expect(termsSchema().safeParse({ ...seeds, valueOfTerm: seeds.resolution }).success).toBe(true);
  });
});

describe('calendarConfigSchema', () => {
  it('defaults to the full Atw without closed days', () => {
    expect(calendarConfigSchema.parse({})).toEqual({ base: 'atw', closedDays: [] });
  });

  it('accepts a light calendar with overrides and closed days', () => {
    const cfg = {
      base: 'light',
      goodFriday: true,
      liberationDay: 'never',
      decreeDays: false,
      closedDays: [{ date: '2026-12-31', name: 'Oudejaarsdag' }],
    };
    expect(calendarConfigSchema.parse(cfg)).toEqual(cfg);
  });

  it.each([
    [{ base: 'full' }, ['base']],
    [{ liberationDay: 'sometimes' }, ['liberationDay']],
    [{ goodFriday: 'yes' }, ['goodFriday']],
    [{ closedDays: [{ date: '2026-02-30', name: 'x' }] }, ['closedDays', 0, 'date']],
    [{ closedDays: [{ date: '2026-02-03', name: ' ' }] }, ['closedDays', 0, 'name']],
  ])('rejects %j at path %j', (input, path) => {
    expect(paths(calendarConfigSchema.safeParse(input))).toContainEqual(path);
  });
});

describe('postponementSchema', () => {
  it('accepts a postponement with and without reason', () => {
    expect(postponementSchema.safeParse({ weeks: 4, announcedOn: '2026-06-01' }).success).toBe(
      true,
    );
    expect(
      postponementSchema.safeParse({ weeks: 1, announcedOn: '2026-06-01', reason: 'advies' })
        .success,
    ).toBe(true);
  });

  it.each([
    [{ weeks: 0, announcedOn: '2026-06-01' }, ['weeks']],
    [{ weeks: 1.5, announcedOn: '2026-06-01' }, ['weeks']],
    [{ weeks: 2, announcedOn: '2026-06-31' }, ['announcedOn']],
    [{ weeks: 2 }, ['announcedOn']],
  ])('rejects %j at path %j', (input, path) => {
    expect(paths(postponementSchema.safeParse(input))).toContainEqual(path);
  });
});

describe('termsSchema bounds', () => {
  const term = (amount: number, unit: string, from: string | { term: string }) => ({
    amount,
    unit,
    from,
  });
  const messages = (result: z.ZodSafeParseResult<unknown>) =>
    issues(result).map((i) => `${i.path.join('.')}: ${i.msg}`);

  it('takes at most 20 terms', () => {
    const many = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`t${i}`, term(1, 'weeks', 'received')]),
      );
    expect(termsSchema().safeParse(many(20)).success).toBe(true);
    expect(messages(termsSchema().safeParse(many(21)))).toEqual([': At most 20 terms']);
  });

  it('lets at most 5 terms start from each other', () => {
    const chain = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `t${i}`,
          term(1, 'weeks', i === 0 ? 'received' : { term: `t${i - 1}` }),
        ]),
      );
    expect(termsSchema().safeParse(chain(5)).success).toBe(true);
    expect(messages(termsSchema().safeParse(chain(7)))).toEqual([
      't5.from: Term "t5" ends a chain of 6 terms; at most 5 may start from each other',
      't6.from: Term "t6" ends a chain of 7 terms; at most 5 may start from each other',
    ]);
  });

  it('lets a chain reach at most 730 days from its first event', () => {
    // weeks count 7 days, calendar days 1, working days 7/5 (rounded up); 52 weeks are 364 days.
    const year = term(52, 'weeks', 'received');
    const chain = (last: object, first: object = year) =>
      termsSchema().safeParse({
        a: first,
        b: term(52, 'weeks', { term: 'a' }),
        c: { ...last, from: { term: 'b' } },
      });
    expect(chain(term(2, 'calendarDays', '')).success).toBe(true);
    expect(messages(chain(term(3, 'calendarDays', '')))).toEqual([
      'c.amount: Term "c" ends 731 days after its first event; at most 730',
    ]);
    expect(chain(term(1, 'workingDays', '')).success).toBe(true);
    expect(messages(chain(term(2, 'workingDays', '')))).toEqual([
      'c.amount: Term "c" ends 731 days after its first event; at most 730',
    ]);
    expect(chain(term(1, 'weeks', ''), term(1, 'calendarDays', 'received')).success).toBe(true);
    expect(chain(term(1, 'weeks', ''), term(260, 'workingDays', 'received')).success).toBe(false);
    expect(chain(term(1, 'weeks', ''), term(1, 'workingDays', 'received')).success).toBe(true);
  });

  it('on a term that starts from an unknown one, names only the unknown reference', () => {
    const result = termsSchema().safeParse({
      a: term(1, 'weeks', { term: 'b' }),
      b: term(1, 'weeks', { term: 'zz' }),
    });
    expect(messages(result)).toEqual(['b.from: Term "b" starts from unknown term "zz"']);
  });

  it('names the largest amount of each unit', () => {
    expect(messages(termSchema.safeParse(term(53, 'weeks', 'received')))).toEqual([
      'amount: Amount must be at most 52 for unit weeks',
    ]);
  });
});
