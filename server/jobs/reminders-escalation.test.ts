import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { makeCalendar } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
import { world } from '../../test/unit-fixtures';
import { performStep } from '../complaints/perform-step';
import {
  complaints,
  deadlines,
  outbox,
  staff,
  webhookDeliveries,
  webhookEndpoints,
} from '../db/schema';
import { createStaff } from '../staff/accounts';
import { queueReminders } from './reminders';

/*
 * Who hears of an overdue complaint that nobody handles: the escalation address, else the
 * tenant's active admins, else only its webhook; a tenant nobody could hear from lets such
 * complaints wait without crowding out the work that can be done.
 */

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const step = (
  number: string,
  action: 'forward' | 'propose-solution' | 'file-appeal',
  body: object,
  at: string,
) =>
  performStep(w.db, {
    tenant: w.tenant,
    number,
    action,
    body,
    actor: { kind: 'system', name: 'test' },
    now: new Date(at),
    locale: 'nl',
    idempotencyKey: null,
  });

const forward = (number: string, at = '2026-03-02T10:00:00Z') =>
  step(number, 'forward', { handler: 'Piet', handlerEmail: 'piet@example.nl' }, at);

/** A run over this world's tenant, and any other tenants (by id) on the same procedure. */
const run = (at: string, batch = 500, others: string[] = []) => {
  const entry = {
    procedure: w.tenant.procedure,
    calendar: makeCalendar(w.tenant.procedure.calendar),
  };
  const procedures = new Map([w.tenant.id, ...others].map((id) => [id, entry] as const));
  return queueReminders(w.db, new Date(at), procedures, batch, false);
};

/** Messages queued, as `kind→recipient→term`. */
const queued = async () =>
  (
    await w.db
      .select({ kind: outbox.kind, to: outbox.pdRecipient, payload: outbox.pdPayload })
      .from(outbox)
      .orderBy(asc(outbox.kind), asc(outbox.pdRecipient))
  )
    .filter((m) => m.kind === 'reminder' || m.kind === 'overdue')
    .map((m) => `${m.kind}→${m.to}→${(m.payload as { term: string }).term}`);

const staffMember = (email: string, role: 'admin' | 'handler') =>
  createStaff(w.db, w.tenant.id, { email, name: email, role, password: 'correct horse battery' });

/** An awb tenant (changed by `change`) with one complaint received Mon 2 Mar, nobody handling it. */
async function unhandled(change?: (p: Procedure) => void) {
  w = await world('awb', change);
  return w.submit();
}

describe('an overdue complaint nobody handles', () => {
  test('goes to the escalation address, not to the admins; one with a handler to the handler', async () => {
    await unhandled((p) => {
      p.reminders.escalateTo = ['klachten@example.nl'];
    });
    await staffMember('ad@example.nl', 'admin');
    await forward(await w.submit());
    // Acknowledgements due Mon 9 March.
    expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 2 });
    expect(await queued()).toEqual([
      'overdue→klachten@example.nl→acknowledgement',
      'overdue→piet@example.nl→acknowledgement',
    ]);
  });

  test('goes to the escalation address where that is all the tenant has', async () => {
    await unhandled((p) => {
      p.reminders.escalateTo = ['klachten@example.nl'];
    });
    expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 1 });
    expect(await queued()).toEqual(['overdue→klachten@example.nl→acknowledgement']);
  });

  test("goes to each of the tenant's active admins when there is no escalation address", async () => {
    await unhandled();
    await staffMember('ad@example.nl', 'admin');
    await staffMember('bea@example.nl', 'admin');
    await staffMember('hans@example.nl', 'handler');
    const { row: gone } = await staffMember('oud@example.nl', 'admin');
    await w.db
      .update(staff)
      .set({ disabledAt: '2026-03-01T00:00:00Z' })
      .where(eq(staff.id, gone.id));
    expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 2 });
    expect(await queued()).toEqual([
      'overdue→ad@example.nl→acknowledgement',
      'overdue→bea@example.nl→acknowledgement',
    ]);
  });

  test('goes to the staff named for overdue terms, where that is all the tenant has', async () => {
    await unhandled((p) => {
      p.notifications = { senderName: 'Gemeente', staff: { overdue: ['chef@example.nl'] } };
    });
    expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 1 });
    expect(await queued()).toEqual(['overdue→chef@example.nl→acknowledgement']);
  });

  test('of a tenant heard only through its webhook is marked and sent there, not by e-mail', async () => {
    await unhandled();
    await w.db.insert(webhookEndpoints).values({
      id: 'endpoint-1',
      tenantId: w.tenant.id,
      url: 'https://hooks.example.nl/klacht',
      events: ['complaint.term_overdue'],
      secretSealed: 'sealed',
    });
    expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 0 });
    expect(await queued()).toEqual([]);
    const [ack] = await w.db.select().from(deadlines).where(eq(deadlines.term, 'acknowledgement'));
    expect(ack?.escalatedFor).toBe('2026-03-09');
    const hooks = await w.db.select().from(webhookDeliveries);
    expect(hooks.map((h) => `${h.type}:${h.term}:${h.dueDate}`)).toEqual([
      'complaint.term_overdue:acknowledgement:2026-03-09',
    ]);
  });
});

test('a reminder before the due date is no webhook event; the term passing is', async () => {
  w = await world('awb');
  await w.db.insert(webhookEndpoints).values({
    id: 'endpoint-1',
    tenantId: w.tenant.id,
    url: 'https://hooks.example.nl/klacht',
    events: ['complaint.term_overdue'],
    secretSealed: 'sealed',
  });
  await forward(await w.submit());
  const hooks = async () =>
    (await w.db.select().from(webhookDeliveries)).map((h) => `${h.type}:${h.term}:${h.dueDate}`);
  // The acknowledgement is due Mon 9 March: reminded on Fri 6 March, overdue on Tue 10 March.
  expect(await run('2026-03-06T10:00:00Z')).toEqual({ reminders: 1, escalations: 0 });
  expect(await hooks()).toEqual([]);
  expect(await run('2026-03-10T10:00:00Z')).toEqual({ reminders: 0, escalations: 1 });
  expect(await hooks()).toEqual(['complaint.term_overdue:acknowledgement:2026-03-09']);
});

describe('a tenant nobody could hear an escalation from', () => {
  test('its unhandled overdue complaints wait, unmarked, without crowding out a reminder', async () => {
    // The acknowledgement is also the (disabled) appeal term, without an appeal body.
    const waiting = await unhandled((p) => {
      p.appeal = { enabled: false, windowDays: 28, term: 'acknowledgement' };
    });
    w.clock.now = new Date('2026-03-09T09:00:00.000Z');
    await forward(await w.submit(), '2026-03-09T10:00:00Z');
    // Fri 13 March: the first complaint's acknowledgement (9 March) is overdue, the second's
    // (Mon 16 March) is to be reminded. One at a time, and a second such tenant in the run.
    expect(await run('2026-03-13T10:00:00Z', 1, ['tenant-elsewhere'])).toEqual({
      reminders: 1,
      escalations: 0,
    });
    expect(await queued()).toEqual(['reminder→piet@example.nl→acknowledgement']);
    const [first] = await w.db.select().from(complaints).where(eq(complaints.number, waiting));
    const [ack] = await w.db
      .select()
      .from(deadlines)
      .where(eq(deadlines.complaintId, first?.id ?? ''));
    expect(ack?.escalatedFor).toBeNull();
  });

  test('still sends its appeal term, once overdue, to its appeal body', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await step(
      number,
      'propose-solution',
      { proposedSolution: 'Excuses', cause: 'Drukte' },
      '2026-03-03T10:00:00Z',
    );
    await step(number, 'file-appeal', { grounds: 'Niet genoeg' }, '2026-03-03T10:00:00Z');
    // The appeal decision was due Mon 13 April; the acknowledgement (4 March) was never sent.
    expect(await run('2026-04-14T10:00:00Z')).toEqual({ reminders: 0, escalations: 1 });
    expect(await queued()).toEqual(['overdue→voorzitter@wenb.nl→appealDecision']);
  });
});

test("the appeal body hears only of the appeal term; the other terms go to the complaint's handler", async () => {
  w = await world('wenb');
  await forward(await w.submit());
  // The acknowledgement is due Wed 4 March: reminded on Tue 3 March.
  expect(await run('2026-03-03T10:00:00Z')).toEqual({ reminders: 1, escalations: 0 });
  expect(await queued()).toEqual(['reminder→piet@example.nl→acknowledgement']);
});
