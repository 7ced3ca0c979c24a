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
 * The body of a complaint that came in by e-mail: as staff register it, except that the
 * complainant's details are what the message gives (its address and maybe a name), so the
 * form's required contact fields are left for staff to complete rather than refusing the mail.
 */
export function mailSubmissionSchemaOf(procedure: Procedure): z.ZodType {
  const entry = of(procedure);
  if (!entry.mail) {
    const given = Object.fromEntries(
      Object.entries(procedure.form.complainant).map(([field, mode]) => [
        field,
        mode === 'required' || field === 'email' || field === 'name' ? 'optional' : mode,
      ]),
    ) as Procedure['form']['complainant'];
    entry.mail = complaintSubmissionSchema(
      { ...procedure, form: { ...procedure.form, complainant: given } },
      true,
    );
  }
  return entry.mail;
}
