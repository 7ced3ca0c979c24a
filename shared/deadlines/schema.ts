// zod schemas for the procedure schema elsewhere. The only file here that imports zod, so the
// engine itself stays dependency-free for the widget.
import * as z from 'zod';
import { isPlainText } from '../field-rules';
import { isInheritedName, own } from '../own-keys';
import { isValidIsoDate } from './dates';
import { LIFECYCLE_EVENTS, TERM_UNITS } from './types';

/*
 * Bounds on what a term may ask of the engine, so that no procedure makes one submission cost
 * more than a few milliseconds or write more than a few kilobytes per term. A complaints
 * procedure counts in days and weeks; a year is far beyond any statutory term.
 */
export const MAX_WEEKS = 52;
export const MAX_CALENDAR_DAYS = 366;
export const MAX_WORKING_DAYS = 260;
/** Named terms per procedure. */
export const MAX_TERMS = 20;
/** Terms in one chain of terms that start from each other's due date. */
export const MAX_CHAIN = 5;
/** Days from the first event to the end of the longest chain (weeks × 7, working days × 7/5). */
export const MAX_HORIZON_DAYS = 730;

const MAX_AMOUNT = {
  weeks: MAX_WEEKS,
  calendarDays: MAX_CALENDAR_DAYS,
  workingDays: MAX_WORKING_DAYS,
};

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
    const max = MAX_AMOUNT[term.unit];
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
        name: z
          .string()
          .trim()
          .min(1, 'Name the closed day')
          .max(100)
          .refine(isPlainText, '@plainText'),
      }),
    )
    .max(366)
    .default([]),
});

export const postponementSchema = z.strictObject({
  // The legal maximum (PostponementRule.maxWeeks) is checked by postpone().
  weeks: z.number().int('Weeks must be a whole number').min(1).max(52),
  announcedOn: isoDateSchema,
  reason: z.string().trim().max(1000).refine(isPlainText, '@plainText').optional(),
});

const termNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'Term names are letters, digits, - or _ (max 64)')
  .refine((name) => !isInheritedName(name), '@reservedName');

/** Calendar days a term spans at most (a working week has five working days). */
function spanDays(term: { amount: number; unit: keyof typeof MAX_AMOUNT }): number {
  if (term.unit === 'weeks') return term.amount * 7;
  return term.unit === 'workingDays' ? Math.ceil((term.amount * 7) / 5) : term.amount;
}

/**
 * Record<string, Term> that also rejects references to unknown terms, cycles, more than
 * MAX_TERMS terms, chains longer than MAX_CHAIN and chains that reach beyond MAX_HORIZON_DAYS.
 */
export function termsSchema() {
  return z.record(termNameSchema, termSchema).superRefine((terms, ctx) => {
    if (Object.keys(terms).length > MAX_TERMS) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `At most ${MAX_TERMS} terms`,
      });
      return;
    }
    const reference = (name: string): string | undefined => {
      const from = own(terms, name)?.from;
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
    for (const name of Object.keys(terms)) {
      let length = 0;
      let days = 0;
      const seen = new Set<string>();
      for (let t: string | undefined = name; t !== undefined && !seen.has(t); t = reference(t)) {
        const term = own(terms, t);
        if (!term) break;
        seen.add(t);
        length++;
        days += spanDays(term);
      }
      if (length > MAX_CHAIN) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'from'],
          message: `Term "${name}" ends a chain of ${length} terms; at most ${MAX_CHAIN} may start from each other`,
        });
      } else if (days > MAX_HORIZON_DAYS) {
        ctx.addIssue({
          code: 'custom',
          path: [name, 'amount'],
          message: `Term "${name}" ends ${days} days after its first event; at most ${MAX_HORIZON_DAYS}`,
        });
      }
    }
  });
}
