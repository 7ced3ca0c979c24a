import { and, eq, sql } from 'drizzle-orm';
import type { SubmitResponse } from '../../shared/api';
import type { ComplaintSubmission } from '../../shared/complaint';
import { amsterdamDate, computeDueDates, makeCalendar } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import { seal, sha256Hex, unseal } from '../crypto';
import type { Db } from '../db/client';
import { attachments, complaints, deadlines, events, outbox, trackingTokens } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { Actor, TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import { mintTrackingToken, trackingUrl } from '../tracking/tokens';
import { attachmentRows, type IncomingFile } from './attachments';
import { deadlineViews } from './complaint-view';

export interface SubmitInput {
  tenant: TenantRecord;
  actor: Actor;
  data: ComplaintSubmission;
  idempotencyKey: string | null;
  now: Date;
  locale: Locale;
  /** Base of tracking links, e.g. https://klacht.example.nl */
  linkBase: string;
  /** Files already checked by content (checkAttachments). */
  files?: IncomingFile[];
}

export function actorName(actor: Actor): string {
  if (actor.kind === 'staff') return `staff:${actor.name}`;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return actor.kind === 'apiKey' ? `apiKey:${actor.label}` : 'complainant';
}

/**
 * Registers a complaint: the complaint with its per-tenant, per-year number, its deadlines, the
 * `received` event and the acknowledgement in the outbox are one atomic batch, so a 201 means
 * all of it is stored. The number is taken inside that batch (MAX+1 under SQLite's write lock),
 * so concurrent submissions get consecutive numbers without gaps.
 */
async function requestHashes(input: SubmitInput) {
  const files = input.files ?? [];
  // The files are part of the request: the same key with other files is another request.
  const requestHash = await sha256Hex(
    JSON.stringify(
      files.length > 0
        ? { data: input.data, files: files.map((f) => [f.name, f.sha256]) }
        : input.data,
    ),
  );
  const idempotencyHash = input.idempotencyKey
    ? await sha256Hex(`${input.tenant.id}:${input.idempotencyKey}`)
    : null;
  return { requestHash, idempotencyHash };
}

/**
 * The first answer to this Idempotency-Key and body, if there was one. Checked before the spam
 * checks too, so a retry is answered as the first request was, not refused as a repeat.
 */
export async function earlierSubmission(db: Db, input: SubmitInput) {
  const { requestHash, idempotencyHash } = await requestHashes(input);
  if (!idempotencyHash || !input.idempotencyKey) return null;
  return replay(db, input, idempotencyHash, input.idempotencyKey, requestHash);
}

export async function submitComplaint(db: Db, input: SubmitInput): Promise<SubmitResponse> {
  const { tenant, data, now } = input;
  const files = input.files ?? [];
  const { requestHash, idempotencyHash } = await requestHashes(input);
  if (idempotencyHash && input.idempotencyKey) {
    const earlier = await replay(db, input, idempotencyHash, input.idempotencyKey, requestHash);
    if (earlier) return earlier;
  }

  const receivedAt = data.receivedAt ? new Date(data.receivedAt) : now;
  const receivedDate = amsterdamDate(receivedAt);
  const registeredAt = now.toISOString();
  const year = Number(amsterdamDate(now).slice(0, 4));
  const calendar = makeCalendar(tenant.procedure.calendar);
  const due = computeDueDates(tenant.procedure.terms, { received: receivedDate }, calendar);

  const id = crypto.randomUUID();
  const { token, row: tokenRow } = await mintTrackingToken(tenant.id, id);
  const link = trackingUrl(input.linkBase, token);
  const nextSeq = sql`(SELECT COALESCE(MAX(${complaints.seq}), 0) + 1 FROM ${complaints}
    WHERE ${complaints.tenantId} = ${tenant.id} AND ${complaints.year} = ${year})`;
  const channel = data.channel ?? 'web';
  const email = data.complainant.email ?? null;

  const statements = [
    db
      .insert(complaints)
      .values({
        id,
        tenantId: tenant.id,
        year,
        seq: nextSeq,
        number: sql`printf('%d-%04d', ${year}, ${nextSeq})`,
        status: 'received',
        channel,
        receivedAt: receivedAt.toISOString(),
        receivedDate,
        registeredAt,
        registeredDate: amsterdamDate(now),
        nextDueDate:
          Object.entries(due)
            .filter(([term]) => tenant.procedure.terms[term]?.metBy !== 'received')
            .map(([, d]) => d.date)
            .sort()[0] ?? null,
        category: data.category ?? null,
        idempotencyKeyHash: idempotencyHash,
        requestHash,
        replaySealed:
          input.idempotencyKey !== null
            ? await seal(token, replaySecret(input.idempotencyKey, requestHash))
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
      })
      .returning({ number: complaints.number }),
    db.insert(events).values({
      id: crypto.randomUUID(),
      complaintId: id,
      tenantId: tenant.id,
      seq: 1,
      type: 'received',
      at: registeredAt,
      actor: actorName(input.actor),
      data: { channel, receivedAt: receivedAt.toISOString() },
      pdData: data.receiverName ? { receiverName: data.receiverName } : null,
    }),
  ] as const;
  const deadlineRows = Object.entries(due).map(([term, detail]) => ({
    complaintId: id,
    tenantId: tenant.id,
    term,
    dueDate: detail.date,
    detail,
    // Registering the complaint is itself the event that meets a "registered within" term.
    ...(tenant.procedure.terms[term]?.metBy === 'received'
      ? { metAt: registeredAt, metDate: amsterdamDate(now) }
      : { metAt: null, metDate: null }),
    postponed: false,
  }));
  const extra = [
    db.insert(trackingTokens).values(tokenRow),
    ...(deadlineRows.length > 0 ? [db.insert(deadlines).values(deadlineRows)] : []),
    ...(files.length > 0
      ? [db.insert(attachments).values(attachmentRows(tenant.id, id, files))]
      : []),
    // Staff who asked to hear of every new complaint.
    ...(tenant.procedure.notifications?.staff?.received ?? []).map((to) =>
      db.insert(outbox).values({
        id: crypto.randomUUID(),
        tenantId: tenant.id,
        complaintId: id,
        kind: 'staff:received',
        status: 'pending',
        pdRecipient: to,
        pdPayload: { eventSeq: 1, locale: tenant.procedure.locale },
      }),
    ),
    ...(email
      ? [
          db.insert(outbox).values({
            id: crypto.randomUUID(),
            tenantId: tenant.id,
            complaintId: id,
            kind: 'acknowledgement',
            status: 'pending',
            pdRecipient: email,
            // The link is only known now (its token is stored hashed); the rest is read at send time.
            pdPayload: { trackingUrl: link, locale: input.locale },
          }),
        ]
      : []),
  ];

  let number: string;
  try {
    const [inserted] = await db.batch([...statements, ...extra]);
    number = inserted[0]?.number ?? '';
  } catch (err) {
    // Two requests with one Idempotency-Key raced: the first one won; answer as it did.
    if (idempotencyHash && input.idempotencyKey && isUniqueViolation(err)) {
      const earlier = await replay(db, input, idempotencyHash, input.idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    throw err;
  }
  return {
    number,
    receivedAt: receivedAt.toISOString(),
    due: Object.fromEntries(deadlineRows.map((d) => [d.term, d.dueDate])),
    deadlines: deadlineViews(deadlineRows, tenant.procedure, input.locale, true),
    trackingUrl: link,
  };
}

// Only a client that sends the same key and the same body can recover the tracking token, so
// the database never holds a usable token (nor the key: only its hash).
function replaySecret(idempotencyKey: string, requestHash: string): string {
  return `klacht-replay:${idempotencyKey}:${requestHash}`;
}

async function replay(
  db: Db,
  input: SubmitInput,
  idempotencyHash: string,
  idempotencyKey: string,
  requestHash: string,
): Promise<SubmitResponse | null> {
  const row = await db.query.complaints.findFirst({
    where: and(
      eq(complaints.tenantId, input.tenant.id),
      eq(complaints.idempotencyKeyHash, idempotencyHash),
    ),
  });
  if (!row) return null;
  if (row.requestHash !== requestHash) throw new ApiError(422, 'idempotency_key_reused');
  const token = row.replaySealed
    ? await unseal(row.replaySealed, replaySecret(idempotencyKey, requestHash))
    : null;
  const rows = await db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  return {
    number: row.number,
    receivedAt: row.receivedAt,
    due: Object.fromEntries(rows.map((d) => [d.term, d.dueDate])),
    deadlines: deadlineViews(rows, input.tenant.procedure, input.locale, true),
    trackingUrl: trackingUrl(input.linkBase, token ?? ''),
  };
}
