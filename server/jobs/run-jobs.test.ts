import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { performStep } from '../complaints/perform-step';
import { complaints, outbox, rateLimits, webhookDeliveries } from '../db/schema';
import type { Mailer } from '../mail/mailer';
import { createEndpoint } from '../webhooks/endpoints';
import type { WebhookTransport } from '../webhooks/transport';
import { runJobs } from './run-jobs';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

function recording() {
  const sent: string[] = [];
  const mailer: Mailer = {
    async send(mail) {
      sent.push(`${mail.to}: ${mail.subject}`);
      return { ok: true, id: String(sent.length) };
    },
  };
  return { mailer, sent };
}

describe('the scheduled jobs', () => {
  test('queue reminders and send them in the same run, at the configured rate', async () => {
    w = await world('awb');
    const number = await w.submit();
    await performStep(w.db, {
      tenant: w.tenant,
      number,
      action: 'forward',
      body: { handler: 'Piet', handlerEmail: 'piet@example.nl' },
      actor: { kind: 'system', name: 'test' },
      now: w.clock.now,
      locale: 'nl',
      idempotencyKey: null,
    });
    const { mailer, sent } = recording();
    const pauses: number[] = [];
    const report = await runJobs({ ...w.t.deps, mailer }, new Date('2026-03-06T10:00:00Z'), {
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(report).toEqual({
      asOf: '2026-03-06T10:00:00.000Z',
      dryRun: false,
      outbox: { sent: 3, retrying: 0, failed: 0, held: 0, cancelled: 0 },
      // No endpoints in this world: nothing to deliver.
      webhooks: { delivered: 0, retrying: 0, failed: 0 },
      reminders: 1,
      escalations: 0,
      purged: 0,
      rateLimitsCleared: 0,
    });
    expect(sent).toEqual([
      'jan@example.nl: Wij hebben uw klacht ontvangen (2026-0001)',
      'piet@example.nl: Klacht 2026-0001 is aan u toegewezen',
      'piet@example.nl: Herinnering: klacht 2026-0001, Ontvangstbevestiging',
    ]);
    // mailPerSecond is 2 in the test app.
    expect(pauses).toEqual([500, 500]);
    await w.submit();
    await w.submit();
    pauses.length = 0;
    const config = { ...w.t.deps.config, mailPerSecond: 4 };
    await runJobs({ ...w.t.deps, config, mailer }, new Date('2026-03-06T10:00:00Z'), {
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(pauses).toEqual([250]);
  });

  test('purge what retention ended, and clear rate-limit windows that are over', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.db
      .update(complaints)
      .set({ status: 'closed', closedAt: '2023-01-01T10:00:00Z' })
      .where(eq(complaints.number, number));
    await w.db.insert(rateLimits).values([
      { key: 'old', count: 1, expiresAt: '2026-03-02T08:59:59.999Z' },
      { key: 'current', count: 1, expiresAt: '2026-03-02T09:10:00.000Z' },
    ]);
    const report = await runJobs(w.t.deps, new Date('2026-03-02T09:00:00Z'));
    expect(report).toMatchObject({
      purged: 1,
      rateLimitsCleared: 1,
      outbox: { held: 0, cancelled: 0 },
    });
    expect((await w.db.select().from(rateLimits)).map((r) => r.key)).toEqual(['current']);
  });

  test('hold the messages when there is no mailer', async () => {
    w = await world('awb');
    await w.submit();
    const report = await runJobs(w.t.deps, new Date('2026-03-02T09:00:00Z'));
    expect(report.outbox).toEqual({ sent: 0, retrying: 0, failed: 0, held: 1, cancelled: 0 });
  });

  test('a dry run reports what would happen and changes nothing', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.db
      .update(complaints)
      .set({ status: 'closed', closedAt: '2023-01-01T10:00:00Z' })
      .where(eq(complaints.number, number));
    await w.db
      .insert(rateLimits)
      .values({ key: 'old', count: 1, expiresAt: '2020-01-01T00:00:00Z' });
    const report = await runJobs(w.t.deps, new Date('2026-03-02T09:00:00Z'), { dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      purged: 1,
      rateLimitsCleared: 0,
      outbox: { held: 1 },
    });
    expect(await w.db.select().from(rateLimits)).toHaveLength(1);
    expect((await w.db.select().from(outbox)).map((m) => m.status)).toEqual(['pending']);
    const [row] = await w.db.select().from(complaints);
    expect(row?.erasedAt).toBeNull();
  });

  test('look at a bounded batch per run; the relay at most 100 at a time', async () => {
    w = await world('awb');
    for (let i = 0; i < 3; i++) await w.submit();
    const { mailer, sent } = recording();
    const deps = { ...w.t.deps, mailer };
    const now = new Date('2026-03-02T09:00:00Z');
    expect((await runJobs(deps, now, { batchSize: 2, perSecond: 1000 })).outbox.sent).toBe(2);
    expect((await runJobs(deps, now, { perSecond: 1000 })).outbox.sent).toBe(1);
    expect(sent).toHaveLength(3);
  });
});

describe('the webhooks in the scheduled jobs', () => {
  /** Three new complaints, each queued for an endpoint whose receiver answers 204. */
  async function threeQueued() {
    w = await world('awb');
    await createEndpoint(
      w.db,
      w.t.deps.config,
      w.tenant.id,
      {
        url: 'https://hooks.example.nl/klacht',
        events: ['complaint.received'],
        includePersonalData: false,
      },
      'nl',
    );
    for (let i = 0; i < 3; i++) await w.submit();
    const timeouts: number[] = [];
    const webhookTransport: WebhookTransport = async (request) => {
      timeouts.push(request.timeoutMs);
      return { status: 204 };
    };
    return { deps: { ...w.t.deps, webhookTransport }, timeouts };
  }
  const now = new Date('2026-03-02T09:00:00Z');
  const statuses = async () =>
    (await w.db.select().from(webhookDeliveries)).map((d) => d.status).sort();

  test('webhooks claimed after the mail took its time are leased from when they were claimed', async () => {
    const { deps } = await threeQueued();
    const leases: (string | null)[] = [];
    const webhookTransport: WebhookTransport = async () => {
      const [row] = await w.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, 'sending'));
      leases.push(row?.nextAttemptAt ?? null);
      return { status: 204 };
    };
    // Each message takes 40 s (three acknowledgements: two minutes of the run).
    const real = Date.now;
    let taken = 0;
    const slow: Mailer = {
      async send() {
        taken += 40_000;
        return { ok: true, id: String(taken) };
      },
    };
    vi.spyOn(Date, 'now').mockImplementation(() => real() + taken);
    try {
      await runJobs({ ...deps, mailer: slow, webhookTransport }, now, { sleep: async () => {} });
    } finally {
      vi.restoreAllMocks();
    }
    expect(leases).toHaveLength(3);
    // Two minutes from the claim, itself two minutes into the run (give or take the run's own ms).
    const fromClaim = now.getTime() + 120_000 + 120_000;
    for (const lease of leases) {
      expect(Date.parse(lease ?? '')).toBeGreaterThanOrEqual(fromClaim);
      expect(Date.parse(lease ?? '')).toBeLessThan(fromClaim + 5_000);
    }
  });

  test('a dry run counts the webhooks due and sends none', async () => {
    const { deps, timeouts } = await threeQueued();
    const report = await runJobs(deps, now, { dryRun: true });
    expect(report.webhooks).toEqual({ delivered: 3, retrying: 0, failed: 0 });
    expect(timeouts).toEqual([]);
    expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
  });

  test('a run sends at most its batch of webhooks; the next run the rest', async () => {
    const { deps } = await threeQueued();
    expect((await runJobs(deps, now, { batchSize: 2 })).webhooks.delivered).toBe(2);
    expect(await statuses()).toEqual(['delivered', 'delivered', 'pending']);
    expect((await runJobs(deps, now, { batchSize: 2 })).webhooks.delivered).toBe(1);
    expect(await statuses()).toEqual(['delivered', 'delivered', 'delivered']);
  });

  test('a receiver gets the configured time to answer, 10 seconds by default', async () => {
    const { deps, timeouts } = await threeQueued();
    await runJobs(deps, now, { batchSize: 1, webhookTimeoutMs: 2_500 });
    await runJobs(deps, now, { batchSize: 1 });
    expect(timeouts).toEqual([2_500, 10_000]);
  });
});
