import type * as z from 'zod';
import { complaintSubmissionSchema } from '../../shared/complaint';
import {
  computeDueDates,
  type DueDate,
  type IsoDate,
  makeCalendar,
  type WorkingCalendar,
} from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';

/** How many days of receipt each procedure keeps the due dates of (mostly today's). */
const RECEIPT_DAYS_KEPT = 32;

interface Derived {
  calendar?: WorkingCalendar;
  dueOnReceipt: Map<IsoDate, Readonly<Record<string, Readonly<DueDate>>>>;
  submission: Map<boolean, z.ZodType>;
  mail?: z.ZodType;
}

// Keyed by the procedure object itself: tenant-lookup.ts shares one per tenant and version, so
// what is derived from it is built once and dropped with it.
const derived = new WeakMap<Procedure, Derived>();

function of(procedure: Procedure): Derived {
  let entry = derived.get(procedure);
  if (!entry) {
    entry = { submission: new Map(), dueOnReceipt: new Map() };
    derived.set(procedure, entry);
  }
  return entry;
}

/** The procedure's working-day calendar. */
export function calendarOf(procedure: Procedure): WorkingCalendar {
  const entry = of(procedure);
  entry.calendar ??= makeCalendar(procedure.calendar);
  return entry.calendar;
}

/**
 * The due dates of a complaint received on `date`, before anything else happened: the same for
 * every complaint of that day, so worked out once per day (frozen, as many share it).
 */
export function dueOnReceiptOf(
  procedure: Procedure,
  date: IsoDate,
): Readonly<Record<string, Readonly<DueDate>>> {
  const entry = of(procedure);
  let due = entry.dueOnReceipt.get(date);
  if (!due) {
    const computed = computeDueDates(procedure.terms, { received: date }, calendarOf(procedure));
    due = Object.freeze(
      Object.fromEntries(Object.entries(computed).map(([t, d]) => [t, deepFreeze(d)])),
    );
    entry.dueOnReceipt.set(date, due);
    const oldest = entry.dueOnReceipt.keys().next().value;
    if (entry.dueOnReceipt.size > RECEIPT_DAYS_KEPT && oldest) entry.dueOnReceipt.delete(oldest);
  }
  return due;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The body a submission must have under this procedure (staff may register more). */
export function submissionSchemaOf(procedure: Procedure, asStaff: boolean): z.ZodType {
  const entry = of(procedure);
  let schema = entry.submission.get(asStaff);
  if (!schema) {
    schema = complaintSubmissionSchema(procedure, asStaff);
    entry.submission.set(asStaff, schema);
  }
  return schema;
}

/**
 * The body of a complaint that came in by e-mail: as staff register one (channel `email`), except
 * that the complainant's details are what the message gives (its address and maybe a name), so
 * what the procedure asks staff to record for e-mail (`intake.email`, e.g. the Awb's name and
 * address) is left for staff to complete rather than refusing the mail.
 */
export function mailSubmissionSchemaOf(procedure: Procedure): z.ZodType {
  const entry = of(procedure);
  entry.mail ??= complaintSubmissionSchema(
    { ...procedure, intake: { ...procedure.intake, email: { required: [] } } },
    true,
  );
  return entry.mail;
}
