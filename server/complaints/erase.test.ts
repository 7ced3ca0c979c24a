import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { JAN, world } from '../../test/unit-fixtures';
import { attachments, complaints, deadlines, events, outbox, trackingTokens } from '../db/schema';
import { ERASE_CHUNK, eraseComplaint, eraseComplaints } from './erase';
import { performStep } from './perform-step';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-20T10:00:00.000Z');
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31];

/** A totaalonder1dak complaint with every kind of personal data, a file and messages. */
async function fullComplaint() {
  w = await world('totaalonder1dak');
  const form = new FormData();
  form.set(
    'complaint',
    JSON.stringify({
      complainant: {
        name: JAN.name,
        initials: 'J.',
        address: JAN.address,
        phone: JAN.phone,
        email: JAN.email,
      },
      onBehalfOf: { name: 'Piet', initials: 'P.', phone: '0612345679' },
      description: 'De monteur kwam niet.',
      desiredSolution: 'Excuses',
      receiverName: 'Anna',
    }),
  );
  form.append('attachments', new File([new Uint8Array(PDF)], 'brief.pdf'));
  const res = await w.t.app.request('/v1/tenants/totaalonder1dak/complaints', {
    method: 'POST',
    headers: { Authorization: `Bearer ${w.key}` },
    body: form,
  });
  const { number } = (await res.json()) as { number: string };
  const step = (action: 'forward' | 'respond' | 'update', body: object) =>
    performStep(w.db, {
      tenant: w.tenant,
      number,
      action,
      body,
      actor: { kind: 'staff', staffId: 's', name: 'Rita', role: 'admin' },
      now: new Date('2026-03-03T10:00:00.000Z'),
      locale: 'nl',
      idempotencyKey: null,
      links: { base: 'https://klacht.test', secretKey: SECRET_KEY },
    });
  await step('forward', { handler: 'Hans', handlerEmail: 'hans@example.nl' });
  await step('respond', { message: 'Wij bellen u.' });
  await step('update', { subject: 'Monteur Klaas', cause: 'Planning' });
  const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  if (!row) throw new Error('no complaint');
  return row;
}

describe('erasing a complaint', () => {
  test('clears every personal value and keeps an anonymous tombstone', async () => {
    const before = await fullComplaint();
    expect(before.pdComplainantName).toBe(JAN.name);
    await eraseComplaint(w.db, before.id, NOW, 'staff:Ad');
    const after = await w.db.query.complaints.findFirst({ where: eq(complaints.id, before.id) });
    const personal = Object.entries(after ?? {}).filter(([key]) => key.startsWith('pd'));
    expect(personal.length).toBeGreaterThan(15);
    expect(personal.filter(([, value]) => value !== null)).toEqual([]);
    expect(after).toMatchObject({
      number: before.number,
      status: before.status,
      receivedDate: before.receivedDate,
      registeredDate: before.registeredDate,
      erasedAt: NOW.toISOString(),
      handler: null,
      handlerEmail: null,
      requestHash: null,
      replaySealed: null,
      version: before.version + 1,
    });
    expect(await w.db.select().from(deadlines)).toHaveLength(1);
  });

  test('empties the timeline of personal data and records the erasure, internally', async () => {
    const row = await fullComplaint();
    await eraseComplaint(w.db, row.id, NOW, 'retention');
    const timeline = await w.db.query.events.findMany({
      where: eq(events.complaintId, row.id),
      orderBy: asc(events.seq),
    });
    expect(timeline.map((e) => e.pdData)).toEqual([null, null, null, null, null]);
    expect(timeline.at(-1)).toMatchObject({
      seq: row.version + 1,
      type: 'erased',
      at: NOW.toISOString(),
      actor: 'retention',
      public: false,
      tenantId: row.tenantId,
    });
    expect(timeline[1]?.data).toBeNull();
    expect(timeline[0]?.data).toEqual({ channel: 'web', receivedAt: row.receivedAt });
  });

  test('deletes the files, revokes the links and cancels what was not sent', async () => {
    const row = await fullComplaint();
    expect(await w.db.select().from(attachments)).toHaveLength(1);
    const [first] = await w.db.select().from(outbox).orderBy(asc(outbox.createdAt));
    await w.db
      .update(outbox)
      .set({ status: 'sent' })
      .where(eq(outbox.id, first?.id ?? ''));
    const [, second] = await w.db.select().from(outbox).orderBy(asc(outbox.createdAt));
    await w.db
      .update(outbox)
      .set({ status: 'failed' })
      .where(eq(outbox.id, second?.id ?? ''));
    await eraseComplaint(w.db, row.id, NOW, 'staff:Ad');
    expect(await w.db.select().from(attachments)).toEqual([]);
    const tokens = await w.db.select().from(trackingTokens);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.revokedAt === NOW.toISOString())).toBe(true);
    const messages = await w.db.select().from(outbox).orderBy(asc(outbox.createdAt));
    expect(messages.map((m) => [m.status, m.pdRecipient, m.pdPayload])).toEqual([
      ['sent', null, null],
      ['cancelled', null, null],
      ['cancelled', null, null],
    ]);
  });

  test('leaves other complaints alone', async () => {
    const row = await fullComplaint();
    const other = await w.submit();
    await eraseComplaint(w.db, row.id, NOW, 'staff:Ad');
    const kept = await w.db.query.complaints.findFirst({ where: eq(complaints.number, other) });
    expect(kept).toMatchObject({ pdComplainantName: JAN.name, erasedAt: null });
    const keptMessages = await w.db
      .select()
      .from(outbox)
      .where(eq(outbox.complaintId, kept?.id ?? ''));
    expect(keptMessages.map((m) => [m.status, m.pdRecipient])).toEqual([['pending', JAN.email]]);
  });

  test('twice, or of an unknown complaint, does nothing more', async () => {
    const row = await fullComplaint();
    await eraseComplaint(w.db, row.id, NOW, 'staff:Ad');
    await eraseComplaint(w.db, row.id, new Date('2026-04-01T00:00:00Z'), 'staff:Ad');
    await eraseComplaint(w.db, 'no-such-complaint', NOW, 'staff:Ad');
    const after = await w.db.query.complaints.findFirst({ where: eq(complaints.id, row.id) });
    expect(after?.erasedAt).toBe(NOW.toISOString());
    const erased = await w.db.select().from(events).where(eq(events.type, 'erased'));
    expect(erased).toHaveLength(1);
  });

  test('cancels letters still to print and messages held back, too', async () => {
    const row = await fullComplaint();
    const queued = await w.db.select().from(outbox).orderBy(asc(outbox.createdAt));
    const statuses = ['held', 'print', 'pending'];
    for (const [i, message] of queued.entries()) {
      await w.db
        .update(outbox)
        .set({ status: statuses[i] ?? 'pending' })
        .where(eq(outbox.id, message.id));
    }
    await eraseComplaint(w.db, row.id, NOW, 'staff:Ad');
    const after = await w.db.select({ status: outbox.status }).from(outbox);
    expect(after.map((m) => m.status)).toEqual(queued.map(() => 'cancelled'));
  });
});

describe('erasing many complaints', () => {
  test('says how many it erased, and leaves nothing of them in the write-ahead log', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const rows = await w.db.select({ id: complaints.id }).from(complaints);
    const erased = await eraseComplaints(
      w.db,
      rows.map((r) => r.id),
      NOW,
      'retention',
    );
    expect(erased).toBe(2);
    // Checkpointed: the log holds no page of the erased data any more.
    const [log] = (await w.db.$client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows;
    expect(log?.[1]).toBe(0);
    expect(
      await eraseComplaints(
        w.db,
        rows.map((r) => r.id),
        NOW,
        'retention',
      ),
    ).toBe(0);
  });

  test('takes a backlog of any size, a slice at a time', async () => {
    w = await world('awb');
    await w.submit();
    const [row] = await w.db.select({ id: complaints.id }).from(complaints);
    // More ids than SQLite binds in one statement: unknown ones are skipped.
    const unknown = Array.from({ length: 170 * ERASE_CHUNK }, (_, i) => `gone-${i}`);
    const erased = await eraseComplaints(w.db, [...unknown, row?.id ?? ''], NOW, 'retention');
    expect(erased).toBe(1);
  });
});
