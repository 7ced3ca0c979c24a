import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { world } from '../../test/unit-fixtures';
import { performStep } from '../complaints/perform-step';
import { complaints, deadlines, events, outbox, tenants } from '../db/schema';
import { withLinkIn } from './frozen-message';
import type { Mailer, OutgoingMail, SendResult } from './mailer';
import { relayOutbox, requeueFailed } from './relay';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

/** Resend as the relay sees it: records what it is given and answers as told (ok by default). */
function mailbox(...answers: SendResult[]) {
  const sent: { mail: OutgoingMail; key: string }[] = [];
  const mailer: Mailer = {
    async send(mail, key) {
      sent.push({ mail, key });
      return answers.shift() ?? { ok: true, id: `re_${sent.length}` };
    },
  };
  return { mailer, sent };
}

const NOW = new Date('2026-03-02T09:05:00.000Z');
const rows = () => w.db.select().from(outbox).orderBy(asc(outbox.createdAt));
const step = (number: string, action: 'respond' | 'close' | 'forward' | 'postpone', body: object) =>
  performStep(w.db, {
    tenant: w.tenant,
    number,
    action,
    body,
    actor: { kind: 'system', name: 'test' },
    now: new Date('2026-03-02T09:01:00.000Z'),
    locale: 'nl',
    idempotencyKey: null,
    links: { base: 'https://klacht.test', secretKey: SECRET_KEY },
  });

describe('sending the outbox', () => {
  test('sends each message once, from the tenant, with its row id as Idempotency-Key', async () => {
    w = await world('totaalonder1dak');
    await w.submit();
    const { mailer, sent } = mailbox();
    const report = await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer,
      from: 'klachten@example.org',
    });
    const [row] = await rows();
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0, cancelled: 0 });
    expect(sent).toEqual([
      {
        key: row?.id,
        mail: {
          from: '"TotaalOnder1Dak Klantenservice" <klachten@example.org>',
          to: 'jan@example.nl',
          replyTo: 'info@totaalonder1dak.nl',
          subject: expect.stringMatching(/^Wij hebben uw klacht ontvangen \(2026-0001\)$/),
          text: expect.stringContaining('https://klacht.test/track/'),
          html: expect.stringContaining('<!doctype html>'),
        },
      },
    ]);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(row?.sentAt).not.toBeNull();
    // The link's token is not kept once the message is out.
    expect(row?.pdPayload).toEqual({ locale: 'nl' });
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' }),
    ).toMatchObject({
      sent: 0,
    });
    expect(sent).toHaveLength(1);
  });

  test('signs with the tenant name when the procedure names no sender', async () => {
    w = await world('awb');
    await w.submit();
    const { mailer, sent } = mailbox();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'klachten@example.org' });
    expect(sent[0]?.mail.from).toBe('"Tenant awb" <klachten@example.org>');
    expect(sent[0]?.mail.replyTo).toBeUndefined();
  });

  test('pauses 1/perSecond between sends, not before the first', async () => {
    w = await world('awb');
    for (let i = 0; i < 3; i++) await w.submit();
    const pauses: number[] = [];
    const { mailer } = mailbox();
    const sleep = async (ms: number) => {
      pauses.push(ms);
    };
    await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer,
      from: 'x@example.org',
      perSecond: 4,
      sleep,
    });
    expect(pauses).toEqual([250, 250]);
    for (let i = 0; i < 2; i++) await w.submit();
    pauses.length = 0;
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org', sleep });
    expect(pauses).toEqual([500]);
  });

  test('really pauses without a sleep of its own', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const started = Date.now();
    await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer: mailbox().mailer,
      from: 'x',
      perSecond: 10,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  test('goes out as written at its step: a later step and a changed procedure change nothing', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'respond', { message: 'Eerste antwoord' });
    const written = await rows();
    await step(number, 'postpone', { weeks: 2, reason: 'Meer tijd nodig' });
    await w.db.update(tenants).set({ name: 'Een andere naam' }).where(eq(tenants.id, w.tenant.id));
    await w.db.delete(outbox).where(eq(outbox.kind, 'postponement'));
    const { mailer, sent } = mailbox();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x' });
    expect(sent.map((s) => s.mail.subject)).toEqual(written.map((r) => r.pdSubject));
    for (const [i, row] of written.entries()) {
      const link = sent[i]?.mail.text.match(/https:\/\/\S+/)?.[0] ?? null;
      expect(sent[i]?.mail.text).toBe(withLinkIn(row.pdBody ?? '', link));
    }
    // Written before the postponement, the acknowledgement names the first due date only.
    expect(sent[0]?.mail.text).not.toContain('verdaagd');
  });

  test('a message queued before messages were kept as written is written from its own event, in the language it was queued in', async () => {
    w = await world('awb');
    const first = await w.submit();
    const second = await w.submit();
    await step(first, 'respond', { message: 'Eerste antwoord' });
    await step(second, 'respond', { message: 'Tweede antwoord' });
    await w.db.delete(outbox).where(eq(outbox.kind, 'acknowledgement'));
    await w.db.update(outbox).set({
      pdPayload: { eventSeq: 2, locale: 'en' },
      pdSubject: null,
      pdBody: null,
      pdHtml: null,
      pdLetter: null,
    });
    const { mailer, sent } = mailbox();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x' });
    expect(sent.map((s) => [s.mail.subject, s.mail.text.split('\n\n')[1]])).toEqual([
      ['A response to your complaint 2026-0001', 'Eerste antwoord'],
      ['A response to your complaint 2026-0002', 'Tweede antwoord'],
    ]);
  });

  test('takes the oldest messages first, a bounded batch at a time', async () => {
    w = await world('awb');
    const numbers = [await w.submit(), await w.submit(), await w.submit()];
    const { mailer, sent } = mailbox();
    expect(
      await relayOutbox(w.db, NOW, {
        secretKey: SECRET_KEY,
        mailer,
        from: 'x@example.org',
        batchSize: 2,
      }),
    ).toMatchObject({
      sent: 2,
    });
    expect(sent.map((s) => s.mail.subject)).toEqual(
      numbers.slice(0, 2).map((n) => expect.stringContaining(n)),
    );
    await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer,
      from: 'x@example.org',
      batchSize: 2,
    });
    expect(sent).toHaveLength(3);
  });

  test('messages queued at the same moment go in the order they were queued', async () => {
    w = await world('awb');
    const numbers = [await w.submit(), await w.submit(), await w.submit()];
    // One moment for all, and ids that sort against the queue: only the queue's order is left.
    await w.db.run(sql`UPDATE outbox SET created_at = '2026-03-02T09:00:00.000Z',
      id = 'msg-' || (10 - rowid)`);
    const { mailer, sent } = mailbox();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' });
    expect(sent.map((s) => s.mail.subject)).toEqual(numbers.map((n) => expect.stringContaining(n)));
  });

  test('what a slow provider keeps a run from starting goes back in line before its lease ends', async () => {
    w = await world('awb');
    const numbers = [await w.submit(), await w.submit(), await w.submit(), await w.submit()];
    const { mailer, sent } = mailbox();
    const slow: Mailer = {
      send: (mail, key) => new Promise((r) => setTimeout(() => r(mailer.send(mail, key)), 500)),
    };
    // Half of a 1.5 s lease: the first two sends (500 ms each) start within it, the rest not.
    const report = await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer: slow,
      from: 'x@example.org',
      leaseMs: 1_500,
      sleep: async () => {},
    });
    expect(report).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    expect((await rows()).map((r) => [r.status, r.attempts, r.nextAttemptAt])).toEqual([
      ['sent', 1, null],
      ['sent', 1, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' });
    expect(sent.map((s) => s.mail.subject)).toEqual(numbers.map((n) => expect.stringContaining(n)));
  });

  test("tenants take turns: one tenant's backlog does not hold up another's mail", async () => {
    w = await world('awb');
    for (let i = 0; i < 3; i++) await w.submit();
    const otherKey = await w.t.tenant('wenb');
    const res = await w.t.json(
      'POST',
      '/v1/tenants/wenb/complaints',
      {
        complainant: { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' },
        description: 'Te laat.',
      },
      { Authorization: `Bearer ${otherKey}` },
    );
    expect(res.status).toBe(201);
    const { mailer } = mailbox();
    await relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      mailer,
      from: 'x@example.org',
      batchSize: 2,
    });
    // The backlog's oldest message and the other tenant's, not the backlog's two oldest.
    const sentBy = (await rows()).filter((r) => r.status === 'sent').map((r) => r.tenantId);
    expect(new Set(sentBy).size).toBe(2);
  });

  test('without a mailer holds the messages, visibly, and never calls them sent', async () => {
    w = await world('awb');
    await w.submit();
    expect(await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, from: 'x@example.org' })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      held: 1,
      cancelled: 0,
    });
    expect((await rows()).map((r) => r.status)).toEqual(['held']);
    // Held messages go out once there is a mailer.
    const { mailer, sent } = mailbox();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' }),
    ).toMatchObject({
      sent: 1,
    });
    expect(sent).toHaveLength(1);
  });

  test('a dry run counts what is due, as sent or held, and changes nothing', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const { mailer, sent } = mailbox();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x', dryRun: true }),
    ).toEqual({
      sent: 2,
      retrying: 0,
      failed: 0,
      held: 0,
      cancelled: 0,
    });
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, from: 'x', dryRun: true }),
    ).toMatchObject({
      held: 2,
      sent: 0,
    });
    expect(sent).toEqual([]);
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending']);
  });
});

describe('when sending fails', () => {
  test('a retryable failure waits with backoff, or as long as the provider asks', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const { mailer } = mailbox(
      { ok: false, retryable: true, error: '500: boom' },
      { ok: false, retryable: true, error: '429: slow down', retryAfterSeconds: 120 },
    );
    const before = Date.now();
    expect(
      await relayOutbox(w.db, NOW, {
        secretKey: SECRET_KEY,
        mailer,
        from: 'x',
        sleep: async () => {},
      }),
    ).toMatchObject({
      sent: 0,
      retrying: 2,
    });
    const [a, b] = await rows();
    expect(a).toMatchObject({ status: 'pending', lastError: '500: boom', attempts: 1 });
    expect(b).toMatchObject({ status: 'pending', lastError: '429: slow down', attempts: 1 });
    const wait = (row: typeof a) => Date.parse(row?.nextAttemptAt ?? '') - before;
    expect(wait(a)).toBeGreaterThanOrEqual(30_000);
    expect(wait(a)).toBeLessThan(40_000);
    expect(wait(b)).toBeGreaterThanOrEqual(120_000);
    expect(wait(b)).toBeLessThan(130_000);
    // Not yet due: nothing is tried.
    expect(
      await relayOutbox(w.db, new Date(before + 20_000), {
        secretKey: SECRET_KEY,
        mailer,
        from: 'x',
      }),
    ).toMatchObject({
      sent: 0,
      retrying: 0,
    });
  });

  test('the backoff doubles with every attempt, up to six hours', async () => {
    w = await world('awb');
    await w.submit();
    const failing: Mailer = { send: async () => ({ ok: false, retryable: true, error: 'x' }) };
    const waits: number[] = [];
    let at = Date.now() + 3_600_000;
    for (let i = 0; i < 12; i++) {
      const before = Date.now();
      await relayOutbox(w.db, new Date(at), { secretKey: SECRET_KEY, mailer: failing, from: 'x' });
      const [row] = await rows();
      waits.push(Math.round((Date.parse(row?.nextAttemptAt ?? '') - before) / 1000));
      at = Date.parse(row?.nextAttemptAt ?? '') + 1;
    }
    const approx = [30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600, 21600];
    waits.forEach((wait, i) => {
      expect(Math.abs(wait - (approx[i] ?? 0))).toBeLessThanOrEqual(2);
    });
  });

  test('a permanent failure, or the last attempt, is recorded as failed and kept', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const { mailer } = mailbox(
      { ok: false, retryable: false, error: '422: invalid to' },
      { ok: false, retryable: true, error: '500: boom' },
    );
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x', maxAttempts: 1 }),
    ).toMatchObject({
      failed: 2,
      retrying: 0,
    });
    expect((await rows()).map((r) => [r.status, r.lastError])).toEqual([
      ['failed', '422: invalid to'],
      ['failed', '500: boom'],
    ]);
  });

  test('failed messages go back in line from the first attempt, per tenant', async () => {
    w = await world('awb');
    await w.submit();
    const { mailer } = mailbox({ ok: false, retryable: false, error: '403: domain' });
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x' });
    expect(await requeueFailed(w.db, 'another-tenant')).toBe(0);
    expect(await requeueFailed(w.db, w.tenant.id)).toBe(1);
    expect(await rows()).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0, nextAttemptAt: null }),
    ]);
    expect(await requeueFailed(w.db, w.tenant.id)).toBe(0);
  });

  test('a message that cannot be written waits for the next run; the others go', async () => {
    w = await world('awb');
    const broken = await w.submit();
    await w.submit();
    // Written when it goes out: a message queued before messages were kept as written.
    await w.db.update(outbox).set({ pdSubject: null, pdBody: null, pdHtml: null, pdLetter: null });
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, broken) });
    await w.db
      .update(deadlines)
      .set({ dueDate: 'not a date' })
      .where(eq(deadlines.complaintId, row?.id ?? ''));
    const { mailer, sent } = mailbox();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x' }),
    ).toMatchObject({
      sent: 1,
      retrying: 1,
    });
    expect(sent).toHaveLength(1);
    const [first] = await rows();
    expect(first?.status).toBe('pending');
    expect(first?.lastError).toMatch(/^render: Invalid date/);
    const wait = Date.parse(first?.nextAttemptAt ?? '') - NOW.getTime();
    expect(wait).toBe(30_000);
  });

  test('a message about an erased complaint, without an address or tenant, is cancelled and emptied', async () => {
    w = await world('awb');
    const erased = await w.submit();
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, erased) });
    await w.db
      .update(complaints)
      .set({ erasedAt: NOW.toISOString() })
      .where(eq(complaints.id, row?.id ?? ''));
    await w.submit();
    await w.submit();
    const [, noAddress, noTenant] = await rows();
    await w.db
      .update(outbox)
      .set({ pdRecipient: null })
      .where(eq(outbox.id, noAddress?.id ?? ''));
    await w.db
      .update(outbox)
      .set({ tenantId: 'gone' })
      .where(eq(outbox.id, noTenant?.id ?? ''));
    const { mailer, sent } = mailbox();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x' }),
    ).toMatchObject({
      cancelled: 3,
      sent: 0,
    });
    expect(sent).toEqual([]);
    expect((await rows()).map((r) => [r.status, r.pdRecipient, r.pdPayload])).toEqual([
      ['cancelled', null, null],
      ['cancelled', null, null],
      ['cancelled', null, null],
    ]);
  });

  test('a message another run is sending is left alone until its lease ends', async () => {
    w = await world('awb');
    await w.submit();
    const [queued] = await rows();
    const slow = mailbox();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = relayOutbox(w.db, NOW, {
      secretKey: SECRET_KEY,
      from: 'x',
      mailer: {
        send: async (mail, key) => {
          await held;
          return slow.mailer.send(mail, key);
        },
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const other = mailbox();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: other.mailer, from: 'x' }),
    ).toMatchObject({
      sent: 0,
    });
    const afterLease = new Date(NOW.getTime() + 10 * 60_000);
    release();
    await first;
    expect(other.sent).toEqual([]);
    expect(slow.sent).toHaveLength(1);
    // A claim whose process died (before it sent, so with its sealed link) is taken again once
    // its lease is over.
    await w.db.update(outbox).set({
      status: 'sending',
      nextAttemptAt: afterLease.toISOString(),
      pdPayload: queued?.pdPayload,
    });
    expect(
      await relayOutbox(w.db, new Date(afterLease.getTime() - 1), {
        secretKey: SECRET_KEY,
        mailer: other.mailer,
        from: 'x',
      }),
    ).toMatchObject({ sent: 0 });
    expect(
      await relayOutbox(w.db, afterLease, {
        secretKey: SECRET_KEY,
        mailer: other.mailer,
        from: 'x',
      }),
    ).toMatchObject({
      sent: 1,
    });
  });
});

describe('what a sent message records', () => {
  test('the acknowledgement, once delivered, acknowledges the complaint', async () => {
    w = await world('awb');
    const number = await w.submit();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: mailbox().mailer, from: 'x' });
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
    expect(row?.status).toBe('acknowledged');
    const timeline = await w.db.query.events.findMany({
      where: eq(events.complaintId, row?.id ?? ''),
      orderBy: asc(events.seq),
    });
    expect(timeline.map((e) => [e.type, e.actor])).toEqual([
      ['received', 'apiKey:created with the tenant'],
      ['acknowledged', 'system:acknowledgement e-mail'],
    ]);
    const [ack] = await w.db.select().from(deadlines).where(eq(deadlines.term, 'acknowledgement'));
    expect(ack?.metAt).not.toBeNull();
  });

  test('acknowledges the complaint it was about, of its own tenant', async () => {
    w = await world('awb');
    const other = await w.t.tenant('another', { preset: 'wenb' });
    const res = await w.t.json(
      'POST',
      '/v1/tenants/another/complaints',
      {
        complainant: { name: 'Piet', phone: '0612345678', email: 'piet@example.nl' },
        description: 'x',
      },
      { Authorization: `Bearer ${other}` },
    );
    const { number: theirs } = (await res.json()) as { number: string };
    const ours = await w.submit();
    const second = await w.submit();
    await w.db
      .update(outbox)
      .set({ status: 'sent' })
      .where(eq(outbox.pdRecipient, 'piet@example.nl'));
    const ourRow = await w.db.query.complaints.findFirst({
      where: and(eq(complaints.tenantId, w.tenant.id), eq(complaints.number, ours)),
    });
    await w.db
      .update(outbox)
      .set({ status: 'sent' })
      .where(eq(outbox.complaintId, ourRow?.id ?? ''));
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: mailbox().mailer, from: 'x' });
    const statuses = (await w.db.select().from(complaints))
      .map((c) => `${c.tenantId === w.tenant.id ? 'ours' : 'theirs'} ${c.number} ${c.status}`)
      .sort();
    expect(statuses).toEqual([
      `ours ${ours} received`,
      `ours ${second} acknowledged`,
      `theirs ${theirs} received`,
    ]);
  });

  test('after staff moved on, it is recorded without changing the status', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'forward', { handler: 'Piet' });
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: mailbox().mailer, from: 'x' });
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
    expect(row?.status).toBe('forwarded');
    const types = await w.db.query.events.findMany({
      where: eq(events.complaintId, row?.id ?? ''),
    });
    expect(types.map((e) => e.type)).toEqual(['received', 'forwarded', 'acknowledged']);
  });

  test('nothing is recorded for a closed complaint, or one acknowledged already', async () => {
    w = await world('awb');
    const closed = await w.submit();
    await step(closed, 'close', { classification: 'gegrond', summary: 'x' });
    const acknowledged = await w.submit();
    await performStep(w.db, {
      tenant: w.tenant,
      number: acknowledged,
      action: 'acknowledge',
      body: {},
      actor: { kind: 'system', name: 'test' },
      now: NOW,
      locale: 'nl',
      idempotencyKey: null,
    });
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: mailbox().mailer, from: 'x' });
    const all = await w.db.select({ type: events.type }).from(events);
    expect(all.filter((e) => e.type === 'acknowledged')).toHaveLength(1);
  });

  test('other messages record nothing', async () => {
    w = await world('awb');
    const number = await w.submit();
    await w.db.delete(outbox);
    await step(number, 'respond', { message: 'Wij bellen u.' });
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer: mailbox().mailer, from: 'x' });
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
    expect(row?.status).toBe('inProgress');
    expect(row?.version).toBe(2);
  });
});
