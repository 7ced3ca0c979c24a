import * as z from 'zod';
import { calendarConfigSchema, LIFECYCLE_EVENTS, termSchema, termsSchema } from './deadlines';
import { intakeSchema, letterheadSchema, messagesSchema, referralSchema } from './letters';
import { LOCALES, localisedSchema } from './localised';
import { isInheritedName } from './own-keys';
import { committeeSchema, complaintsOfficerSchema } from './statutory';
import { plainText } from './text';

/** How the form treats a field: asked and required, asked and optional, or not asked. */
export const fieldModeSchema = z.enum(['required', 'optional', 'hidden']);
export type FieldMode = z.infer<typeof fieldModeSchema>;

/** A name the procedure gives a term or an option; it becomes a key, so none of Object's own. */
const slugId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9-]{0,39}$/, 'Use letters, digits and dashes, starting with a letter')
  .refine((name) => !isInheritedName(name), '@reservedName');

const optionSchema = z.object({ id: slugId, label: localisedSchema });

/** A named deadline of the procedure: the engine's term plus what meets it and how it is shown. */
export const procedureTermSchema = termSchema.extend({
  label: localisedSchema,
  /** The lifecycle event that meets this deadline (an open term past its date is overdue). */
  metBy: z.enum(LIFECYCLE_EVENTS),
  /** Awb 9:11 / Wkkgz art. 17: the term may be postponed once by at most this many weeks. */
  postponable: z.object({ maxWeeks: z.number().int().min(1).max(52) }).optional(),
  /** Shown to the complainant (in the confirmation and the acknowledgement). */
  public: z.boolean().default(true),
  /**
   * The term the law sets (Awb 9:11, Wkkgz art. 17): "handled within the term" in the yearly
   * report and on the published page means this one; the others are shown apart. At most one.
   */
  statutory: z.boolean().default(false),
});
export type ProcedureTerm = z.infer<typeof procedureTermSchema>;

const contactFieldsSchema = z.object({
  name: fieldModeSchema.default('required'),
  initials: fieldModeSchema.default('optional'),
  address: fieldModeSchema.default('optional'),
  phone: fieldModeSchema.default('optional'),
  email: fieldModeSchema.default('optional'),
});

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const formSchema = z.object({
  complainant: contactFieldsSchema.prefault({ email: 'required' }),
  /** "Namens iemand anders": whether the section is offered, and its fields when filled in. */
  onBehalfOf: z
    .object({ offered: z.boolean().default(true), fields: contactFieldsSchema.prefault({}) })
    .prefault({ offered: false }),
  category: fieldModeSchema.default('optional'),
  desiredSolution: fieldModeSchema.default('optional'),
  attachments: z
    .object({
      mode: z.enum(['optional', 'hidden']).default('hidden'),
      maxCount: z.number().int().min(1).max(10).default(5),
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .default(5 * 1024 * 1024),
      types: z
        .array(z.enum(ATTACHMENT_TYPES))
        .min(1)
        .default([...ATTACHMENT_TYPES]),
    })
    .prefault({}),
  privacyUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Ask for a Cloudflare Turnstile check (the page embeds Turnstile and sets the element's
   * `turnstile-sitekey`); enforced when the service has TURNSTILE_SECRET_KEY. Off by default.
   */
  turnstile: z.boolean().default(false),
  /** Shown above the form ("Waarom dit formulier?"). */
  intro: localisedSchema.optional(),
});
export type FormSettings = z.infer<typeof formSchema>;

const CLOSING_FIELDS = [
  'classification',
  'admissible',
  'remedy',
  'summary',
  'preventiveMeasures',
  'measuresEffectiveOn',
  'cause',
] as const;

const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'Must be an origin such as https://www.example.nl (scheme, host and port only)');

/**
 * Everything a tenant configures. Every field has a default so a tenant can send only what
 * differs, but the stored procedure is always the fully expanded result of this schema.
 */
export const procedureSchema = z
  .object({
    locale: z.enum(LOCALES).default('nl'),
    calendar: calendarConfigSchema.prefault({}),
    terms: z.record(slugId, procedureTermSchema).refine((terms) => Object.keys(terms).length > 0, {
      message: 'At least one term is required',
    }),
    categories: z.array(optionSchema).max(50).default([]),
    classifications: z.array(optionSchema).max(20).default([]),
    remedies: z.array(optionSchema).max(20).default([]),
    recordAdmissibility: z.boolean().default(false),
    /** Registration fields that staff must fill in before a complaint can be closed. */
    requiredOnClose: z.array(z.enum(CLOSING_FIELDS)).default([]),
    /** Reminders to the handler before a due date, and an escalation when one has passed. */
    reminders: z
      .object({
        /** Working days before the due date; 0 sends the reminder on the day itself. */
        workingDaysBefore: z.number().int().min(0).max(30).default(1),
        escalateWhenOverdue: z.boolean().default(true),
        /**
         * Who hears of an overdue complaint that has no handler with an e-mail address (the
         * tenant's admins when empty), so no complaint is forgotten.
         */
        escalateTo: z.array(z.email()).max(20).default([]),
      })
      .prefault({}),
    /** Awb 9:7: the handler may not be the person the complaint is about. */
    handlerMayNotBeSubject: z.boolean().default(false),
    /** Whoever received a complaint may handle it once it is forwarded to them (wenb §2.1). */
    receiverMayHandle: z.boolean().default(false),
    /** Awb 9:10: the complainant is heard before the decision, unless a ground waives it. */
    hearing: z.boolean().default(false),
    /** Awb 9:14: a complaints committee advises before the decision. */
    committee: committeeSchema.optional(),
    /** Wkkgz art. 15: shown on the form, in the acknowledgement and on the tracking page. */
    complaintsOfficer: complaintsOfficerSchema.optional(),
    /** What the tenant's public pages show beyond its procedure: the yearly report (Awb 9:12a). */
    publish: z.object({ yearlyReport: z.boolean().default(false) }).prefault({}),
    /** Registration fields that must accompany a proposed solution (wenb: the cause). */
    requiredOnProposal: z.array(z.enum(['cause'])).default([]),
    retention: z.object({ years: z.number().int().min(1).max(100) }),
    appeal: z
      .object({
        enabled: z.boolean(),
        body: z
          .object({
            role: localisedSchema,
            name: plainText(200),
            email: z.email(),
          })
          .optional(),
        /** Days after the solution was proposed in which the complainant may appeal. */
        windowDays: z.number().int().min(1).max(365).default(28),
        /** The term that sets the appeal decision's due date. */
        term: slugId.optional(),
      })
      .prefault({ enabled: false }),
    form: formSchema.prefault({}),
    notifications: z
      .object({
        senderName: plainText(100),
        replyTo: z.email().optional(),
        /** Staff addresses to notify per event ('overdue' and 'reminder' come from the jobs). */
        staff: z
          .partialRecord(
            z.enum([
              ...LIFECYCLE_EVENTS,
              'reminder',
              'overdue',
              'solutionAccepted',
              'erasureRequested',
            ]),
            z.array(z.email()).max(20),
          )
          .default({}),
      })
      .optional(),
    /**
     * E-mail intake: mail to this address becomes a complaint (channel e-mail), and messages to
     * the complainant are sent with it as Reply-To, so replies join their complaint. One tenant
     * per address; stored in lower case.
     */
    inbound: z.object({ address: z.email().max(254).toLowerCase() }).optional(),
    /** Where to turn after the decision, named in it (Awb: Nationale ombudsman; Wkkgz: geschilleninstantie). */
    referral: referralSchema.optional(),
    /** The organisation as its letters show it; letters on paper need its postal address. */
    letterhead: letterheadSchema.optional(),
    /** What staff must record per channel, beyond a description and a way to answer. */
    intake: intakeSchema,
    /** The organisation's own wording of each message, per language. */
    messages: messagesSchema,
    allowedOrigins: z.array(originSchema).max(50).default([]),
  })
  .superRefine((procedure, ctx) => {
    // The engine checks references and cycles on its own fields only.
    const engineTerms = Object.fromEntries(
      Object.entries(procedure.terms).map(([name, { amount, unit, from, activeAfter }]) => [
        name,
        activeAfter ? { amount, unit, from, activeAfter } : { amount, unit, from },
      ]),
    );
    const check = termsSchema().safeParse(engineTerms);
    if (!check.success) {
      for (const issue of check.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['terms', ...issue.path] });
      }
    }
    const statutory = Object.entries(procedure.terms).filter(([, term]) => term.statutory);
    if (statutory.length > 1) {
      for (const [name] of statutory.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Only one term can be the statutory term',
          path: ['terms', name, 'statutory'],
        });
      }
    }
    if (procedure.appeal.enabled) {
      if (!procedure.appeal.body) {
        ctx.addIssue({
          code: 'custom',
          message: 'An appeal body is required when appeal is enabled',
          path: ['appeal', 'body'],
        });
      }
    }
    // A reference to a term names one the procedure has, whether or not appeal is on now.
    const term = procedure.appeal.term;
    if (term !== undefined && !Object.hasOwn(procedure.terms, term)) {
      ctx.addIssue({ code: 'custom', message: '@unknownTerm', path: ['appeal', 'term'] });
    }
    if (procedure.form.category === 'required' && procedure.categories.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'A required category needs at least one category',
        path: ['form', 'category'],
      });
    }
    for (const field of procedure.requiredOnClose) {
      const list =
        field === 'classification'
          ? procedure.classifications
          : field === 'remedy'
            ? procedure.remedies
            : null;
      if (list && list.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Requiring "${field}" on close needs at least one option`,
          path: ['requiredOnClose'],
        });
      }
    }
  });

export type ProcedureInput = z.input<typeof procedureSchema>;
export type Procedure = z.output<typeof procedureSchema>;
