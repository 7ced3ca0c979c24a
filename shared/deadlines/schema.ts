// zod schemas for the procedure schema elsewhere. The only file here that imports zod, so the
// engine itself stays dependency-free for the widget.
import { z } from 'zod';
import { isValidIsoDate } from './dates';
import { LIFECYCLE_EVENTS, TERM_UNITS } from './types';

export const MAX_WEEKS = 520;
export const MAX_DAYS = 3650;

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine(isValidIsoDate, 'Not an existing calendar date');

export const lifecycleEventSchema = z.enum(LIFECYCLE_EVENTS);

export const termSchema = z
  .strictObject({
    amount: z.number().int('Amount must be a whole number').positive('Amount must be positive'),
    unit: z.enum(TERM_UNITS),
    from: z.union([
      lifecycleEventSchema,
      z.strictObject({ term: z.string().min(1, 'Name the term this term starts from') }),
    ]),
    activeAfter: lifecycleEventSchema.optional(),
  })
  .superRefine((term, ctx) => {
    const max = term.unit === 'weeks' ? MAX_WEEKS : MAX_DAYS;
    if (term.amount > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `Amount must be at most ${max} for unit ${term.unit}`,
      });
    }
  });

export const calendarConfigSchema = z.strictObject({
  base: z.enum(['atw', 'light']).default('atw'),
  goodFriday: z.boolean().optional(),
  liberationDay: z.enum(['always', 'lustrum', 'never']).optional(),
  decreeDays: z.boolean().optional(),
  closedDays: z
    .array(
      z.strictObject({
        date: isoDateSchema,
        name: z.string().trim().min(1, 'Name the closed day').max(100),
      }),
    )
    .max(366)
    .default([]),
});

export const postponementSchema = z.strictObject({
  // The legal maximum (PostponementRule.maxWeeks) is checked by postpone().
  weeks: z.number().int('Weeks must be a whole number').min(1).max(52),
  announcedOn: isoDateSchema,
  reason: z.string().trim().max(1000).optional(),
});

const termNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Term names are letters, digits, - or _ (max 64)');

/** Record<string, Term> that also rejects references to unknown terms and cycles. */
export function termsSchema() {
  return z.record(termNameSchema, termSchema).superRefine((terms, ctx) => {
    const reference = (name: string): string | undefined => {
      const from = terms[name]?.from;
      return typeof from === 'object' ? from.term : undefined;
    };
    for (const name of Object.keys(terms)) {
      const target = reference(name);
      if (target === undefined) continue;
      if (!Object.hasOwn(terms, target)) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'from'],
          message: `Term "${name}" starts from unknown term "${target}"`,
        });
        continue;
      }
      // Follow the chain; coming back to `name` means it is part of a cycle.
      const seen = new Set<string>([name]);
      for (let t: string | undefined = target; t !== undefined; t = reference(t)) {
        if (t === name) {
          ctx.addIssue({
            code: 'custom',
            path: [name, 'from'],
            message: `Term "${name}" is part of a cycle of terms starting from each other`,
          });
          break;
        }
        if (seen.has(t)) break;
        seen.add(t);
      }
    }
  });
}
