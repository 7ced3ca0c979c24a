/*
 * Plain data for the unit tests beside the server's domain code: a complaint row as the database
 * returns it, a tenant from a preset, timeline events and deadlines computed by the real engine.
 * No behaviour of our own modules is replaced; these are only the inputs they read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplaintRow, DeadlineRow, EventRow } from '../server/complaints/complaint-records';
import { performStep, type StepInput } from '../server/complaints/perform-step';
import type { StepContext } from '../server/complaints/steps/step-types';
import type { Db } from '../server/db/client';
import type { TenantRecord } from '../server/http/context';
import { ApiError } from '../server/http/errors';
import type { MessageContext } from '../server/mail/message-values';
import { openDatabase } from '../server/runtime/open-database';
import { findTenant } from '../server/tenants/tenants';
import { openLink } from '../server/tracking/sealed-link';
import { computeDue, makeCalendar } from '../shared/deadlines';
import type { Action } from '../shared/lifecycle';
import { type PresetName, presetProcedure } from '../shared/presets';
import type { Procedure } from '../shared/procedure';
import { SECRET_KEY, testApp } from './helpers';

export const NOW = new Date('2026-03-10T10:00:00.000Z');

/** The tracking link an outbox row's payload holds, opened as the relay opens it (null: none). */
export async function linkIn(row: { complaintId: string | null; pdPayload: unknown }) {
  const sealed = (row.pdPayload as { trackingSealed?: string } | null)?.trackingSealed;
  return sealed && row.complaintId ? openLink(sealed, SECRET_KEY, row.complaintId) : null;
}

/** A complaint as the database holds it after registration on 2 March 2026. */
export function complaintRow(changes: Partial<ComplaintRow> = {}): ComplaintRow {
  return {
    id: 'complaint-1',
    tenantId: 'tenant-1',
    year: 2026,
    seq: 1,
    number: '2026-0001',
    status: 'received',
    channel: 'web',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: '2026-03-02',
    registeredAt: '2026-03-02T09:00:00.000Z',
    registeredDate: '2026-03-02',
    nextDueDate: null,
    version: 1,
    category: null,
    handler: null,
    handlerStaffId: null,
    handlerEmail: null,
    forwardedAt: null,
    feedbackAt: null,
    classification: null,
    admissible: null,
    remedy: null,
    satisfied: null,
    closedAt: null,
    erasedAt: null,
    emailConfirmedAt: null,
    idempotencyKeyHash: null,
    requestHash: null,
    replaySealed: null,
    pdReceiverName: null,
    pdSubject: null,
    pdComplainantName: 'Jan Jansen',
    pdComplainantInitials: null,
    pdComplainantAddress: null,
    pdComplainantPhone: null,
    pdComplainantEmail: 'jan@example.nl',
    pdOnBehalfOfName: null,
    pdOnBehalfOfInitials: null,
    pdOnBehalfOfAddress: null,
    pdOnBehalfOfPhone: null,
    pdOnBehalfOfEmail: null,
    pdDescription: 'De monteur kwam niet.',
    pdDesiredSolution: null,
    pdCause: null,
    pdProposedSolution: null,
    pdSummary: null,
    pdPreventiveMeasures: null,
    measuresEffectiveOn: null,
    locale: null,
    missed: false,
    missedStatutory: false,
    declined: false,
    postponed: false,
    handlingDays: null,
    createdAt: '2026-03-02T09:00:00.000Z',
    ...changes,
  };
}

/** A tenant on a preset procedure, optionally changed. */
export function tenantOf(preset: PresetName, change?: (p: Procedure) => void): TenantRecord {
  const procedure = presetProcedure(preset);
  change?.(procedure);
  return { id: 'tenant-1', slug: preset, name: `Tenant ${preset}`, procedure, version: 1 };
}

/** A timeline event. */
export function event(type: string, at: string, data: unknown = null, seq = 1): EventRow {
  return {
    id: `event-${seq}-${type}`,
    complaintId: 'complaint-1',
    tenantId: 'tenant-1',
    seq,
    type,
    at,
    public: true,
    idempotencyKeyHash: null,
    requestHash: null,
    actor: 'complainant',
    data,
    pdData: null,
  };
}

/** The deadline row of a procedure's term, computed by the engine from the receipt date. */
export function deadlineRow(
  procedure: Procedure,
  term: string,
  changes: Partial<DeadlineRow> = {},
  received = '2026-03-02',
): DeadlineRow {
  const t = procedure.terms[term];
  if (!t) throw new Error(`no term ${term}`);
  const detail = computeDue(t, received, makeCalendar(procedure.calendar));
  return {
    complaintId: 'complaint-1',
    tenantId: 'tenant-1',
    term,
    dueDate: detail.date,
    detail,
    metAt: null,
    metDate: null,
    postponed: false,
    remindedFor: null,
    escalatedFor: null,
    ...changes,
  };
}

/**
 * The context of a message about complaint 2026-0007 of a preset's tenant, received 2 March and
 * written 10 March, with the deadlines of its terms that run from the start; `complaint` changes
 * what the message quotes of it.
 */
export function messageContext(
  preset: PresetName,
  changes: Omit<Partial<MessageContext>, 'complaint'> & {
    complaint?: Partial<MessageContext['complaint']>;
  } = {},
): MessageContext {
  const { complaint, ...rest } = changes;
  const { procedure } = tenantOf(preset);
  const deadlines = Object.keys(procedure.terms)
    .filter((term) => !procedure.terms[term]?.activeAfter)
    .map((term) => {
      const row = deadlineRow(procedure, term);
      return { term, dueDate: row.dueDate, detail: row.detail as never };
    });
  return {
    kind: 'acknowledgement',
    locale: 'nl',
    tenantName: `Tenant ${preset}`,
    procedure,
    number: '2026-0007',
    complaint: {
      description: 'De monteur kwam niet opdagen.',
      handler: null,
      complainantName: null,
      receivedDate: '2026-03-02',
      summary: null,
      classification: null,
      remedy: null,
      preventiveMeasures: null,
      measuresEffectiveOn: null,
      openProposalOn: null,
      ...complaint,
    },
    deadlines,
    eventText: {},
    eventData: {},
    today: '2026-03-10',
    ...rest,
  };
}

/** What a step handler reads. */
export function stepContext(changes: Partial<StepContext> = {}): StepContext {
  return {
    row: complaintRow(),
    tenant: tenantOf('totaalonder1dak'),
    now: NOW,
    today: '2026-03-10',
    locale: 'nl',
    timeline: [event('received', '2026-03-02T09:00:00.000Z')],
    deadlines: [],
    ...changes,
  };
}

/** The ApiError `fn` throws (fails the test when it throws nothing or something else). */
export function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

/** Like apiErrorOf, for a promise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

/** A migrated libSQL file in a fresh temp folder, and how to remove it. */
export async function tempDatabase(): Promise<{ db: Db; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-unit-'));
  const db = await openDatabase(`file:${join(dir, 'unit.db')}`);
  return {
    db,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A complainant with every contact field, trimmed to what a tenant's form asks. */
export const JAN = {
  name: 'Jan Jansen',
  initials: 'J.',
  address: 'Dorpsstraat 1, Ons Dorp',
  phone: '06 12345678',
  email: 'jan@example.nl',
};

/**
 * The real app on a temp libSQL file with one tenant on a preset (changed by `change`), whose
 * clock is `clock.now`; `submit` registers a complaint through the API as the web form does, and
 * `step` takes a lifecycle step on it as an admin would (performStep, at `clock.now`).
 */
export async function world(
  preset: PresetName,
  change?: (p: Procedure) => void,
  start = new Date('2026-03-02T09:00:00.000Z'),
) {
  const clock = { now: start };
  const t = await testApp({ now: () => clock.now });
  const procedure = presetProcedure(preset);
  change?.(procedure);
  const key = await t.tenant(preset, { procedure });
  const tenant = await findTenant(t.db, preset);
  if (!tenant) throw new Error('no tenant');
  const contact = Object.fromEntries(
    Object.entries(JAN).filter(
      ([field]) => procedure.form.complainant[field as keyof typeof JAN] !== 'hidden',
    ),
  );
  return {
    t,
    db: t.db,
    tenant,
    key,
    clock,
    async submit(extra: Record<string, unknown> = {}): Promise<string> {
      const res = await t.json(
        'POST',
        `/v1/tenants/${preset}/complaints`,
        { complainant: contact, description: 'De monteur kwam niet.', ...extra },
        { Authorization: `Bearer ${key}` },
      );
      if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { number: string }).number;
    },
    step(number: string, action: Action, body: unknown = {}, changes: Partial<StepInput> = {}) {
      return performStep(t.db, {
        tenant,
        number,
        action,
        body,
        actor: { kind: 'staff', staffId: 'staff-1', name: 'Beheerder', role: 'admin' },
        now: clock.now,
        locale: 'nl',
        idempotencyKey: null,
        ...changes,
      });
    },
    close: () => t.close(),
  };
}
