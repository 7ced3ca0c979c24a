import { and, asc, eq, or } from 'drizzle-orm';
import { appealWindowEnds } from '../../shared/appeal-window';
import type { DueDate } from '../../shared/deadlines';
import { amsterdamDate } from '../../shared/deadlines';
import { allowedActions, type Status } from '../../shared/lifecycle';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import type { Procedure } from '../../shared/procedure';
import { complaintsOfficerSentence } from '../../shared/statutory';
import type { Db } from '../db/client';
import { attachments, type complaints, deadlines, events } from '../db/schema';
import { organisationContact } from '../tenants/organisation-contact';
import { dueInWords } from './due-in-words';
import { appealInWords, judgementInWords } from './judgement';

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

const label = (options: Procedure['categories'], id: string | null, locale: Locale) =>
  id ? (options.find((o) => o.id === id)?.label[locale] ?? null) : null;

/** What the complainant sent, as they sent it: their copy on the tracking page. */
function submitted(row: ComplaintRow, procedure: Procedure, locale: Locale, files: string[]) {
  const person = (p: 'Complainant' | 'OnBehalfOf') => ({
    name: row[`pd${p}Name`],
    initials: row[`pd${p}Initials`],
    address: row[`pd${p}Address`],
    phone: row[`pd${p}Phone`],
    email: row[`pd${p}Email`],
  });
  return {
    complainant: person('Complainant'),
    onBehalfOf: row.pdOnBehalfOfName || row.pdOnBehalfOfEmail ? person('OnBehalfOf') : null,
    category: label(procedure.categories, row.category, locale),
    description: row.pdDescription,
    desiredSolution: row.pdDesiredSolution,
    files,
  };
}

/** What the holder of a tracking link may see: no staff notes, no internal steps. */
export async function trackingView(
  db: Db,
  row: ComplaintRow,
  tenant: { slug: string; name: string; publicUrl: string },
  procedure: Procedure,
  locale: Locale,
  now: Date,
) {
  // One batch: on Workers one round trip to the database for the three reads.
  const [deadlineRows, eventRows, fileRows] = await db.batch([
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) }),
    // The request for erasure is internal (staff act on it), but the page says it was made.
    db.query.events.findMany({
      where: and(
        eq(events.complaintId, row.id),
        or(eq(events.public, true), eq(events.type, 'erasureRequested')),
      ),
      orderBy: asc(events.seq),
    }),
    db
      .select({ name: attachments.pdFilename })
      .from(attachments)
      .where(and(eq(attachments.complaintId, row.id), eq(attachments.source, 'intake'))),
  ]);
  const status = row.status as Status;
  const allowed = allowedActions(status);
  const proposedAt = [...eventRows].reverse().find((e) => e.type === 'solutionProposed')?.at;
  const windowEnds = proposedAt
    ? appealWindowEnds(amsterdamDate(new Date(proposedAt)), procedure.appeal.windowDays)
    : null;
  const accepted = eventRows.some((e) => e.type === 'solutionAccepted');
  const erasure = eventRows.find((e) => e.type === 'erasureRequested');
  const closed = status === 'closed' && !row.declined;
  return {
    number: row.number,
    organisation: procedure.notifications?.senderName ?? tenant.name,
    contact: organisationContact(tenant, procedure, tenant.publicUrl),
    status,
    statusLabel: STATUS_LABELS[status][locale],
    receivedAt: row.receivedAt,
    /** The day the complaint was received (Amsterdam), which may be before it was registered. */
    receivedDate: row.receivedDate,
    deadlines: deadlineRows
      .filter((d) => own(procedure.terms, d.term)?.public !== false)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((d) => ({
        term: d.term,
        label: own(procedure.terms, d.term)?.label[locale] ?? d.term,
        date: d.dueDate,
        explanation: dueInWords(d.detail as DueDate, procedure, locale),
        met: d.metAt !== null,
      })),
    timeline: eventRows
      .filter((e) => EVENT_LABELS[e.type] && e.public)
      .map((e) => {
        const field = PUBLIC_TEXT[e.type];
        const text = field ? ((e.pdData as Record<string, string> | null)?.[field] ?? null) : null;
        const data = e.data as Record<string, unknown> | null;
        return {
          type: e.type,
          label: EVENT_LABELS[e.type]?.[locale] ?? e.type,
          at: e.at,
          // Receipt is dated by when it came in; every other step by when it was taken.
          date: e.type === 'received' ? row.receivedDate : amsterdamDate(new Date(e.at)),
          text,
          judgement: e.type === 'appealDecided' ? appealInWords(data?.upheld, locale) : null,
        };
      }),
    submitted: submitted(
      row,
      procedure,
      locale,
      fileRows.map((f) => f.name ?? ''),
    ),
    decision: closed
      ? {
          judgement: judgementInWords(procedure, row.classification, locale),
          summary: row.pdSummary,
          remedy: label(procedure.remedies, row.remedy, locale),
        }
      : null,
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
    canRateSatisfaction: closed,
    complaintsOfficer: procedure.complaintsOfficer
      ? complaintsOfficerSentence(procedure.complaintsOfficer, locale)
      : null,
    satisfied: row.satisfied,
    /** The day the complainant asked for erasure, if they did. */
    erasureRequestedOn: erasure ? amsterdamDate(new Date(erasure.at)) : null,
  };
}

export type TrackingView = Awaited<ReturnType<typeof trackingView>>;
