import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { event, world } from '../../test/unit-fixtures';
import { complaints, events, tenants } from '../db/schema';
import { acknowledgeDelivered } from './acknowledged';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const AT = new Date('2026-03-02T09:05:00.000Z');
const BY = 'acknowledgement e-mail';

/** The complaint of `number` of `tenantId` (the world's tenant by default). */
async function complaintOf(number: string, tenantId = w.tenant.id) {
  const row = await w.db.query.complaints.findFirst({
    where: and(eq(complaints.tenantId, tenantId), eq(complaints.number, number)),
  });
  if (!row) throw new Error(`no complaint ${number}`);
  return row;
}

/** A delivered message about the complaint (the outbox row as the relay passes it). */
const delivery = (complaintId: string | null, tenantId = w.tenant.id, id = 'outbox-1') => ({
  tenantId,
  complaintId,
  id,
});

const acknowledgements = async (complaintId: string) =>
  (await w.db.query.events.findMany({ where: eq(events.complaintId, complaintId) }))
    .filter((e) => e.type === 'acknowledged')
    .map((e) => e.actor);

describe('a delivered acknowledgement', () => {
  test('acknowledges the complaint it was about, by the system', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    await acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY);
    expect((await complaintOf(complaint.number)).status).toBe('acknowledged');
    expect(await acknowledgements(complaint.id)).toEqual([`system:${BY}`]);
  });

  test('is recorded once, however often it is delivered', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    await acknowledgeDelivered(w.db, delivery(complaint.id, w.tenant.id, 'by-email'), AT, BY);
    await acknowledgeDelivered(w.db, delivery(complaint.id, w.tenant.id, 'by-letter'), AT, BY);
    expect(await acknowledgements(complaint.id)).toHaveLength(1);
  });

  test('acknowledges the complaint of its own tenant, not another’s with the same number', async () => {
    w = await world('awb');
    const ours = await complaintOf(await w.submit());
    const key = await w.t.tenant('another', { preset: 'awb' });
    const res = await w.t.json(
      'POST',
      '/v1/tenants/another/complaints',
      {
        complainant: { name: 'Piet', address: 'Kerkstraat 2', email: 'piet@example.nl' },
        description: 'x',
      },
      { Authorization: `Bearer ${key}` },
    );
    const { number } = (await res.json()) as { number: string };
    expect(number).toBe(ours.number);
    const other = await w.db.query.tenants.findFirst({ where: eq(tenants.slug, 'another') });
    const theirs = await complaintOf(number, other?.id);
    await acknowledgeDelivered(w.db, delivery(theirs.id, theirs.tenantId), AT, BY);
    expect((await complaintOf(number, theirs.tenantId)).status).toBe('acknowledged');
    expect((await complaintOf(ours.number)).status).toBe('received');
  });

  test('after staff moved the complaint on, is recorded without changing its status', async () => {
    w = await world('awb');
    const number = await w.submit();
    await w.step(number, 'forward', { handler: 'Piet' });
    const complaint = await complaintOf(number);
    await acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY);
    expect((await complaintOf(number)).status).toBe('forwarded');
    expect(await acknowledgements(complaint.id)).toEqual([`system:${BY}`]);
  });
});

describe('nothing is recorded', () => {
  test('for a message about no complaint, or one that is gone', async () => {
    w = await world('awb');
    await expect(acknowledgeDelivered(w.db, delivery(null), AT, BY)).resolves.toBeUndefined();
    await expect(
      acknowledgeDelivered(w.db, delivery('no-such-complaint'), AT, BY),
    ).resolves.toBeUndefined();
  });

  test('for an erased complaint', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    await w.db
      .update(complaints)
      .set({ erasedAt: AT.toISOString() })
      .where(eq(complaints.id, complaint.id));
    await acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY);
    expect(await acknowledgements(complaint.id)).toEqual([]);
    expect((await complaintOf(complaint.number)).status).toBe('received');
  });

  test('when the message’s tenant is gone', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    await acknowledgeDelivered(w.db, delivery(complaint.id, 'gone'), AT, BY);
    expect(
      await acknowledgeDelivered(w.db, delivery(complaint.id, 'gone'), AT, BY),
    ).toBeUndefined();
    expect(await acknowledgements(complaint.id)).toEqual([]);
  });

  test('for a closed complaint', async () => {
    w = await world('awb');
    const number = await w.submit();
    await w.step(number, 'close', { classification: 'gegrond', summary: 'Opgelost.' });
    const complaint = await complaintOf(number);
    await acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY);
    expect(await acknowledgements(complaint.id)).toEqual([]);
  });

  test('when the message’s tenant has no such complaint: left for the next run, no error', async () => {
    w = await world('awb');
    const theirs = await complaintOf(await w.submit());
    const key = await w.t.tenant('another', { preset: 'awb' });
    expect(key).toBeTruthy();
    const other = await w.db.query.tenants.findFirst({ where: eq(tenants.slug, 'another') });
    await expect(
      acknowledgeDelivered(w.db, delivery(theirs.id, other?.id), AT, BY),
    ).resolves.toBeUndefined();
    expect(await acknowledgements(theirs.id)).toEqual([]);
  });
});

describe('a failure while recording', () => {
  test('a step staff took at the same moment wins; the delivery is recorded on a later run', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    // Staff's step took the next place on the timeline between our read and our write.
    await w.db.insert(events).values({
      ...event('noteAdded', AT.toISOString(), null, complaint.version + 1),
      complaintId: complaint.id,
      tenantId: complaint.tenantId,
      actor: 'staff:Piet',
    });
    await expect(
      acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY),
    ).resolves.toBeUndefined();
    expect(await acknowledgements(complaint.id)).toEqual([]);
  });

  test('of the database, not a refused step, reaches the caller (who logs it)', async () => {
    w = await world('awb');
    const complaint = await complaintOf(await w.submit());
    await w.db.run(
      sql.raw(
        'CREATE TRIGGER lost_table BEFORE INSERT ON events BEGIN DELETE FROM lost_table; END',
      ),
    );
    await expect(acknowledgeDelivered(w.db, delivery(complaint.id), AT, BY)).rejects.toThrow(
      /no such table/,
    );
  });
});
