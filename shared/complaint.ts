import * as z from 'zod';
import { CHANNELS, type Channel, ORAL_CHANNELS } from './channels';
import { isPhoneNumber, FIELD_LIMITS as LIMITS } from './field-rules';
import type { FieldMode, Procedure } from './procedure';
import { plainText } from './text';

export { CHANNELS, type Channel } from './channels';

// Messages of the form '@key' name one of the API's localised field messages.

// An empty input is "not filled in", whatever the client sends for it.
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

function text(max: number, mode: FieldMode) {
  const base = plainText(max);
  return mode === 'required'
    ? z.preprocess(blankToUndefined, base)
    : z.preprocess(blankToUndefined, base.optional());
}

const phone = z.string().trim().max(LIMITS.phone).refine(isPhoneNumber, '@phone');

const email = z.email('@email').max(LIMITS.email);

function contactSchema(fields: Procedure['form']['complainant']) {
  const shape: Record<string, z.ZodType> = {};
  for (const key of ['name', 'initials', 'address'] as const) {
    if (fields[key] !== 'hidden') shape[key] = text(LIMITS[key], fields[key]);
  }
  if (fields.phone !== 'hidden') {
    shape.phone = z.preprocess(
      blankToUndefined,
      fields.phone === 'required' ? phone : phone.optional(),
    );
  }
  if (fields.email !== 'hidden') {
    shape.email = z.preprocess(
      blankToUndefined,
      fields.email === 'required' ? email : email.optional(),
    );
  }
  return z.object(shape);
}

function choice(ids: string[], mode: FieldMode) {
  const base = ids.length > 0 ? z.enum(ids as [string, ...string[]]) : z.never();
  return z.preprocess(blankToUndefined, mode === 'required' ? base : base.optional());
}

/** No complaint was received before 2000 (UTC); an earlier moment is a typing error. */
const EARLIEST_RECEIPT = Date.UTC(2000, 0, 1);

const CONTACT_KEYS = ['name', 'initials', 'address', 'phone', 'email'] as const;
/** Staff record whatever contact details they were given, whatever the public form asks. */
const ALL_OPTIONAL = Object.fromEntries(CONTACT_KEYS.map((k) => [k, 'optional'])) as Record<
  (typeof CONTACT_KEYS)[number],
  FieldMode
>;

/**
 * The body of `POST …/complaints`, built from the tenant's procedure. The public web form asks
 * what the tenant's form asks. Staff (tenant key or session) register complaints that came in
 * another way: the description and one way to answer (an e-mail or postal address; a phone
 * number for a complaint told by phone or in person), plus what the procedure requires for that
 * channel (`intake`); they may also register the channel, a past receipt moment and the
 * receiver. Staff registering a web complaint (channel `web`, the default) meet the form's rules.
 */
export function complaintSubmissionSchema(procedure: Procedure, asStaff: boolean) {
  const { form } = procedure;
  const categoryIds = procedure.categories.map((c) => c.id);
  const shape: Record<string, z.ZodType> = {
    complainant: contactSchema(asStaff ? ALL_OPTIONAL : form.complainant),
    description: text(LIMITS.description, 'required'),
  };
  if (form.onBehalfOf.offered || asStaff) {
    shape.onBehalfOf = z.preprocess(
      (value) => (isEmptyContact(value) ? undefined : value),
      contactSchema(asStaff ? ALL_OPTIONAL : form.onBehalfOf.fields).optional(),
    );
  }
  if (form.category !== 'hidden' || asStaff) {
    shape.category = choice(categoryIds, asStaff ? 'optional' : form.category);
  }
  if (form.desiredSolution !== 'hidden' || asStaff) {
    shape.desiredSolution = text(
      LIMITS.desiredSolution,
      asStaff ? 'optional' : form.desiredSolution,
    );
  }
  if (!asStaff) return z.object(shape);
  shape.channel = z.enum(CHANNELS).default('web');
  // Registering old complaints is fine; a year typed wrong (0202, 1026) is not. The moment is
  // compared, not the text: 2000-01-01T00:00:00+23:59 is a moment in 1999.
  shape.receivedAt = z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) >= EARLIEST_RECEIPT, '@datetime')
    .optional();
  shape.receiverName = text(LIMITS.name, 'optional');
  // Checked even when other fields failed, so one answer names every field to fix.
  return z
    .object(shape)
    .superRefine((data, ctx) => staffIntakeRules(procedure, data, ctx), { when: () => true });
}

type StaffIntake = {
  channel?: Channel;
  complainant: Partial<Record<(typeof CONTACT_KEYS)[number], string>>;
  onBehalfOf?: Partial<Record<(typeof CONTACT_KEYS)[number], string>>;
  category?: string;
  desiredSolution?: string;
};

function staffIntakeRules(procedure: Procedure, raw: unknown, ctx: z.RefinementCtx) {
  // The rest of the body may have failed its own checks; read only what is there.
  const data = (raw ?? {}) as StaffIntake;
  const complainant =
    typeof data.complainant === 'object' && data.complainant ? data.complainant : {};
  const missing = (path: (string | number)[], message = '@required') =>
    ctx.addIssue({ code: 'custom', path, message });
  const { form } = procedure;
  const channel = data.channel ?? 'web';
  if (!CHANNELS.includes(channel)) return;
  if (channel === 'web') {
    for (const key of CONTACT_KEYS) {
      if (form.complainant[key] === 'required' && !complainant[key]) {
        missing(['complainant', key]);
      }
      if (data.onBehalfOf && form.onBehalfOf.fields[key] === 'required' && !data.onBehalfOf[key]) {
        missing(['onBehalfOf', key]);
      }
    }
    if (form.category === 'required' && !data.category) missing(['category']);
    if (form.desiredSolution === 'required' && !data.desiredSolution) {
      missing(['desiredSolution']);
    }
    return;
  }
  for (const key of procedure.intake[channel]?.required ?? []) {
    if (!complainant[key]) missing(['complainant', key]);
  }
  const { email, address, phone } = complainant;
  const oral = ORAL_CHANNELS.includes(channel);
  if (!email && !address && !(oral && phone)) {
    const ways = oral ? (['email', 'address', 'phone'] as const) : (['email', 'address'] as const);
    for (const key of ways)
      missing(['complainant', key], oral ? '@wayToAnswerOral' : '@wayToAnswer');
  }
}

function isEmptyContact(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value).every((v) => blankToUndefined(v) === undefined);
}

export interface ContactDetails {
  name?: string;
  initials?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface ComplaintSubmission {
  complainant: ContactDetails;
  onBehalfOf?: ContactDetails;
  category?: string;
  description: string;
  desiredSolution?: string;
  channel?: Channel;
  receivedAt?: string;
  receiverName?: string;
}
