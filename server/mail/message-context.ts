import { amsterdamDate, type DueDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { complaints } from '../db/schema';
import type { MessageContext } from './message-values';

/** The events that say whether a proposed solution is still open to appeal. */
export const PROPOSAL_EVENTS = [
  'solutionProposed',
  'solutionAccepted',
  'appealFiled',
  'reopened',
] as const;

/** What a message is written from: the complaint as the step left it, and the step itself. */
export interface MessageSources {
  kind: string;
  locale: Locale;
  tenant: { name: string; procedure: Procedure };
  complaint: Pick<
    typeof complaints.$inferSelect,
    | 'number'
    | 'pdDescription'
    | 'handler'
    | 'pdComplainantName'
    | 'receivedDate'
    | 'pdSummary'
    | 'pdProposedSolution'
    | 'classification'
    | 'remedy'
    | 'pdPreventiveMeasures'
    | 'measuresEffectiveOn'
  >;
  deadlines: { term: string; dueDate: string; detail: unknown }[];
  /** The complaint's events in order (only their type and moment are read). */
  timeline: { type: string; at: string }[];
  /** The event that caused the message. */
  event?: { at: string; data?: unknown; pdData?: unknown } | null;
  trackingUrl?: string;
  term?: string;
  unconfirmedAddress?: boolean;
  /** The day it is written (Amsterdam date). */
  today: string;
  signedBy?: { name: string; role?: string };
}

/**
 * The context a message's text is written from: the same whether it is written when its step is
 * recorded (from what the step has at hand) or, for a message queued before messages were kept
 * as written, when it is sent (from the database).
 */
export function messageContextOf(s: MessageSources): MessageContext {
  const { complaint } = s;
  // The appeal route stays open after a proposal until it is accepted or an appeal is filed.
  const last = s.timeline
    .filter((e) => (PROPOSAL_EVENTS as readonly string[]).includes(e.type))
    .at(-1);
  const openProposalOn =
    last?.type === 'solutionProposed' ? amsterdamDate(new Date(last.at)) : null;
  return {
    kind: s.kind,
    locale: s.locale,
    tenantName: s.tenant.name,
    procedure: s.tenant.procedure,
    number: complaint.number,
    complaint: {
      description: complaint.pdDescription,
      handler: complaint.handler,
      complainantName: complaint.pdComplainantName,
      receivedDate: complaint.receivedDate,
      summary: complaint.pdSummary,
      proposedSolution: complaint.pdProposedSolution,
      classification: complaint.classification,
      remedy: complaint.remedy,
      preventiveMeasures: complaint.pdPreventiveMeasures,
      measuresEffectiveOn: complaint.measuresEffectiveOn,
      openProposalOn,
    },
    deadlines: s.deadlines.map((d) => ({
      term: d.term,
      dueDate: d.dueDate,
      detail: d.detail as DueDate,
    })),
    eventText: (s.event?.pdData ?? {}) as Record<string, string>,
    eventData: (s.event?.data ?? {}) as Record<string, unknown>,
    ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}),
    ...(s.term ? { term: s.term } : {}),
    unconfirmedAddress: s.unconfirmedAddress ?? false,
    today: s.today,
    ...(s.event ? { eventDate: amsterdamDate(new Date(s.event.at)) } : {}),
    ...(s.signedBy ? { signedBy: s.signedBy } : {}),
  };
}
