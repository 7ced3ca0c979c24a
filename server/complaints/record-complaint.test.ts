import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { JAN, world } from '../../test/unit-fixtures';
import {
  complaints,
  outbox,
  reportCounts,
  webhookDeliveries,
  webhookEndpoints,
} from '../db/schema';
import type { Actor } from '../http/context';
import { answerAgain, type NewComplaint, recordComplaint } from './record-complaint';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const staff: Actor = { kind: 'staff', staffId: 's1', name: 'Rita', role: 'receiver' };
const NOW = new Date('2026-03-02T09:00:00.000Z');

function record(changes: Partial<NewComplaint> = {}) {
  return recordComplaint(w.db, {
    tenant: w.tenant,
    actor: staff,
    data: {
      complainant: { name: JAN.name, address: JAN.address, email: JAN.email },
      description: 'De vergunning bleef liggen.',
    } as NewComplaint['data'],
    files: [],
    now: NOW,
    locale: 'nl',
    links: { base: 'https://klacht.test', secretKey: SECRET_KEY },
    idempotencyKey: null,
    keyHash: null,
    requestHash: 'request-hash-1',
    ...changes,
  });
}

const tokenOf = (url: string) => url.split('/track/')[1];

describe('a newly registered complaint in the report', () => {
  test('counts as received and open: not postponed, declined or closed', async () => {
    w = await world('awb');
    await record();
    const counts = await w.db.select().from(reportCounts);
    expect(Object.fromEntries(counts.map((c) => [c.key, c.n]))).toEqual({
      received: 1,
      'category:': 1,
      'classification:': 1,
      'admissible:unknown': 1,
    });
    expect(counts.every((c) => c.month === '2026-03')).toBe(true);
  });
});

describe('the messages of a registration', () => {
  test('a procedure that names no staff to notify only acknowledges to the complainant', async () => {
    w = await world('awb', (p) => {
      p.notifications = { senderName: 'Gemeente', replyTo: 'klachten@gemeente.test', staff: {} };
    });
    const answer = await record();
    expect(answer.number).toBe('2026-0001');
    const queued = await w.db.select({ kind: outbox.kind, to: outbox.pdRecipient }).from(outbox);
    expect(queued).toEqual([{ kind: 'acknowledgement', to: JAN.email }]);
  });
});

describe('the webhooks of a registration', () => {
  test('an endpoint subscribed to new complaints gets one; one subscribed to other events none', async () => {
    w = await world('awb');
    const endpoint = (id: string, events: string[]) => ({
      id,
      tenantId: w.tenant.id,
      url: `https://hooks.example.nl/${id}`,
      events,
      secretSealed: 'sealed',
    });
    await w.db
      .insert(webhookEndpoints)
      .values([
        endpoint('ep-new', ['complaint.received', 'complaint.closed']),
        endpoint('ep-steps', ['complaint.step_done']),
      ]);
    await record();
    const queued = await w.db.select().from(webhookDeliveries);
    expect(queued.map((d) => [d.endpointId, d.type, d.eventSeq, d.status])).toEqual([
      ['ep-new', 'complaint.received', 1, 'pending'],
    ]);
  });
});

describe('answering a retry again', () => {
  test('gives the tracking link back only to the key and request that registered it', async () => {
    w = await world('awb');
    const input = { idempotencyKey: 'form-attempt-1', keyHash: 'key-hash-1' };
    const first = await record(input);
    const row = await w.db.query.complaints.findFirst({
      where: eq(complaints.number, first.number),
    });
    if (!row) throw new Error('no complaint');
    // The database holds the link sealed: it opens with the key and the request only.
    expect(row.replaySealed).not.toContain(tokenOf(first.trackingUrl));
    const again = (changes: { idempotencyKey: string; requestHash: string }) =>
      answerAgain(w.db, row, {
        tenant: w.tenant,
        locale: 'en',
        links: { base: 'https://klacht.test', secretKey: SECRET_KEY },
        ...changes,
      });
    const same = await again({ idempotencyKey: 'form-attempt-1', requestHash: 'request-hash-1' });
    expect(same).toMatchObject({
      number: first.number,
      receivedAt: first.receivedAt,
      due: first.due,
      trackingUrl: first.trackingUrl,
    });
    const otherKey = await again({
      idempotencyKey: 'form-attempt-2',
      requestHash: 'request-hash-1',
    });
    expect(otherKey.trackingUrl).toBe('https://klacht.test/track/');
    const otherRequest = await again({
      idempotencyKey: 'form-attempt-1',
      requestHash: 'request-hash-2',
    });
    expect(otherRequest.trackingUrl).toBe('https://klacht.test/track/');
  });
});
