import type * as z from 'zod';
import { complaintSubmissionSchema } from '../../shared/complaint';
import { makeCalendar, type WorkingCalendar } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';

interface Derived {
  calendar?: WorkingCalendar;
  submission: Map<boolean, z.ZodType>;
  mail?: z.ZodType;
}

// Keyed by the procedure object itself: tenant-lookup.ts shares one per tenant and version, so
// what is derived from it is built once and dropped with it.
const derived = new WeakMap<Procedure, Derived>();

function of(procedure: Procedure): Derived {
  let entry = derived.get(procedure);
  if (!entry) {
    entry = { submission: new Map() };
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
