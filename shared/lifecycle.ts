import * as z from 'zod';
import { isoDateSchema } from './deadlines';
import { CONSENT_WAYS, DECLINE_GROUNDS, HEARING_MODES, WAIVE_GROUNDS } from './statutory';
import { plainText } from './text';

/*
 * The complaint lifecycle as one table: which action may run in which status, where it leads and
 * which timeline event it records. Server, admin view and tracking page all read this table.
 */

export const STATUSES = [
  'received',
  'acknowledged',
  'forwarded',
  'inProgress',
  'solutionProposed',
  'appealFiled',
  'appealDecided',
  'closed',
] as const;
export type Status = (typeof STATUSES)[number];

const BEFORE_SOLUTION = ['received', 'acknowledged', 'forwarded', 'inProgress'] as const;
const NOT_CLOSED = STATUSES.filter((s) => s !== 'closed');

export const TRANSITIONS = {
  acknowledge: { from: ['received'], to: 'acknowledged', event: 'acknowledged' },
  // The written acknowledgement went out after staff had already moved the complaint on.
  'record-acknowledgement': { from: NOT_CLOSED, to: null, event: 'acknowledged' },
  forward: { from: BEFORE_SOLUTION, to: 'forwarded', event: 'forwarded' },
  respond: { from: BEFORE_SOLUTION, to: 'inProgress', event: 'responded' },
  postpone: { from: BEFORE_SOLUTION, to: null, event: 'postponed' },
  // Awb 9:8: not handled; the complainant is told in writing, within four weeks of receipt.
  decline: { from: BEFORE_SOLUTION, to: 'closed', event: 'declined' },
  // Awb 9:10: the complainant is invited and heard, or the hearing is waived on a statutory ground.
  'invite-hearing': { from: BEFORE_SOLUTION, to: null, event: 'hearingInvited' },
  'record-hearing': { from: BEFORE_SOLUTION, to: null, event: 'hearingHeld' },
  'waive-hearing': { from: BEFORE_SOLUTION, to: null, event: 'hearingWaived' },
  // Awb 9:14: the complaints committee's advice, before the body decides.
  'record-advice': { from: BEFORE_SOLUTION, to: null, event: 'adviceGiven' },
  'propose-solution': { from: BEFORE_SOLUTION, to: 'solutionProposed', event: 'solutionProposed' },
  'accept-solution': { from: ['solutionProposed'], to: null, event: 'solutionAccepted' },
  'file-appeal': { from: ['solutionProposed'], to: 'appealFiled', event: 'appealFiled' },
  'decide-appeal': { from: ['appealFiled'], to: 'appealDecided', event: 'appealDecided' },
  close: { from: NOT_CLOSED, to: 'closed', event: 'closed' },
  reopen: { from: ['closed'], to: 'inProgress', event: 'reopened' },
  'record-satisfaction': { from: ['closed'], to: null, event: 'satisfaction' },
  'request-erasure': { from: STATUSES, to: null, event: 'erasureRequested' },
  update: { from: STATUSES, to: null, event: 'updated' },
  // An internal note for the case file (text and documents): staff only, at any time.
  'add-note': { from: STATUSES, to: null, event: 'noteAdded' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status | null; event: string }>;

export type Action = keyof typeof TRANSITIONS;
export const ACTIONS = Object.keys(TRANSITIONS) as Action[];

export function allowedActions(status: Status): Action[] {
  return ACTIONS.filter((action) =>
    (TRANSITIONS[action].from as readonly Status[]).includes(status),
  );
}

const text = (max: number) => plainText(max);
const optionId = z.string().trim().min(1).max(60);

/** The body of each action; the contract's fields plus what the registers ask for. */
export const ACTION_BODIES = {
  acknowledge: z.strictObject({}),
  'record-acknowledgement': z.strictObject({}),
  forward: z
    .strictObject({
      /**
       * The staff account that handles it (`GET …/staff` lists them): its holder may then take
       * the handling steps, and the notice goes to its address.
       */
      handlerId: z.string().min(1).max(100).optional(),
      /** Or the name of a handler without an account, whom no account may stand in for. */
      handler: text(200).optional(),
      /** Where the notice to a handler without an account goes; without it nobody is e-mailed. */
      handlerEmail: z.email().optional(),
    })
    .superRefine((body, ctx) => {
      if (body.handlerId === undefined && body.handler === undefined) {
        ctx.addIssue({ code: 'custom', path: ['handlerId'], message: '@required' });
      }
      // An account brings its own name and address.
      for (const field of ['handler', 'handlerEmail'] as const) {
        if (body.handlerId !== undefined && body[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: '@handlerAccountGiven' });
        }
      }
    }),
  respond: z.strictObject({ message: text(10_000) }),
  postpone: z.strictObject({
    weeks: z.number().int().min(1).max(52),
    reason: text(2_000),
    /** The term to postpone; defaults to the first postponable term not yet met. */
    term: z.string().max(64).optional(),
    /** When the complainant was told; defaults to today. */
    announcedOn: isoDateSchema.optional(),
    /** Awb 9:11 lid 3: the complainant's written consent, needed for a further postponement. */
    consent: z.strictObject({ givenOn: isoDateSchema, how: z.enum(CONSENT_WAYS) }).optional(),
  }),
  decline: z.strictObject({ ground: z.enum(DECLINE_GROUNDS), reason: text(5_000) }),
  'invite-hearing': z.strictObject({
    on: isoDateSchema,
    /** A time of day, "14:30". */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    mode: z.enum(HEARING_MODES),
    /** The address, or how the call is made. */
    place: text(500),
  }),
  'record-hearing': z.strictObject({
    heldOn: isoDateSchema,
    attendees: text(2_000),
    report: text(20_000),
  }),
  'waive-hearing': z.strictObject({ ground: z.enum(WAIVE_GROUNDS), reason: text(2_000) }),
  'record-advice': z.strictObject({
    advisedOn: isoDateSchema,
    advice: text(20_000),
    /** The judgement the committee recommends. */
    classification: optionId.optional(),
  }),
  'propose-solution': z.strictObject({
    proposedSolution: text(10_000),
    cause: text(5_000).optional(),
    remedy: optionId.optional(),
  }),
  'accept-solution': z.strictObject({}),
  'file-appeal': z.strictObject({ grounds: text(10_000) }),
  'decide-appeal': z.strictObject({ decision: text(10_000), upheld: z.boolean().optional() }),
  close: z.strictObject({
    classification: optionId.optional(),
    admissible: z.boolean().optional(),
    remedy: optionId.optional(),
    cause: text(5_000).optional(),
    summary: text(5_000).optional(),
    preventiveMeasures: text(5_000).optional(),
    /** From when the preventive measures take effect. */
    measuresEffectiveOn: isoDateSchema.optional(),
    satisfied: z.boolean().optional(),
    /** Awb 9:15 lid 3: why the decision departs from the committee's advice. */
    deviationReason: text(5_000).optional(),
  }),
  reopen: z.strictObject({ reason: text(2_000).optional() }),
  'record-satisfaction': z.strictObject({
    satisfied: z.boolean(),
    comment: text(2_000).optional(),
  }),
  'request-erasure': z.strictObject({}),
  update: z.strictObject({
    category: optionId.nullable().optional(),
    cause: text(5_000).optional(),
    subject: text(200).optional(),
    receiverName: text(200).optional(),
    /** Whether the complaint is admissible, recorded as soon as it is known. */
    admissible: z.boolean().nullable().optional(),
  }),
  'add-note': z.strictObject({ note: text(10_000) }),
} as const satisfies Record<Action, z.ZodType>;
