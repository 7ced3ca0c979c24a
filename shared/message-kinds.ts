import { MAX_TERMS } from './deadlines/schema';

/**
 * The messages a complainant gets, and the placeholders a tenant's own wording of each may use
 * (`{number}`, …), with the longest value each can take. Zod-free, so the schema, the server and
 * any editor share one list.
 */

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

/**
 * The longest text of a message (its text part, signature included), in characters. A tenant's
 * wording that could render longer is refused when it is saved (422 naming the field), its worst
 * case worked out from `PLACEHOLDER_MAX`: a body of `{message}` a thousand times over, filled
 * with a response of 10,000 characters, made a message of 11 MB and a PDF letter of 36 s of
 * CPU. It holds the longest built-in message (a closing letter, about 24,000) with room to
 * spare; its HTML part is at most five times as long (every character escaped).
 */
export const MAX_MESSAGE_CHARS = 32_000;

/** The longest subject of a message, in characters, and one line (it becomes a mail header). */
export const MAX_SUBJECT_CHARS = 300;

/** The longest public origin (PUBLIC_URL) a tracking link is made from, in characters. */
export const MAX_PUBLIC_URL_CHARS = 200;

/** The longest line of `{deadlines}`: a term's label, its date and why (cut beyond it). */
export const MAX_DEADLINE_LINE_CHARS = 1_000;

/**
 * Room in `MAX_MESSAGE_CHARS` around the text: the salutation (a name of at most 200
 * characters), the closing and who signs (a name, a function and the organisation, 100 each).
 */
export const SIGNATURE_CHARS = 600;

const LONG_DATE = 40;

/**
 * The longest value of each placeholder, in characters, from the limits of what fills it: the
 * fields' schemas (a response 10,000, a reason 5,000, a label 500, …) and the fixed sentences
 * around them. A value is cut to it when a message is written, so it is a bound, not a guess.
 */
export const PLACEHOLDER_MAX: Record<Placeholder, number> = {
  number: 20,
  organisation: 200,
  complainantName: 200,
  receivedDate: LONG_DATE,
  today: LONG_DATE,
  trackingUrl: MAX_PUBLIC_URL_CHARS + '/track/'.length + 43,
  deadlines: MAX_TERMS * (MAX_DEADLINE_LINE_CHARS + 1),
  description: 300,
  retentionYears: 3,
  complaintsOfficer: 850,
  message: 10_000,
  weeks: 2,
  reason: 5_000,
  newDate: LONG_DATE,
  ground: 200,
  referral: 2_100,
  hearingOn: LONG_DATE + 10,
  hearingPlace: 550,
  proposedSolution: 10_000,
  appealRoute: 700,
  appealWindowEnds: LONG_DATE,
  appealBody: 500,
  decision: 10_000,
  judgement: 500,
  summary: 5_000,
  remedy: 500,
  measures: 5_000,
  measuresEffectiveOn: LONG_DATE,
  deviation: 5_300,
};

export type Placeholder =
  | (typeof COMMON_PLACEHOLDERS)[number]
  | (typeof MESSAGE_KINDS)[MessageKind]['own'][number];
export const MESSAGE_KIND_NAMES = Object.keys(MESSAGE_KINDS) as MessageKind[];

export function placeholdersOf(kind: MessageKind): readonly string[] {
  return [...COMMON_PLACEHOLDERS, ...MESSAGE_KINDS[kind].own];
}

/** The `{name}` placeholders a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

const PLACEHOLDER = /\{(\w+)\}/g;

const maxOf = (name: string) =>
  Object.hasOwn(PLACEHOLDER_MAX, name) ? PLACEHOLDER_MAX[name as Placeholder] : 0;

/**
 * The most characters a text can have once its placeholders are filled: its own characters and
 * each placeholder at its longest (an unknown one fills in nothing).
 */
export function worstCaseLength(text: string): number {
  let length = text.length;
  for (const match of text.matchAll(PLACEHOLDER)) {
    length += maxOf(match[1] as string) - match[0].length;
  }
  return length;
}

/**
 * Fills `{name}` placeholders; an unknown or empty one leaves nothing behind. The result stops
 * at `max` characters, so a wording saved before its worst case was checked still writes a
 * bounded message; a tracking link that does not fit whole is left out, never cut.
 */
export function fillPlaceholders(
  text: string,
  values: Record<string, string>,
  max = Number.POSITIVE_INFINITY,
): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const value = Object.hasOwn(values, name) ? (values[name] as string) : '';
    out += text.slice(from, match.index) + value;
    from = match.index + match[0].length;
    if (out.length >= max) return clip(out, max, value, name);
  }
  out += text.slice(from);
  return out.length > max ? clip(out, max, '', '') : out;
}

function clip(out: string, max: number, last: string, name: string): string {
  if (name === 'trackingUrl' && out.length > max) out = out.slice(0, out.length - last.length);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/**
 * A text as one line for a subject (a mail header): line breaks, other control characters and
 * the line and paragraph separators become a space, so no value can start a header of its own.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
