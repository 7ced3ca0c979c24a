import { appealWindowEnds } from '../../shared/appeal-window';
import { type DueDate, formatDate, formatLongDate } from '../../shared/deadlines';
import type { Referral } from '../../shared/letters';
import type { Locale } from '../../shared/localised';
import {
  MAX_DEADLINE_LINE_CHARS,
  PLACEHOLDER_MAX,
  type Placeholder,
} from '../../shared/message-kinds';
import { own } from '../../shared/own-keys';
import type { Procedure } from '../../shared/procedure';
import {
  complaintsOfficerSentence,
  DECLINE_GROUND_LABELS,
  type DeclineGround,
  HEARING_MODE_LABELS,
} from '../../shared/statutory';

/** Everything a message may mention, read when it is written (an erased complaint sends nothing). */
export interface MessageContext {
  kind: string;
  locale: Locale;
  tenantName: string;
  procedure: Procedure;
  number: string;
  /** The complaint's registered fields that messages quote. */
  complaint: {
    description: string | null;
    handler: string | null;
    complainantName: string | null;
    receivedDate: string;
    summary: string | null;
    /** The solution proposed before closing (wenb records no summary of its own). */
    proposedSolution?: string | null;
    classification: string | null;
    remedy: string | null;
    preventiveMeasures: string | null;
    measuresEffectiveOn: string | null;
    /** When the latest solution was proposed, if one was and no appeal followed. */
    openProposalOn: string | null;
  };
  deadlines: { term: string; dueDate: string; detail: DueDate }[];
  /** The free text of the event that caused the message (a response, a reason, a decision…). */
  eventText: Record<string, string>;
  eventData: Record<string, unknown>;
  trackingUrl?: string;
  /** For reminders and escalations: the term concerned. */
  term?: string;
  /**
   * The message goes to an e-mail address nobody has shown to be the complainant's (a web form
   * or an e-mail anyone could send): it quotes nothing the sender wrote, not even their name.
   */
  unconfirmedAddress?: boolean;
  /** The day the message is written (Amsterdam date). */
  today: string;
  /** The day of the step that caused it (the decision's date); `today` when none. */
  eventDate?: string;
  /** Who signs it: the staff member who took the step (and their function), when known. */
  signedBy?: { name: string; role?: string };
}

export function excerpt(text: string | null, max = 300): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const NUMBERS_NL = ['', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes'];
const NUMBERS_EN = ['', 'one', 'two', 'three', 'four', 'five', 'six'];
const UNITS = {
  weeks: { nl: ['week', 'weken'], en: ['week', 'weeks'] },
  months: { nl: ['maand', 'maanden'], en: ['month', 'months'] },
  years: { nl: ['jaar', 'jaar'], en: ['year', 'years'] },
} as const;

/** "één jaar", "12 maanden", "six weeks". */
export function termInWords(
  within: { amount: number; unit: keyof typeof UNITS },
  locale: Locale,
): string {
  const words = locale === 'nl' ? NUMBERS_NL : NUMBERS_EN;
  const amount = words[within.amount] ?? String(within.amount);
  return `${amount} ${UNITS[within.unit][locale][within.amount === 1 ? 0 : 1]}`;
}

/** `date` plus a number of weeks, months or years (the 31st of a shorter month is its last day). */
export function addPeriod(date: string, within: { amount: number; unit: keyof typeof UNITS }) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (within.unit === 'weeks') {
    return new Date(Date.UTC(y, m - 1, d + 7 * within.amount)).toISOString().slice(0, 10);
  }
  const months = within.unit === 'months' ? within.amount : 12 * within.amount;
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/**
 * Where to turn after the decision, with its term and the last day of it, in a sentence:
 * `decidedOn` is the letter's date, `receivedOn` the complaint's (the term counts from one).
 */
export function referralSentence(
  referral: Referral | undefined,
  locale: Locale,
  dates: { decidedOn: string; receivedOn: string },
): string {
  if (!referral) return '';
  if (!('to' in referral)) return referral[locale];
  const contact = referral.contact ? ` (${referral.contact[locale]})` : '';
  const within = termInWords(referral.within, locale);
  const fromReceipt = referral.within.from === 'received';
  const last = formatLongDate(
    addPeriod(fromReceipt ? dates.receivedOn : dates.decidedOn, referral.within),
    locale,
  );
  if (locale === 'nl') {
    const after = fromReceipt ? 'nadat u uw klacht bij ons indiende' : 'na deze beslissing';
    return `Bent u het niet eens met deze beslissing? Dan kunt u zich wenden tot ${referral.to.nl}${contact}. Dat kan binnen ${within} ${after}, dus uiterlijk ${last}.`;
  }
  const after = fromReceipt ? 'of submitting your complaint to us' : 'of this decision';
  return `If you disagree with this decision, you may turn to ${referral.to.en}${contact}. You can do so within ${within} ${after}, that is by ${last}.`;
}

/** The due dates with their explanation, one per line (only `only`'s when given). */
export function deadlineLines(ctx: MessageContext, only?: string): string {
  return ctx.deadlines
    .filter((d) => (only ? d.term === only : own(ctx.procedure.terms, d.term)?.public !== false))
    .map((d) => {
      const label = own(ctx.procedure.terms, d.term)?.label[ctx.locale] ?? d.term;
      const date = formatDate(d.dueDate, ctx.locale);
      const by = ctx.locale === 'nl' ? 'uiterlijk' : 'by';
      return excerpt(
        `- ${label}: ${by} ${date}. ${d.detail.explanation[ctx.locale]}`,
        MAX_DEADLINE_LINE_CHARS,
      );
    })
    .join('\n');
}

const label = (
  list: { id: string; label: Record<Locale, string> }[],
  id: string | null,
  l: Locale,
) => (id ? (list.find((o) => o.id === id)?.label[l] ?? id) : '');

/** The placeholders of the statutory steps: declining, the hearing, the committee, the officer. */
function statutoryValues(ctx: MessageContext): Record<string, string> {
  const { procedure, locale, eventData, eventText } = ctx;
  const nl = locale === 'nl';
  const officer = procedure.complaintsOfficer;
  const ground = DECLINE_GROUND_LABELS[eventData.ground as DeclineGround]?.[locale] ?? '';
  const on = typeof eventData.on === 'string' ? formatLongDate(eventData.on, locale) : '';
  const time = typeof eventData.time === 'string' ? ` ${nl ? 'om' : 'at'} ${eventData.time}` : '';
  const mode = HEARING_MODE_LABELS[eventData.mode as keyof typeof HEARING_MODE_LABELS]?.[locale];
  return {
    complaintsOfficer: officer ? complaintsOfficerSentence(officer, locale) : '',
    ground,
    hearingOn: on ? `${on}${time}` : '',
    hearingPlace: eventText.place ? `${mode ? `${mode}: ` : ''}${eventText.place}` : '',
    deviation: eventText.deviationReason
      ? nl
        ? `Wij wijken af van het advies van ${procedure.committee?.name ?? 'de klachtencommissie'}, omdat: ${eventText.deviationReason}`
        : `We depart from the advice of ${procedure.committee?.name ?? 'the complaints committee'} because: ${eventText.deviationReason}`
      : '',
  };
}

/** Who a letter greets when the name is not the reader's to see ("Geachte heer/mevrouw"). */
const SALUTATION = { nl: 'heer/mevrouw', en: 'Sir or Madam' } as const;

/** The value of every placeholder of a message (see shared/message-kinds.ts), '' when none. */
export function messageValues(ctx: MessageContext): Record<string, string> {
  const { procedure, complaint: c, locale } = ctx;
  const nl = locale === 'nl';
  const appeal = procedure.appeal;
  const windowEnds =
    appeal.enabled && c.openProposalOn ? appealWindowEnds(c.openProposalOn, appeal.windowDays) : '';
  // A window that has passed is no route any more.
  const appealOpen = windowEnds !== '' && windowEnds >= ctx.today;
  const upheld = ctx.eventData.upheld;
  const decided = ctx.deadlines.find((d) => d.term === ctx.eventData.term);
  const values: Record<string, string> = {
    number: ctx.number,
    organisation: procedure.notifications?.senderName ?? ctx.tenantName,
    complainantName: ctx.unconfirmedAddress ? SALUTATION[locale] : (c.complainantName ?? ''),
    receivedDate: formatLongDate(c.receivedDate, locale),
    today: formatLongDate(ctx.today, locale),
    trackingUrl: ctx.trackingUrl ?? '',
    deadlines: deadlineLines(ctx),
    description: ctx.unconfirmedAddress ? '' : excerpt(c.description),
    retentionYears: String(procedure.retention.years),
    message: ctx.eventText.message ?? '',
    weeks: String(ctx.eventData.weeks ?? ''),
    reason: ctx.eventText.reason ?? '',
    newDate: decided ? formatDate(decided.dueDate, locale) : '',
    proposedSolution: ctx.eventText.proposedSolution ?? '',
    appealWindowEnds: windowEnds ? formatLongDate(windowEnds, locale) : '',
    appealRoute: appealOpen
      ? nl
        ? `Gaat u niet akkoord? Dan kunt u tot en met ${formatLongDate(windowEnds, 'nl')} in beroep gaan bij ${appeal.body?.role.nl}.`
        : `If you do not agree, you can appeal to the ${appeal.body?.role.en} until ${formatLongDate(windowEnds, 'en')}.`
      : '',
    appealBody: appeal.body?.role[locale] ?? '',
    decision: ctx.eventText.decision ?? '',
    judgement:
      ctx.kind === 'appealDecision'
        ? upheld === true
          ? nl
            ? 'Uw beroep is gegrond.'
            : 'Your appeal is upheld.'
          : upheld === false
            ? nl
              ? 'Uw beroep is ongegrond.'
              : 'Your appeal is dismissed.'
            : ''
        : label(procedure.classifications, c.classification, locale),
    remedy: label(procedure.remedies, c.remedy, locale),
    summary: c.summary ?? '',
    measures: c.preventiveMeasures ?? '',
    measuresEffectiveOn: c.measuresEffectiveOn ? formatLongDate(c.measuresEffectiveOn, locale) : '',
    ...statutoryValues(ctx),
  };
  // Where to turn next: the appeal while its window is open, then the external referral.
  const onward = referralSentence(procedure.referral, locale, {
    decidedOn: ctx.eventDate ?? ctx.today,
    receivedOn: c.receivedDate,
  });
  values.referral = [ctx.kind === 'closing' ? values.appealRoute : '', onward]
    .filter(Boolean)
    .join('\n\n');
  return withinBounds(values);
}

/**
 * Every value cut to its placeholder's longest (shared/message-kinds.ts), which the worst case of
 * a tenant's wording was checked against. The tracking link is ours and never cut (PUBLIC_URL is
 * bounded instead).
 */
function withinBounds(values: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(values)) {
    const max = PLACEHOLDER_MAX[name as Placeholder];
    if (name !== 'trackingUrl' && max !== undefined && value.length > max) {
      values[name] = excerpt(value, max);
    }
  }
  return values;
}
