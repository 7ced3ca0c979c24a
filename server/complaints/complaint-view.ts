import { asc, eq, sql } from 'drizzle-orm';
import type { DeadlineView } from '../../shared/api';
import type { DueDate } from '../../shared/deadlines';
import { allowedActions, type Status } from '../../shared/lifecycle';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import { attachments, type complaints, deadlines, events, outbox } from '../db/schema';

type ComplaintRow = typeof complaints.$inferSelect;
type DeadlineRow = typeof deadlines.$inferSelect;
type EventRow = typeof events.$inferSelect;

function contact(row: ComplaintRow, who: 'Complainant' | 'OnBehalfOf') {
  const get = (field: string) => row[`pd${who}${field}` as keyof ComplaintRow] as string | null;
  const details = {
    name: get('Name'),
    initials: get('Initials'),
    address: get('Address'),
    phone: get('Phone'),
    email: get('Email'),
  };
  return Object.values(details).some((v) => v !== null) ? details : null;
}

export function deadlineViews(
  rows: Pick<DeadlineRow, 'term' | 'dueDate' | 'detail'>[],
  procedure: Procedure,
  locale: Locale,
  publicOnly: boolean,
): DeadlineView[] {
  return rows
    .filter((row) => !publicOnly || own(procedure.terms, row.term)?.public !== false)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((row) => ({
      term: row.term,
      label: own(procedure.terms, row.term)?.label[locale] ?? row.term,
      date: row.dueDate,
      explanation: (row.detail as DueDate).explanation[locale],
    }));
}

/** One complaint as the register shows it: every registered field, the due dates and the timeline. */
export function complaintView(
  row: ComplaintRow,
  deadlineRows: DeadlineRow[],
  eventRows: EventRow[],
  procedure: Procedure,
  locale: Locale,
) {
  return {
    number: row.number,
    status: row.status,
    allowedActions: allowedActions(row.status as Status),
    channel: row.channel,
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    registeredAt: row.registeredAt,
    receiverName: row.pdReceiverName,
    subject: row.pdSubject,
    complainant: contact(row, 'Complainant'),
    onBehalfOf: contact(row, 'OnBehalfOf'),
    category: row.category,
    description: row.pdDescription,
    desiredSolution: row.pdDesiredSolution,
    handler: row.handler,
    handlerId: row.handlerStaffId,
    forwardedAt: row.forwardedAt,
    feedbackAt: row.feedbackAt,
    cause: row.pdCause,
    proposedSolution: row.pdProposedSolution,
    classification: row.classification,
    admissible: row.admissible,
    remedy: row.remedy,
    summary: row.pdSummary,
    preventiveMeasures: row.pdPreventiveMeasures,
    measuresEffectiveOn: row.measuresEffectiveOn,
    satisfied: row.satisfied,
    closedAt: row.closedAt,
    declined: row.declined,
    erasedAt: row.erasedAt,
    due: Object.fromEntries(deadlineRows.map((d) => [d.term, d.dueDate])),
    deadlines: deadlineViews(deadlineRows, procedure, locale, false).map((view) => {
      const row = deadlineRows.find((d) => d.term === view.term);
      return { ...view, metAt: row?.metAt ?? null, postponed: row?.postponed ?? false };
    }),
    events: eventRows.map((e) => ({
      seq: e.seq,
      type: e.type,
      public: e.public,
      at: e.at,
      actor: e.actor,
      data: { ...((e.data as object | null) ?? {}), ...((e.pdData as object | null) ?? {}) },
    })),
  };
}

/** A complaint with its case file: documents (intake, steps, notes) and correspondence. */
export async function loadView(db: Db, row: ComplaintRow, procedure: Procedure, locale: Locale) {
  const [deadlineRows, eventRows, files, messages] = await Promise.all([
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) }),
    db.query.events.findMany({ where: eq(events.complaintId, row.id), orderBy: asc(events.seq) }),
    db
      .select({
        id: attachments.id,
        name: attachments.pdFilename,
        size: attachments.size,
        type: attachments.contentType,
        source: attachments.source,
        eventSeq: attachments.eventSeq,
        addedAt: attachments.createdAt,
      })
      .from(attachments)
      .where(eq(attachments.complaintId, row.id))
      .orderBy(asc(attachments.createdAt), sql`rowid`),
    db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        channel: outbox.channel,
        status: outbox.status,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
        postedAt: outbox.postedAt,
      })
      .from(outbox)
      .where(eq(outbox.complaintId, row.id))
      .orderBy(asc(outbox.createdAt), sql`rowid`),
  ]);
  return {
    ...complaintView(row, deadlineRows, eventRows, procedure, locale),
    attachments: files,
    correspondence: messages,
  };
}

/** A register line: enough to sort and pick, without the free text. */
export function registerLine(row: ComplaintRow) {
  return {
    number: row.number,
    status: row.status,
    channel: row.channel,
    receivedAt: row.receivedAt,
    category: row.category,
    handler: row.handler,
    complainantName: row.pdComplainantName,
    nextDue: row.nextDueDate,
  };
}
