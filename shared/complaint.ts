import * as z from 'zod';
import { isPhoneNumber, FIELD_LIMITS as LIMITS } from './field-rules';
import type { FieldMode, Procedure } from './procedure';
import { plainText } from './text';

export const CHANNELS = ['web', 'email', 'phone', 'letter', 'social', 'inPerson'] as const;
export type Channel = (typeof CHANNELS)[number];

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

/**
 * The body of `POST …/complaints`, built from the tenant's procedure: which fields exist and which
 * are required is the tenant's choice. Staff (tenant key or session) may also register the channel,
 * a past receipt moment and the receiver; the public web form may not.
 */
export function complaintSubmissionSchema(procedure: Procedure, asStaff: boolean) {
  const { form } = procedure;
  const categoryIds = procedure.categories.map((c) => c.id);
  const shape: Record<string, z.ZodType> = {
    complainant: contactSchema(form.complainant),
    description: text(LIMITS.description, 'required'),
  };
  if (form.onBehalfOf.offered || asStaff) {
    shape.onBehalfOf = z.preprocess(
      (value) => (isEmptyContact(value) ? undefined : value),
      contactSchema(form.onBehalfOf.fields).optional(),
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
  if (asStaff) {
    shape.channel = z.enum(CHANNELS).default('web');
    // Registering old complaints is fine; a year typed wrong (0202, 1026) is not.
    shape.receivedAt = z.iso
      .datetime({ offset: true })
      .refine((value) => value >= '2000-01-01', '@datetime')
      .optional();
    shape.receiverName = text(LIMITS.name, 'optional');
  }
  return z.object(shape);
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
