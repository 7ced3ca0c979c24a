/**
 * The messages a complainant gets, and the placeholders a tenant's own wording of each may use
 * (`{number}`, …). Zod-free, so the schema, the server and any editor share one list.
 */
import { own } from './own-keys';

/** Placeholders every message may use. */
export const COMMON_PLACEHOLDERS = [
  'number',
  'organisation',
  'complainantName',
  'receivedDate',
  'today',
  'trackingUrl',
] as const;

/**
 * Each kind's own placeholders, and which of them its text must contain: a decision that leaves
 * out what was decided, or an acknowledgement without its number, is not the letter the law
 * asks for.
 */
export const MESSAGE_KINDS = {
  acknowledgement: {
    own: ['deadlines', 'description', 'retentionYears', 'complaintsOfficer'],
    required: ['number'],
  },
  response: { own: ['message'], required: ['message'] },
  postponement: { own: ['weeks', 'reason', 'newDate'], required: ['newDate'] },
  declined: { own: ['ground', 'reason', 'referral'], required: ['ground', 'reason'] },
  hearingInvitation: {
    own: ['hearingOn', 'hearingPlace'],
    required: ['hearingOn', 'hearingPlace'],
  },
  solutionProposed: {
    own: ['proposedSolution', 'appealRoute', 'appealWindowEnds'],
    required: ['proposedSolution'],
  },
  appealFiled: { own: ['appealBody', 'deadlines'], required: ['number'] },
  appealDecision: {
    own: ['decision', 'judgement', 'referral'],
    required: ['decision', 'judgement'],
  },
  closing: {
    own: [
      'summary',
      'judgement',
      'remedy',
      'measures',
      'measuresEffectiveOn',
      'referral',
      'appealRoute',
      'deviation',
    ],
    required: ['summary', 'judgement', 'referral'],
  },
} as const satisfies Record<string, { own: readonly string[]; required: readonly string[] }>;

export type MessageKind = keyof typeof MESSAGE_KINDS;
export const MESSAGE_KIND_NAMES = Object.keys(MESSAGE_KINDS) as MessageKind[];

export function placeholdersOf(kind: MessageKind): readonly string[] {
  return [...COMMON_PLACEHOLDERS, ...MESSAGE_KINDS[kind].own];
}

/** The `{name}` placeholders a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** Fills `{name}` placeholders; an empty value leaves nothing behind. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => own(values, name) ?? '');
}
