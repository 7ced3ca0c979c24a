import { and, asc, eq } from 'drizzle-orm';
import {
  amsterdamDate,
  computeDueDates,
  type DueDate,
  LIFECYCLE_EVENTS,
  type LifecycleEvent,
  makeCalendar,
  type Postponement,
  postpone,
} from '../../shared/deadlines';
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
import { complaints, deadlines, events, outbox, trackingTokens } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { Actor, TenantRecord } from '../http/context';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { validationError } from '../http/validation';
import { mintTrackingToken, trackingUrl } from '../tracking/tokens';
import { actorName } from './submit';

type ComplaintRow = typeof complaints.$inferSelect;
type EventRow = typeof events.$inferSelect;
type ComplaintChanges = Partial<typeof complaints.$inferInsert>;

export interface ActionInput {
  tenant: TenantRecord;
  number: string;
  action: Action;
  body: unknown;
  actor: Actor;
  now: Date;
  locale: Locale;
  idempotencyKey: string | null;
  /** Base of tracking links; messages to the complainant then carry a fresh link. */
  linkBase?: string;
}

interface Effect {
  changes: ComplaintChanges;
  data?: Record<string, unknown>;
  pdData?: Record<string, unknown>;
  /** Outbox messages: kind and recipient. */
  messages: { kind: string; to: string | null }[];
  postponement?: { term: string } & Postponement;
  /** Timeline events the complainant does not see. */
  internal?: boolean;
}

export async function findComplaint(db: Db, tenantId: string, number: string) {
  const row = await db.query.complaints.findFirst({
    where: and(eq(complaints.tenantId, tenantId), eq(complaints.number, number)),
  });
  if (!row || row.erasedAt) throw new ApiError(404, 'not_found');
  return row;
}

/**
 * Performs one lifecycle step: checks the transition table, validates the step's body against
 * the procedure, and writes the timeline event, the complaint's new state, the recomputed
 * deadlines and the outbox messages as one batch. The event's sequence number is unique per
 * complaint, so of two concurrent steps on the same version only one is applied.
 */
export async function performAction(db: Db, input: ActionInput): Promise<ComplaintRow> {
  const { tenant, action, now, locale } = input;
  const row = await findComplaint(db, tenant.id, input.number);
  const keyHash = input.idempotencyKey
    ? await sha256Hex(`${row.id}:${input.idempotencyKey}`)
    : null;
  const requestHash = await sha256Hex(JSON.stringify([action, input.body ?? {}]));
  const replayed = keyHash ? await replay(db, row, keyHash, requestHash) : null;
  if (replayed) return replayed;
  const transition = TRANSITIONS[action];
  const status = row.status as Status;
  if (!(transition.from as readonly Status[]).includes(status)) {
    throw new ApiError(409, 'transition_not_allowed', undefined, undefined, {
      status,
      allowedActions: allowedActions(status),
    });
  }
  const parsed = ACTION_BODIES[action].safeParse(input.body ?? {}, { reportInput: true });
  if (!parsed.success) throw validationError(parsed.error.issues, locale);

  const timeline = await db.query.events.findMany({
    where: eq(events.complaintId, row.id),
    orderBy: asc(events.seq),
  });
  const existing = await db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  const sinceProposal = timeline.slice(
    timeline.map((e) => e.type).lastIndexOf('solutionProposed') + 1,
  );
  const accepted = sinceProposal.some((e) => e.type === 'solutionAccepted');
  // Saying the same thing twice (a double click, a retried form) changes nothing.
  if (
    (action === 'accept-solution' && accepted) ||
    (action === 'request-erasure' && timeline.some((e) => e.type === 'erasureRequested')) ||
    (action === 'record-acknowledgement' && timeline.some((e) => e.type === 'acknowledged'))
  ) {
    return row;
  }
  // Once the complainant accepted the solution, there is nothing left to appeal against.
  if (action === 'file-appeal' && accepted) {
    throw new ApiError(409, 'transition_not_allowed', undefined, undefined, {
      status,
      allowedActions: allowedActions(status).filter((a) => a !== 'file-appeal'),
    });
  }
  const effect = applyAction(action, parsed.data as never, {
    row,
    tenant,
    now,
    locale,
    timeline,
    existing,
  });
  const at = now.toISOString();
  const eventType = transition.event;
  const changes: ComplaintChanges = {
    ...effect.changes,
    ...(transition.to ? { status: transition.to } : {}),
    version: row.version + 1,
  };

  const nextTimeline: Pick<EventRow, 'type' | 'at' | 'data'>[] = [
    ...timeline,
    { type: eventType, at, data: effect.data ?? null },
  ];
  const { writes: deadlineWrites, nextDue } = recomputeDeadlines(
    db,
    row,
    tenant,
    nextTimeline,
    existing,
  );
  changes.nextDueDate = (changes.status ?? row.status) === 'closed' ? null : nextDue;

  const messages = staffMessages(tenant, eventType)
    .concat(effect.messages)
    .filter((m) => m.to);
  // Only hashes of tracking tokens are kept, so a message that links to the tracking page
  // carries a freshly minted token.
  const toComplainant = messages.some((m) => m.to === row.pdComplainantEmail);
  const link =
    toComplainant && input.linkBase
      ? await mintTrackingToken(tenant.id, row.id).then(({ token, row: tokenRow }) => ({
          row: tokenRow,
          url: trackingUrl(input.linkBase as string, token),
        }))
      : null;
  const statements = [
    db.insert(events).values({
      id: crypto.randomUUID(),
      complaintId: row.id,
      tenantId: tenant.id,
      seq: row.version + 1,
      type: eventType,
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
      .set(changes)
      .where(and(eq(complaints.id, row.id), eq(complaints.version, row.version))),
    ...deadlineWrites,
    ...(link ? [db.insert(trackingTokens).values(link.row)] : []),
    ...messages.map((m) =>
      db.insert(outbox).values({
        id: crypto.randomUUID(),
        tenantId: tenant.id,
        complaintId: row.id,
        kind: m.kind,
        status: 'pending',
        pdRecipient: m.to,
        pdPayload: {
          eventSeq: row.version + 1,
          locale,
          ...(link && m.to === row.pdComplainantEmail ? { trackingUrl: link.url } : {}),
        },
      }),
    ),
  ] as const;
  try {
    await db.batch(statements as never);
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Our own retry that raced us is a replay; anyone else's step won, and this one is refused.
      const raced = keyHash ? await replay(db, row, keyHash, requestHash) : null;
      if (raced) return raced;
      throw new ApiError(409, 'concurrent_change');
    }
    throw err;
  }
  return findComplaint(db, tenant.id, input.number);
}

/** The complaint as it is now when this key was used before for the same step; else null. */
async function replay(db: Db, row: ComplaintRow, keyHash: string, requestHash: string) {
  const done = await db.query.events.findFirst({
    where: and(eq(events.complaintId, row.id), eq(events.idempotencyKeyHash, keyHash)),
  });
  if (!done) return null;
  if (done.requestHash !== requestHash) throw new ApiError(422, 'idempotency_key_reused');
  return findComplaint(db, row.tenantId, row.number);
}

function staffMessages(tenant: TenantRecord, event: string): Effect['messages'] {
  const staff = tenant.procedure.notifications?.staff ?? {};
  const addresses = (staff as Record<string, string[] | undefined>)[event] ?? [];
  return addresses.map((to) => ({ kind: `staff:${event}`, to }));
}

interface Context {
  row: ComplaintRow;
  tenant: TenantRecord;
  now: Date;
  locale: Locale;
  timeline: EventRow[];
  existing: (typeof deadlines.$inferSelect)[];
}

type Bodies = { [A in Action]: import('zod').infer<(typeof ACTION_BODIES)[A]> };

function fieldError(field: string, key: Parameters<typeof fieldMessage>[0], locale: Locale): never {
  throw new ApiError(422, 'validation_failed', { [field]: fieldMessage(key, locale) });
}

function checkOption(
  field: string,
  value: string | undefined,
  options: { id: string }[],
  locale: Locale,
) {
  if (value !== undefined && !options.some((o) => o.id === value))
    fieldError(field, 'choice', locale);
}

function applyAction<A extends Action>(action: A, body: Bodies[A], ctx: Context): Effect {
  const { row, tenant, now, locale } = ctx;
  const procedure = tenant.procedure;
  const complainant = row.pdComplainantEmail;
  const today = amsterdamDate(now);
  switch (action) {
    case 'acknowledge':
    case 'record-acknowledgement':
      // The acknowledgement e-mail itself was queued on receipt; this records that it went out
      // (the relay does so on delivery) or that staff confirmed receipt another way.
      return { changes: {}, messages: [] };
    case 'forward': {
      const b = body as Bodies['forward'];
      if (
        procedure.handlerMayNotBeSubject &&
        row.pdSubject &&
        row.pdSubject.trim().toLowerCase() === b.handler.trim().toLowerCase()
      ) {
        fieldError('handler', 'notSubject', locale);
      }
      return {
        changes: {
          handler: b.handler,
          handlerEmail: b.handlerEmail ?? null,
          forwardedAt: now.toISOString(),
        },
        // Names are personal data (also of staff), so they live where erasure finds them.
        pdData: { handler: b.handler },
        messages: [{ kind: 'forwarded', to: b.handlerEmail ?? null }],
        internal: true,
      };
    }
    case 'respond': {
      const b = body as Bodies['respond'];
      return {
        changes: { feedbackAt: row.feedbackAt ?? now.toISOString() },
        pdData: { message: b.message },
        messages: [{ kind: 'response', to: complainant }],
      };
    }
    case 'postpone': {
      const b = body as Bodies['postpone'];
      const candidates = Object.entries(procedure.terms).filter(([name, term]) => {
        const d = ctx.existing.find((e) => e.term === name);
        return term.postponable && d && !d.metAt && (!b.term || b.term === name);
      });
      const [name, term] = candidates[0] ?? [];
      if (!name || !term?.postponable) throw new ApiError(409, 'not_postponable');
      const current = ctx.existing.find((e) => e.term === name) as (typeof ctx.existing)[number];
      const request = { weeks: b.weeks, announcedOn: b.announcedOn ?? today, reason: b.reason };
      const result = postpone(
        current.detail as DueDate,
        request,
        term.postponable,
        makeCalendar(procedure.calendar),
        current.postponed,
      );
      if (!result.ok) {
        throw new ApiError(422, 'validation_failed', { [result.field]: result.reason[locale] });
      }
      return {
        changes: {},
        data: { term: name, weeks: b.weeks, announcedOn: request.announcedOn },
        pdData: { reason: b.reason },
        messages: [{ kind: 'postponement', to: complainant }],
        postponement: { term: name, ...request },
      };
    }
    case 'propose-solution': {
      const b = body as Bodies['propose-solution'];
      checkOption('remedy', b.remedy, procedure.remedies, locale);
      if (procedure.requiredOnProposal.includes('cause') && !b.cause && !row.pdCause) {
        fieldError('cause', 'required', locale);
      }
      return {
        changes: {
          pdProposedSolution: b.proposedSolution,
          ...(b.cause ? { pdCause: b.cause } : {}),
          ...(b.remedy ? { remedy: b.remedy } : {}),
          feedbackAt: row.feedbackAt ?? now.toISOString(),
        },
        data: b.remedy ? { remedy: b.remedy } : undefined,
        pdData: { proposedSolution: b.proposedSolution, ...(b.cause ? { cause: b.cause } : {}) },
        messages: [{ kind: 'solutionProposed', to: complainant }],
      };
    }
    case 'accept-solution':
      return { changes: {}, messages: [] };
    case 'request-erasure': {
      // Staff are told (the tenant's own address when no one is named for it); the erasure is
      // theirs to carry out (DELETE), within a month (AVG art. 12).
      const named = procedure.notifications?.staff?.erasureRequested ?? [];
      const fallback = named.length === 0 ? (procedure.notifications?.replyTo ?? null) : null;
      return {
        changes: {},
        messages: fallback ? [{ kind: 'staff:erasureRequested', to: fallback }] : [],
        internal: true,
      };
    }
    case 'file-appeal': {
      const b = body as Bodies['file-appeal'];
      if (!procedure.appeal.enabled) throw new ApiError(409, 'appeal_not_available');
      const proposed = [...ctx.timeline].reverse().find((e) => e.type === 'solutionProposed');
      const proposedOn = proposed ? amsterdamDate(new Date(proposed.at)) : today;
      const lastDay = new Date(`${proposedOn}T12:00:00Z`);
      lastDay.setUTCDate(lastDay.getUTCDate() + procedure.appeal.windowDays);
      if (today > lastDay.toISOString().slice(0, 10))
        throw new ApiError(409, 'appeal_window_closed');
      return {
        changes: {},
        pdData: { grounds: b.grounds },
        messages: [
          { kind: 'appealNotice', to: procedure.appeal.body?.email ?? null },
          { kind: 'appealFiled', to: complainant },
        ],
      };
    }
    case 'decide-appeal': {
      const b = body as Bodies['decide-appeal'];
      return {
        changes: {},
        data: b.upheld === undefined ? undefined : { upheld: b.upheld },
        pdData: { decision: b.decision },
        messages: [{ kind: 'appealDecision', to: complainant }],
      };
    }
    case 'close': {
      const b = body as Bodies['close'];
      checkOption('classification', b.classification, procedure.classifications, locale);
      checkOption('remedy', b.remedy, procedure.remedies, locale);
      const merged: Record<string, unknown> = {
        classification: b.classification ?? row.classification,
        admissible: b.admissible ?? row.admissible,
        remedy: b.remedy ?? row.remedy,
        cause: b.cause ?? row.pdCause,
        summary: b.summary ?? row.pdSummary,
        preventiveMeasures: b.preventiveMeasures ?? row.pdPreventiveMeasures,
      };
      const missing = procedure.requiredOnClose.filter(
        (f) => merged[f] === null || merged[f] === undefined,
      );
      if (missing.length > 0) {
        throw new ApiError(
          422,
          'validation_failed',
          Object.fromEntries(missing.map((f) => [f, fieldMessage('required', locale)])),
        );
      }
      return {
        changes: {
          closedAt: now.toISOString(),
          classification: merged.classification as string | null,
          admissible: merged.admissible as boolean | null,
          remedy: merged.remedy as string | null,
          pdCause: merged.cause as string | null,
          pdSummary: merged.summary as string | null,
          pdPreventiveMeasures: merged.preventiveMeasures as string | null,
          ...(b.satisfied !== undefined ? { satisfied: b.satisfied } : {}),
        },
        data: {
          classification: merged.classification ?? null,
          admissible: merged.admissible ?? null,
          remedy: merged.remedy ?? null,
        },
        messages: [{ kind: 'closing', to: complainant }],
      };
    }
    case 'reopen': {
      const b = body as Bodies['reopen'];
      return {
        changes: { closedAt: null },
        pdData: b.reason ? { reason: b.reason } : undefined,
        messages: [],
      };
    }
    case 'record-satisfaction': {
      const b = body as Bodies['record-satisfaction'];
      return {
        changes: { satisfied: b.satisfied },
        data: { satisfied: b.satisfied },
        pdData: b.comment ? { comment: b.comment } : undefined,
        messages: [],
        internal: true,
      };
    }
    case 'update': {
      const b = body as Bodies['update'];
      if (b.category) checkOption('category', b.category, procedure.categories, locale);
      if (
        procedure.handlerMayNotBeSubject &&
        b.subject &&
        row.handler &&
        b.subject.trim().toLowerCase() === row.handler.trim().toLowerCase()
      ) {
        fieldError('subject', 'notSubject', locale);
      }
      return {
        changes: {
          ...(b.category !== undefined ? { category: b.category } : {}),
          ...(b.cause ? { pdCause: b.cause } : {}),
          ...(b.subject ? { pdSubject: b.subject } : {}),
          ...(b.receiverName ? { pdReceiverName: b.receiverName } : {}),
        },
        data: b.category !== undefined ? { category: b.category } : undefined,
        messages: [],
        internal: true,
      };
    }
  }
  throw new Error(`unknown action ${action satisfies never}`);
}

// A later stage also meets an earlier promise: a proposed solution is a response, and closing
// the complaint settles whatever was still to be answered.
const ALSO_MEETS: Partial<Record<string, string[]>> = {
  responded: ['solutionProposed', 'appealDecided', 'closed'],
  solutionProposed: ['closed'],
  appealDecided: ['closed'],
};

/**
 * Recomputes every term from the timeline: anchors are the latest date of each event (receipt is
 * the real receipt date), postponements come from `postponed` events, and a term is met by the
 * first event of its `metBy` type.
 */
function recomputeDeadlines(
  db: Db,
  row: ComplaintRow,
  tenant: TenantRecord,
  timeline: Pick<EventRow, 'type' | 'at' | 'data'>[],
  existing: (typeof deadlines.$inferSelect)[],
) {
  const procedure = tenant.procedure;
  const anchors: Partial<Record<LifecycleEvent, string>> = {};
  const firsts = new Map<string, string>();
  const postponements: Record<string, Postponement> = {};
  for (const event of timeline) {
    if ((LIFECYCLE_EVENTS as readonly string[]).includes(event.type)) {
      anchors[event.type as LifecycleEvent] = amsterdamDate(new Date(event.at));
    }
    if (!firsts.has(event.type)) firsts.set(event.type, event.at);
    if (event.type === 'postponed') {
      const data = event.data as { term: string; weeks: number; announcedOn: string };
      postponements[data.term] = { weeks: data.weeks, announcedOn: data.announcedOn };
    }
  }
  anchors.received = row.receivedDate;
  firsts.set('received', row.registeredAt);
  const due = computeDueDates(
    procedure.terms,
    anchors,
    makeCalendar(procedure.calendar),
    postponements,
  );
  const open = new Map(existing.filter((d) => !d.metAt).map((d) => [d.term, d.dueDate]));
  const writes = Object.entries(due).map(([term, detail]) => {
    const metBy = procedure.terms[term]?.metBy;
    const metAt =
      existing.find((d) => d.term === term)?.metAt ??
      (metBy
        ? [metBy, ...(ALSO_MEETS[metBy] ?? [])]
            .map((type) => firsts.get(type))
            .filter((when): when is string => when !== undefined)
            .sort()[0]
        : undefined) ??
      null;
    const values = {
      dueDate: detail.date,
      detail,
      postponed: postponements[term] !== undefined,
      metAt,
      metDate: metAt ? amsterdamDate(new Date(metAt)) : null,
    };
    if (metAt) open.delete(term);
    else open.set(term, detail.date);
    return db
      .insert(deadlines)
      .values({ complaintId: row.id, tenantId: tenant.id, term, ...values })
      .onConflictDoUpdate({ target: [deadlines.complaintId, deadlines.term], set: values });
  });
  const nextDue = [...open.values()].sort()[0] ?? null;
  return { writes, nextDue };
}
