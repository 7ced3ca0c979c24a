import { and, asc, eq } from 'drizzle-orm';
import { appealWindowEnds } from '../../shared/appeal-window';
import type { DueDate } from '../../shared/deadlines';
import { amsterdamDate } from '../../shared/deadlines';
import { allowedActions, type Status } from '../../shared/lifecycle';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import type { Procedure } from '../../shared/procedure';
import { complaintsOfficerSentence } from '../../shared/statutory';
import type { Db } from '../db/client';
import { type complaints, deadlines, events } from '../db/schema';

export const STATUS_LABELS: Record<Status, Record<Locale, string>> = {
  received: { nl: 'Ontvangen', en: 'Received' },
  acknowledged: { nl: 'Ontvangst bevestigd', en: 'Acknowledged' },
  forwarded: { nl: 'In behandeling genomen', en: 'Taken into handling' },
  inProgress: { nl: 'In behandeling', en: 'In progress' },
  solutionProposed: { nl: 'Oplossing voorgesteld', en: 'Solution proposed' },
  appealFiled: { nl: 'In beroep', en: 'Under appeal' },
  appealDecided: { nl: 'Uitspraak in beroep gedaan', en: 'Appeal decided' },
  closed: { nl: 'Afgehandeld', en: 'Closed' },
};

const EVENT_LABELS: Record<string, Record<Locale, string>> = {
  received: { nl: 'Klacht ontvangen', en: 'Complaint received' },
  acknowledged: { nl: 'Ontvangst bevestigd', en: 'Receipt acknowledged' },
  responded: { nl: 'Reactie gestuurd', en: 'Response sent' },
  postponed: { nl: 'Afhandeling verdaagd', en: 'Handling postponed' },
  solutionProposed: { nl: 'Oplossing voorgesteld', en: 'Solution proposed' },
  solutionAccepted: { nl: 'U ging akkoord met de oplossing', en: 'You accepted the solution' },
  appealFiled: { nl: 'Beroep ingesteld', en: 'Appeal filed' },
  appealDecided: { nl: 'Uitspraak in beroep', en: 'Decision on the appeal' },
  closed: { nl: 'Klacht afgehandeld', en: 'Complaint closed' },
  reopened: { nl: 'Klacht heropend', en: 'Complaint reopened' },
  declined: { nl: 'Klacht niet in behandeling genomen', en: 'Complaint not handled' },
  hearingInvited: { nl: 'Uitgenodigd om te worden gehoord', en: 'Invited to be heard' },
};

// Only these texts of the timeline are meant for the complainant.
const PUBLIC_TEXT: Record<string, string> = {
  responded: 'message',
  postponed: 'reason',
  solutionProposed: 'proposedSolution',
  appealDecided: 'decision',
  declined: 'reason',
  hearingInvited: 'place',
};

type ComplaintRow = typeof complaints.$inferSelect;

/** What the holder of a tracking link may see: no staff notes, no internal steps. */
export async function trackingView(
  db: Db,
  row: ComplaintRow,
  tenantName: string,
  procedure: Procedure,
  locale: Locale,
  now: Date,
) {
  const [deadlineRows, eventRows] = await Promise.all([
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) }),
    db.query.events.findMany({
      where: and(eq(events.complaintId, row.id), eq(events.public, true)),
      orderBy: asc(events.seq),
    }),
  ]);
  const status = row.status as Status;
  const allowed = allowedActions(status);
  const proposedAt = [...eventRows].reverse().find((e) => e.type === 'solutionProposed')?.at;
  const windowEnds = proposedAt
    ? appealWindowEnds(amsterdamDate(new Date(proposedAt)), procedure.appeal.windowDays)
    : null;
  const accepted = eventRows.some((e) => e.type === 'solutionAccepted');
  return {
    number: row.number,
    organisation: tenantName,
    status,
    statusLabel: STATUS_LABELS[status][locale],
    receivedAt: row.receivedAt,
    deadlines: deadlineRows
      .filter((d) => own(procedure.terms, d.term)?.public !== false)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((d) => ({
        term: d.term,
        label: own(procedure.terms, d.term)?.label[locale] ?? d.term,
        date: d.dueDate,
        explanation: (d.detail as DueDate).explanation[locale],
        met: d.metAt !== null,
      })),
    timeline: eventRows
      .filter((e) => EVENT_LABELS[e.type])
      .map((e) => {
        const field = PUBLIC_TEXT[e.type];
        const text = field ? ((e.pdData as Record<string, string> | null)?.[field] ?? null) : null;
        return { type: e.type, label: EVENT_LABELS[e.type]?.[locale] ?? e.type, at: e.at, text };
      }),
    proposedSolution: row.pdProposedSolution,
    canAccept: allowed.includes('accept-solution') && !accepted,
    canAppeal:
      procedure.appeal.enabled &&
      allowed.includes('file-appeal') &&
      !accepted &&
      windowEnds !== null &&
      amsterdamDate(now) <= windowEnds,
    appealWindowEnds: procedure.appeal.enabled ? windowEnds : null,
    appealBody: procedure.appeal.enabled ? (procedure.appeal.body?.role[locale] ?? null) : null,
    canRateSatisfaction: status === 'closed' && !row.declined,
    complaintsOfficer: procedure.complaintsOfficer
      ? complaintsOfficerSentence(procedure.complaintsOfficer, locale)
      : null,
    satisfied: row.satisfied,
  };
}

export type TrackingView = Awaited<ReturnType<typeof trackingView>>;
