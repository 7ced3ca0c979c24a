/**
 * Wire schemas of the API's responses. The server documents itself with them (OpenAPI); the
 * widget imports only the inferred types, so zod never reaches its bundle.
 */
import * as z from 'zod';
import { fieldModeSchema, procedureSchema } from './procedure';

const localised = z.object({ nl: z.string(), en: z.string() });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** On a 409 for a lifecycle step: the complaint's status and the steps it allows. */
    status: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const deadlineViewSchema = z.object({
  term: z.string(),
  label: z.string(),
  date: z.string(),
  explanation: z.string(),
});
export type DeadlineView = z.infer<typeof deadlineViewSchema>;

export const submitResponseSchema = z.object({
  number: z.string(),
  receivedAt: z.string(),
  /** Term name → Amsterdam date (the end of that day), as the contract says. */
  due: z.record(z.string(), z.string()),
  /** The public deadlines with their label and explanation, in the request's language. */
  deadlines: z.array(deadlineViewSchema),
  trackingUrl: z.string(),
});
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

export type FieldMode = z.infer<typeof fieldModeSchema>;

const contactModes = z.object({
  name: fieldModeSchema,
  initials: fieldModeSchema,
  address: fieldModeSchema,
  phone: fieldModeSchema,
  email: fieldModeSchema,
});
export type ContactFieldModes = z.infer<typeof contactModes>;

/** What `GET /v1/tenants/{slug}/form` returns: all the widget needs, and nothing internal. */
export const formConfigSchema = z.object({
  tenant: z.object({ slug: z.string(), name: z.string() }),
  locale: z.enum(['nl', 'en']),
  complainant: contactModes,
  onBehalfOf: z.object({ offered: z.boolean(), fields: contactModes }),
  category: fieldModeSchema,
  categories: z.array(z.object({ id: z.string(), label: localised })),
  desiredSolution: fieldModeSchema,
  attachments: z.object({
    mode: z.enum(['optional', 'hidden']),
    maxCount: z.number(),
    maxBytes: z.number(),
    types: z.array(z.string()),
  }),
  privacyUrl: z.string().optional(),
  intro: localised.optional(),
  terms: z.array(
    z.object({ name: z.string(), label: localised, amount: z.number(), unit: z.string() }),
  ),
  /** The widget's words in the language asked for (Accept-Language), by key. */
  messages: z.record(z.string(), z.string()),
});
export type FormConfig = z.infer<typeof formConfigSchema>;

/** How to reach an organisation other than through the form (its letterhead, its procedure). */
export const organisationContactSchema = z.object({
  name: z.string(),
  address: z.array(z.string()).optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  website: z.object({ label: z.string(), url: z.string() }).optional(),
  /** The published procedure: how the organisation handles complaints. */
  procedureUrl: z.string(),
});
export type OrganisationContact = z.infer<typeof organisationContactSchema>;

/**
 * `GET …/form` from a page whose origin the procedure does not allow (403): readable by that
 * page, so the widget can tell the site owner which origin to add and the visitor where else to go.
 */
export const formRefusalSchema = z.object({
  error: z.object({
    code: z.literal('origin_not_allowed'),
    message: z.string(),
    origin: z.string(),
  }),
  contact: organisationContactSchema,
  /** The widget's words, as with the form. */
  messages: z.record(z.string(), z.string()),
});
export type FormRefusal = z.infer<typeof formRefusalSchema>;

export const tenantCreatedSchema = z.object({
  tenant: z.object({
    slug: z.string(),
    name: z.string(),
    createdAt: z.string(),
    procedure: procedureSchema,
  }),
  /** Shown once; only its hash is stored. */
  apiKey: z.string(),
});

const contactView = z
  .object({
    name: z.string().nullable(),
    initials: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .nullable();

export const complaintViewSchema = z.object({
  number: z.string(),
  status: z.string(),
  allowedActions: z.array(z.string()),
  channel: z.string(),
  receivedAt: z.string(),
  receivedDate: z.string(),
  registeredAt: z.string(),
  receiverName: z.string().nullable(),
  subject: z.string().nullable(),
  complainant: contactView,
  onBehalfOf: contactView,
  category: z.string().nullable(),
  description: z.string().nullable(),
  desiredSolution: z.string().nullable(),
  handler: z.string().nullable(),
  /** The staff account it was forwarded to (null: none, or a handler without an account). */
  handlerId: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  cause: z.string().nullable(),
  proposedSolution: z.string().nullable(),
  classification: z.string().nullable(),
  admissible: z.boolean().nullable(),
  remedy: z.string().nullable(),
  summary: z.string().nullable(),
  preventiveMeasures: z.string().nullable(),
  satisfied: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  /** Closed without being handled (Awb 9:8). */
  declined: z.boolean(),
  erasedAt: z.string().nullable(),
  due: z.record(z.string(), z.string()),
  deadlines: z.array(
    deadlineViewSchema.extend({ metAt: z.string().nullable(), postponed: z.boolean() }),
  ),
  measuresEffectiveOn: z.string().nullable(),
  /** The case file's documents: sent with the complaint, added with a step or with a note. */
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      size: z.number(),
      type: z.string(),
      source: z.enum(['intake', 'step', 'note']),
      eventSeq: z.number().nullable(),
      addedAt: z.string(),
    }),
  ),
  /** The case file's correspondence (texts: GET …/correspondence). */
  correspondence: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      channel: z.enum(['email', 'letter']),
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      postedAt: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      seq: z.number(),
      type: z.string(),
      public: z.boolean(),
      at: z.string(),
      actor: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const registerPageSchema = z.object({
  items: z.array(
    z.object({
      number: z.string(),
      status: z.string(),
      channel: z.string(),
      receivedAt: z.string(),
      category: z.string().nullable(),
      handler: z.string().nullable(),
      complainantName: z.string().nullable(),
      nextDue: z.string().nullable(),
    }),
  ),
  nextOffset: z.number().nullable(),
});

export const monthlyReportSchema = z.object({
  year: z.number(),
  months: z.array(
    z.object({
      month: z.string(),
      received: z.number(),
      byCategory: z.record(z.string(), z.number()),
      byClassification: z.record(z.string(), z.number()),
      admissible: z.object({ yes: z.number(), no: z.number(), unknown: z.number() }),
      open: z.number(),
      closed: z.number(),
      overdue: z.number(),
    }),
  ),
});

export const yearlyReportSchema = z.object({
  year: z.number(),
  received: z.number(),
  handled: z.number(),
  notHandled: z.number(),
  open: z.number(),
  byCategory: z.record(z.string(), z.number()),
  byClassification: z.record(z.string(), z.number()),
  admissible: z.object({ yes: z.number(), no: z.number(), unknown: z.number() }),
  /** The statutory term's name when the procedure names one; "within term" then means it. */
  statutoryTerm: z.string().nullable(),
  handledWithinTerm: z.number(),
  handledWithinTermShare: z.number().nullable(),
  /** Handled within every term of the procedure (its own terms too), shown apart. */
  handledWithinAllTerms: z.number(),
  handledWithinAllTermsShare: z.number().nullable(),
  medianHandlingDays: z.number().nullable(),
  postponed: z.number(),
});

/** One message of a complaint's case file with its text (the personal link redacted). */
export const correspondenceItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.enum(['email', 'letter']),
  /** pending | held | sending | sent | failed | cancelled; letters: print | posted. */
  status: z.string(),
  recipient: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  postedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  /** The message as a PDF letter. */
  pdf: z.string(),
});

export const correspondenceSchema = z.object({ items: z.array(correspondenceItemSchema) });

/** The letters still to print and post, across the tenant's complaints. */
export const lettersToPrintSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      number: z.string(),
      createdAt: z.string(),
      name: z.string().nullable(),
      address: z.string().nullable(),
      pdf: z.string(),
    }),
  ),
});
