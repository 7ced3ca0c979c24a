import { eq, sql } from 'drizzle-orm';
import type { SubmitResponse } from '../../shared/api';
import type { ComplaintSubmission } from '../../shared/complaint';
import { amsterdamDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import { seal, unseal } from '../crypto';
import type { Db } from '../db/client';
import { compiledWrite, insertRows, placeholders } from '../db/compiled-writes';
import { newId } from '../db/ids';
import { attachments, complaints, deadlines, events, trackingTokens } from '../db/schema';
import type { Actor, TenantRecord } from '../http/context';
import { fillNumber, NUMBER_MARK } from '../mail/frozen-message';
import { complainantRoute, queueMessage, type Route } from '../mail/outbox-rows';
import { countChanges, missedTerms } from '../reports/report-counts';
import { dueOnReceiptOf } from '../tenants/derived';
import { sealLink, type TrackingLinks } from '../tracking/sealed-link';
import { mintTrackingToken, trackingUrl } from '../tracking/tokens';
import { queueWebhook } from '../webhooks/events';
import { attachmentRows, type IncomingFile } from './attachments';
import { actorName, type ComplaintRow } from './complaint-records';
import { deadlineViews } from './complaint-view';
import { writeStepMessage } from './step-messages';

export interface NewComplaint {
  tenant: TenantRecord;
  actor: Actor;
  data: ComplaintSubmission;
  files: IncomingFile[];
  now: Date;
  locale: Locale;
  /** Where tracking links point, and the secret that seals them until they are sent. */
  links: TrackingLinks;
  idempotencyKey: string | null;
  keyHash: string | null;
  requestHash: string;
}

// Only a client that sends the same key and the same body can recover the tracking token, so
// the database never holds a usable token (nor the key: only its hash). The server secret is part
// of it too: with only the database, a short key could be guessed against the stored hash.
function replaySecret(secretKey: string, idempotencyKey: string, requestHash: string): string {
  return `klacht-replay:${idempotencyKey}:${requestHash}:${secretKey}`;
}

type ComplaintInsert = Omit<typeof complaints.$inferInsert, 'seq' | 'number'>;

/**
 * The complaint row, numbered MAX+1 of its tenant and year inside the write. Every row has the
 * keys of the one literal in recordComplaint, so the SQL built from the first serves them all.
 */
function insertComplaint(db: Db, row: ComplaintInsert) {
  return compiledWrite(
    db,
    'complaint:submit',
    () => {
      const nextSeq = sql`(SELECT COALESCE(MAX(${complaints.seq}), 0) + 1 FROM ${complaints}
        WHERE ${complaints.tenantId} = ${sql.placeholder('tenantId')}
        AND ${complaints.year} = ${sql.placeholder('year')})`;
      return db
        .insert(complaints)
        .values({
          ...placeholders(Object.keys(row) as (keyof ComplaintInsert)[]),
          seq: nextSeq,
          number: sql`printf('%d-%04d', ${sql.placeholder('year')}, ${nextSeq})`,
        })
        .returning({ number: complaints.number });
    },
    row,
  );
}

/**
 * Writes a complaint: the complaint with its per-tenant, per-year number, its deadlines, the
 * `received` event, its files, its tracking token and the messages it causes, in one batch, so a
 * 201 means all of it is stored. The number is taken inside that batch (MAX+1 under SQLite's
 * write lock), so concurrent submissions get consecutive numbers without gaps.
 */
export async function recordComplaint(db: Db, input: NewComplaint): Promise<SubmitResponse> {
  const { tenant, data, now } = input;
  const procedure = tenant.procedure;
  const receivedAt = data.receivedAt ? new Date(data.receivedAt) : now;
  const receivedDate = amsterdamDate(receivedAt);
  const registeredAt = now.toISOString();
  const registeredDate = amsterdamDate(now);
  const year = Number(registeredDate.slice(0, 4));
  const due = dueOnReceiptOf(procedure, receivedDate);

  const id = newId();
  const { token, row: tokenRow } = await mintTrackingToken(tenant.id, id);
  const link = trackingUrl(input.links.base, token);
  const channel = data.channel ?? 'web';
  const email = data.complainant.email ?? null;
  // Staff and a tenant's key took the address from the complainant; the form and e-mail intake
  // take whatever address anyone typed or forged, until a link we mailed there is opened.
  const vouched = input.actor.kind === 'staff' || input.actor.kind === 'apiKey';
  const metOnReceipt = (term: string) => own(procedure.terms, term)?.metBy === 'received';
  const deadlineRows = Object.entries(due).map(([term, detail]) => ({
    complaintId: id,
    tenantId: tenant.id,
    term,
    dueDate: detail.date,
    detail,
    // Registering the complaint is itself the event that meets a "registered within" term.
    ...(metOnReceipt(term)
      ? { metAt: registeredAt, metDate: registeredDate }
      : { metAt: null, metDate: null }),
    postponed: false,
  }));
  const counted = {
    registeredDate,
    status: 'received',
    category: data.category ?? null,
    classification: null,
    admissible: null,
    // A complaint registered late may have missed its registration term already.
    ...missedTerms(deadlineRows, null, tenant.procedure),
    declined: false,
    postponed: false,
    handlingDays: null,
  };
  // Messages are written now, as they will go out (see step-messages.ts); the number stands as a
  // mark until the batch takes it.
  const writing = {
    tenant,
    complaint: {
      number: NUMBER_MARK,
      pdDescription: data.description,
      handler: null,
      pdComplainantName: data.complainant.name ?? null,
      receivedDate,
      pdSummary: null,
      pdProposedSolution: null,
      classification: null,
      remedy: null,
      pdPreventiveMeasures: null,
      measuresEffectiveOn: null,
      emailConfirmedAt: email && vouched ? registeredAt : null,
      pdComplainantAddress: data.complainant.address ?? null,
    },
    deadlines: deadlineRows,
    timeline: [{ type: 'received', at: registeredAt }],
    event: { at: registeredAt },
    locale: input.locale,
    actor: input.actor,
    now,
  };
  const message = (
    kind: string,
    route: Route,
    payload: Record<string, unknown>,
    toComplainant = false,
  ) =>
    queueMessage(db, {
      tenantId: tenant.id,
      complaintId: id,
      kind,
      route,
      payload,
      written: writeStepMessage(writing, {
        kind,
        route,
        toComplainant,
        withLink: toComplainant,
      }),
    });
  const answerBy = complainantRoute({
    pdComplainantEmail: email,
    pdComplainantAddress: data.complainant.address ?? null,
  });
  // The acknowledgement by e-mail links with a token of its own, so that opening it shows the
  // address reads our mail; the link in the answer to this request proves nothing of the kind.
  const mailedToken =
    answerBy?.channel === 'email' ? await mintTrackingToken(tenant.id, id, true) : null;
  const ackLink = mailedToken ? trackingUrl(input.links.base, mailedToken.token) : link;

  const complaintRow: ComplaintInsert = {
    id,
    tenantId: tenant.id,
    year,
    status: 'received',
    channel,
    receivedAt: receivedAt.toISOString(),
    receivedDate,
    registeredAt,
    registeredDate,
    nextDueDate:
      deadlineRows
        .filter((d) => !metOnReceipt(d.term))
        .map((d) => d.dueDate)
        .sort()[0] ?? null,
    category: data.category ?? null,
    missed: counted.missed,
    missedStatutory: counted.missedStatutory,
    locale: input.locale,
    idempotencyKeyHash: input.keyHash,
    requestHash: input.requestHash,
    emailConfirmedAt: email && vouched ? registeredAt : null,
    replaySealed:
      input.idempotencyKey !== null
        ? seal(token, replaySecret(input.links.secretKey, input.idempotencyKey, input.requestHash))
        : null,
    pdReceiverName: data.receiverName ?? null,
    pdComplainantName: data.complainant.name ?? null,
    pdComplainantInitials: data.complainant.initials ?? null,
    pdComplainantAddress: data.complainant.address ?? null,
    pdComplainantPhone: data.complainant.phone ?? null,
    pdComplainantEmail: email,
    pdOnBehalfOfName: data.onBehalfOf?.name ?? null,
    pdOnBehalfOfInitials: data.onBehalfOf?.initials ?? null,
    pdOnBehalfOfAddress: data.onBehalfOf?.address ?? null,
    pdOnBehalfOfPhone: data.onBehalfOf?.phone ?? null,
    pdOnBehalfOfEmail: data.onBehalfOf?.email ?? null,
    pdDescription: data.description,
    pdDesiredSolution: data.desiredSolution ?? null,
  };

  const [inserted] = await db.batch([
    insertComplaint(db, complaintRow),
    insertRows(db, events, [
      {
        id: newId(),
        complaintId: id,
        tenantId: tenant.id,
        seq: 1,
        type: 'received',
        at: registeredAt,
        actor: actorName(input.actor),
        data: { channel, receivedAt: receivedAt.toISOString() },
        pdData: data.receiverName ? { receiverName: data.receiverName } : null,
      },
    ]),
    insertRows(db, trackingTokens, mailedToken ? [tokenRow, mailedToken.row] : [tokenRow]),
    queueWebhook(db, {
      tenantId: tenant.id,
      complaintId: id,
      type: 'complaint.received',
      eventSeq: 1,
    }),
    ...countChanges(db, tenant.id, null, counted),
    ...(deadlineRows.length > 0 ? [insertRows(db, deadlines, deadlineRows)] : []),
    ...(input.files.length > 0
      ? [db.insert(attachments).values(attachmentRows(tenant.id, id, input.files))]
      : []),
    // Staff who asked to hear of every new complaint.
    ...(procedure.notifications?.staff?.received ?? []).map((to) =>
      message(
        'staff:received',
        { channel: 'email', to },
        { eventSeq: 1, locale: procedure.locale },
      ),
    ),
    // The link waits sealed beside the text (its token is stored only hashed).
    ...(answerBy
      ? [
          message(
            'acknowledgement',
            answerBy,
            {
              trackingSealed: sealLink(ackLink, input.links.secretKey, id),
              locale: input.locale,
            },
            true,
          ),
        ]
      : []),
    fillNumber(db, id),
  ]);
  return {
    number: inserted[0]?.number ?? '',
    receivedAt: receivedAt.toISOString(),
    due: Object.fromEntries(deadlineRows.map((d) => [d.term, d.dueDate])),
    deadlines: deadlineViews(deadlineRows, procedure, input.locale, true),
    trackingUrl: link,
  };
}

/** The first answer to a submission again, tracking link included, for a retry of it. */
export async function answerAgain(
  db: Db,
  row: ComplaintRow,
  input: Pick<NewComplaint, 'tenant' | 'locale' | 'links' | 'idempotencyKey' | 'requestHash'>,
): Promise<SubmitResponse> {
  const token =
    row.replaySealed && input.idempotencyKey
      ? unseal(
          row.replaySealed,
          replaySecret(input.links.secretKey, input.idempotencyKey, input.requestHash),
        )
      : null;
  const rows = await db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  return {
    number: row.number,
    receivedAt: row.receivedAt,
    due: Object.fromEntries(rows.map((d) => [d.term, d.dueDate])),
    deadlines: deadlineViews(rows, input.tenant.procedure, input.locale, true),
    trackingUrl: trackingUrl(input.links.base, token ?? ''),
  };
}
