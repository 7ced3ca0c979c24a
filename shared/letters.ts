import * as z from 'zod';
import { CHANNELS } from './channels';
import { localisedSchema } from './localised';
import {
  MAX_MESSAGE_CHARS,
  MAX_SUBJECT_CHARS,
  MESSAGE_KIND_NAMES,
  MESSAGE_KINDS,
  type MessageKind,
  placeholdersIn,
  placeholdersOf,
  SIGNATURE_CHARS,
  worstCaseLength,
} from './message-kinds';
import { plainText } from './text';

/*
 * What a procedure says about its written answers: who writes (the letterhead), where to turn
 * after the decision (the referral and its term), what staff must record when a complaint comes
 * in another way, and the organisation's own wording of each message.
 */

/** The organisation as its letters show it (its name is the tenant's). */
export const letterheadSchema = z.object({
  /** The postal address, as lines (street, postcode and town, …). */
  address: z.array(plainText(100)).min(1).max(6),
  phone: plainText(40).optional(),
  email: z.email().optional(),
  website: plainText(100).optional(),
});

export const TERM_OF_REFERRAL_UNITS = ['weeks', 'months', 'years'] as const;

/**
 * Where the complainant may turn after the decision, and within what time (Awb 9:12: the
 * Nationale ombudsman, within a year; Wkkgz: the disputes body the provider is a member of).
 * An older procedure's referral is a sentence; it is kept as written.
 */
export const referralSchema = z.union([
  z.object({
    /** Who: "de Nationale ombudsman". */
    to: localisedSchema,
    /** How to reach them: a website, an address, a phone number. */
    contact: localisedSchema.optional(),
    within: z.object({
      amount: z.number().int().min(1).max(60),
      unit: z.enum(TERM_OF_REFERRAL_UNITS),
      /**
       * What the term counts from: the decision (the Nationale ombudsman: a year after it) or
       * the day the complaint was received (disputes bodies often count from there).
       */
      from: z.enum(['decision', 'received']).default('decision'),
    }),
  }),
  localisedSchema,
]);
export type Referral = z.infer<typeof referralSchema>;

export const CONTACT_FIELDS = ['name', 'initials', 'address', 'phone', 'email'] as const;

/**
 * What staff must record when a complaint comes in by a channel other than the web form, beyond
 * the description and one way to answer (Awb 9:4: a written complaint states name and address).
 */
export const intakeSchema = z
  .partialRecord(
    z.enum(CHANNELS),
    z.object({ required: z.array(z.enum(CONTACT_FIELDS)).max(CONTACT_FIELDS.length) }),
  )
  .default({});

const wording = z.object({
  // A subject becomes a mail header: one line.
  subject: plainText(200).refine((s) => !/[\r\n]/.test(s), '@oneLine'),
  body: plainText(10_000),
});

/** Where a text is written, and the most it may fill there. */
const ROOM = { subject: MAX_SUBJECT_CHARS, body: MAX_MESSAGE_CHARS - SIGNATURE_CHARS } as const;

/** The organisation's own wording of a message, per language; the built-in text otherwise. */
export const messagesSchema = z
  .partialRecord(
    z.enum(MESSAGE_KIND_NAMES as [MessageKind, ...MessageKind[]]),
    z.object({ nl: wording.optional(), en: wording.optional() }),
  )
  .default({})
  .superRefine((messages, ctx) => {
    for (const [kind, languages] of Object.entries(messages)) {
      const allowed = placeholdersOf(kind as MessageKind);
      const required = MESSAGE_KINDS[kind as MessageKind].required;
      for (const [language, text] of Object.entries(languages ?? {})) {
        if (!text) continue;
        for (const part of ['subject', 'body'] as const) {
          for (const name of placeholdersIn(text[part])) {
            if (!allowed.includes(name)) {
              ctx.addIssue({
                code: 'custom',
                path: [kind, language, part],
                message: `@unknownPlaceholder|placeholder={${name}}`,
              });
            }
          }
          // Every placeholder at its longest must still fit: a wording cannot amplify.
          const worst = worstCaseLength(text[part]);
          if (worst > ROOM[part]) {
            ctx.addIssue({
              code: 'custom',
              path: [kind, language, part],
              message: `@messageTooLong|worst=${worst}&max=${ROOM[part]}`,
            });
          }
        }
        const used = [...placeholdersIn(text.subject), ...placeholdersIn(text.body)];
        for (const name of required) {
          if (!used.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [kind, language, 'body'],
              message: `@missingPlaceholder|placeholder={${name}}`,
            });
          }
        }
      }
    }
  });
