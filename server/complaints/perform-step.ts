import { and, asc, eq } from 'drizzle-orm';
import { amsterdamDate, workingDaysBetween } from '../../shared/deadlines';
import {
  ACTION_BODIES,
  type Action,
  allowedActions,
  type Status,
  TRANSITIONS,
} from '../../shared/lifecycle';
import type { Locale } from '../../shared/localised';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { attachments, complaints, deadlines, events, trackingTokens } from '../db/schema';
import type { Actor, TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import { validationError } from '../http/validation';
import { complainantRoute, queueMessage, type Route } from '../mail/outbox-rows';
import { countChanges, missedTerms } from '../reports/report-counts';
import { calendarOf } from '../tenants/derived';
import { sealLink, type TrackingLinks } from '../tracking/sealed-link';
import { mintTrackingToken, trackingUrl } from '../tracking/tokens';
import { queueStepWebhooks } from '../webhooks/events';
import { attachmentRows, type IncomingFile } from './attachments';
import { actorName, type ComplaintRow, findComplaint } from './complaint-records';
import { keyHashOf, once } from './idempotency';
import { recomputeDeadlines } from './recompute-deadlines';
import { writeStepMessage } from './step-messages';
import { handlerAccountOf } from './steps/handler-account';
import { STEP_HANDLERS } from './steps/step-table';
import { COMPLAINANT, type Effect, type StepHandler, UNCHANGED } from './steps/step-types';

export interface StepInput {
  tenant: TenantRecord;
  number: string;
  action: Action;
  body: unknown;
  actor: Actor;
  now: Date;
  locale: Locale;
  idempotencyKey: string | null;
  /** Where tracking links point; messages to the complainant then carry a fresh link, sealed. */
  links?: TrackingLinks;
  /** Documents added with the step (checked already: see checkStepFiles). */
  files?: IncomingFile[];
}

/**
 * Performs one lifecycle step, from any front door (API, admin page, tracking link, the relay):
 * the transition table says whether it may run now, the step's schema checks its body, its
 * handler (steps/step-table.ts) says what it changes and whom it tells, and the timeline event,
 * the complaint's new state, the recomputed deadlines and the outbox messages are written as
 * one batch. The event's sequence number is unique per complaint, so of two concurrent steps on
 * the same version only one is applied; a retry with the same Idempotency-Key is answered again.
 */
export async function performStep(db: Db, input: StepInput): Promise<ComplaintRow> {
  const row = await findComplaint(db, input.tenant.id, input.number);
  const keyHash = await keyHashOf(row.id, input.idempotencyKey);
  const files = input.files ?? [];
  const requestHash = await sha256Hex(
    JSON.stringify([
      input.action,
      input.body ?? {},
      ...(files.length > 0 ? [files.map((f) => f.sha256)] : []),
    ]),
  );
  return once({
    keyHash,
    requestHash,
    find: (hash) =>
      db.query.events.findFirst({
        where: and(eq(events.complaintId, row.id), eq(events.idempotencyKeyHash, hash)),
      }),
    requestHashOf: (event) => event.requestHash,
    answer: () => findComplaint(db, row.tenantId, row.number),
    write: () => apply(db, row, input, keyHash, requestHash),
    conflict: () => new ApiError(409, 'concurrent_change'),
  });
}

async function apply(
  db: Db,
  row: ComplaintRow,
  input: StepInput,
  keyHash: string | null,
  requestHash: string,
): Promise<ComplaintRow> {
  const { tenant, action, now, locale } = input;
  const transition = TRANSITIONS[action];
  const status = row.status as Status;
  if (!(transition.from as readonly Status[]).includes(status)) {
    throw new ApiError(409, 'transition_not_allowed', undefined, {
      extra: { status, allowedActions: allowedActions(status) },
    });
  }
  const parsed = ACTION_BODIES[action].safeParse(input.body ?? {}, { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error.issues, locale);

  const handlerId = action === 'forward' ? (parsed.data as { handlerId?: string }).handlerId : null;
  const [timeline, existing, handlerAccount] = await Promise.all([
    db.query.events.findMany({ where: eq(events.complaintId, row.id), orderBy: asc(events.seq) }),
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) }),
    handlerId ? handlerAccountOf(db, tenant, handlerId) : undefined,
  ]);
  const handler = STEP_HANDLERS[action] as StepHandler<Action>;
  const effect = handler(parsed.data as never, {
    row,
    tenant,
    now,
    today: amsterdamDate(now),
    locale,
    timeline,
    deadlines: existing,
    handlerAccount,
  });
  if (effect === UNCHANGED) return row;

  const at = now.toISOString();
  const seq = row.version + 1;
  const nextStatus = transition.to ?? row.status;
  const {
    writes,
    nextDue,
    terms,
    rows: deadlineRows,
  } = recomputeDeadlines(
    db,
    row,
    tenant,
    [...timeline, { type: transition.event, at, data: effect.data ?? null }],
    existing,
  );
  const closedAt = effect.changes.closedAt === undefined ? row.closedAt : effect.changes.closedAt;
  const closedDate = nextStatus === 'closed' && closedAt ? amsterdamDate(new Date(closedAt)) : null;
  const declined = effect.changes.declined ?? row.declined;
  const derived = {
    status: nextStatus,
    ...missedTerms(terms, closedDate, tenant.procedure),
    postponed: terms.some((t) => t.postponed),
    handlingDays:
      closedDate && !declined
        ? workingDaysBetween(calendarOf(tenant.procedure), row.receivedDate, closedDate)
        : null,
  };
  const after = { ...row, ...effect.changes, ...derived };
  const messages = routed(row, staffMessages(tenant, transition.event).concat(effect.messages));
  // Only hashes of tracking tokens are kept, so a message that links to the tracking page
  // carries a freshly minted token.
  const links = input.links;
  const link =
    messages.some((m) => m.toComplainant) && links
      ? await mintTrackingToken(tenant.id, row.id, complainantRoute(row)?.channel === 'email').then(
          ({ token, row: tokenRow }) => ({
            row: tokenRow,
            sealed: sealLink(trackingUrl(links.base, token), links.secretKey, row.id),
          }),
        )
      : null;
  // Each message is written now, as it will be sent and kept, from the complaint as this step
  // leaves it; a later step never changes it.
  const writing = {
    tenant,
    complaint: { ...after, version: seq },
    deadlines: deadlineRows,
    timeline: [...timeline, { type: transition.event, at }],
    event: { at, data: effect.data ?? null, pdData: effect.pdData ?? null },
    locale,
    actor: input.actor,
    now,
  };
  await db.batch([
    db.insert(events).values({
      id: newId(),
      complaintId: row.id,
      tenantId: tenant.id,
      seq,
      type: transition.event,
      at,
      actor: actorName(input.actor),
      public: !effect.internal,
      idempotencyKeyHash: keyHash,
      requestHash: keyHash ? requestHash : null,
      data: effect.data ?? null,
      pdData: effect.pdData ?? null,
    }),
    db
      .update(complaints)
      .set({
        ...effect.changes,
        ...derived,
        version: seq,
        nextDueDate: nextStatus === 'closed' ? null : nextDue,
      })
      .where(and(eq(complaints.id, row.id), eq(complaints.version, row.version))),
    ...writes,
    ...countChanges(db, tenant.id, row, after),
    ...(link ? [db.insert(trackingTokens).values(link.row)] : []),
    ...queueStepWebhooks(
      db,
      tenant.id,
      row.id,
      seq,
      nextStatus === 'closed' && row.status !== 'closed',
    ),
    ...(input.files?.length
      ? [
          db.insert(attachments).values(
            attachmentRows(tenant.id, row.id, input.files, {
              source: action === 'add-note' ? 'note' : 'step',
              eventSeq: seq,
            }),
          ),
        ]
      : []),
    ...messages.map((m) =>
      queueMessage(db, {
        tenantId: tenant.id,
        complaintId: row.id,
        kind: m.kind,
        route: m.route,
        payload: {
          eventSeq: seq,
          locale,
          ...(link && m.toComplainant ? { trackingSealed: link.sealed } : {}),
        },
        written: writeStepMessage(writing, { ...m, withLink: link !== null && m.toComplainant }),
      }),
    ),
  ] as never);
  return findComplaint(db, tenant.id, input.number);
}

/** Where each message goes: the complainant's by their route (or not at all), staff's by e-mail. */
function routed(row: ComplaintRow, messages: Effect['messages']) {
  return messages.flatMap(({ kind, to }) => {
    const route: Route | null =
      to === COMPLAINANT ? complainantRoute(row) : to ? { channel: 'email', to } : null;
    return route ? [{ kind, route, toComplainant: to === COMPLAINANT }] : [];
  });
}

/** Staff who asked to hear of this event (procedure.notifications.staff). */
function staffMessages(tenant: TenantRecord, event: string): Effect['messages'] {
  const staff = tenant.procedure.notifications?.staff ?? {};
  const addresses = (staff as Record<string, string[] | undefined>)[event] ?? [];
  return addresses.map((to) => ({ kind: `staff:${event}`, to }));
}
