import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runJobs } from '../server/jobs/run-jobs';
import { deliverWebhooks } from '../server/webhooks/deliver';
import { type TestApp, testApp } from './helpers';
import { startWebhookReceiver } from './webhook-receiver';

const NOW = new Date('2026-03-02T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let t: TestApp;
let key: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  key = await t.tenant('wenb');
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
  t.close();
});

const auth = (k = key) => ({ Authorization: `Bearer ${k}` });

const complainant = {
  name: 'Jan Jansen',
  phone: '0612345678',
  email: 'jan.jansen@example.nl',
};
const description = 'Het advies kwam drie weken te laat.';

async function register(body: Record<string, unknown>, k = key, slug = 'wenb') {
  return t.json('POST', `/v1/tenants/${slug}/webhooks`, body, auth(k));
}

async function endpoint(events: string[] = ['complaint.received'], extra = {}) {
  const res = await register({ url: `${receiver.url}/hook`, events, ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { endpoint: { id: string }; secret: string };
}

async function submit() {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', { complainant, description });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: string }).number;
}

/** Staff add `count` notes to the complaint: each is a step, and a `complaint.step_done`. */
async function notes(number: string, count: number) {
  for (let i = 1; i <= count; i++) {
    const res = await t.json(
      'POST',
      `/v1/tenants/wenb/complaints/${number}/actions/add-note`,
      { note: `Notitie ${i}` },
      auth(),
    );
    expect(res.status).toBe(200);
  }
}

const jobs = (at = NOW) => runJobs(t.deps, at, { webhookTimeoutMs: 300 });

/** Every delivery's status, attempts and last answer, as the log shows them. */
async function log(endpointId: string) {
  const res = await t.json(
    'GET',
    `/v1/tenants/wenb/webhooks/${endpointId}/deliveries`,
    undefined,
    auth(),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Record<string, unknown>[] }).items;
}

describe('signed deliveries', () => {
  test('a new complaint is delivered once, signed per Standard Webhooks, without personal data', async () => {
    const { secret } = await endpoint();
    const number = await submit();
    const report = await jobs();
    expect(report.webhooks).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (!request) throw new Error('nothing received');
    // The reference library accepts the signature; a changed body or another secret is refused.
    const headers = {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    };
    const payload = new Webhook(secret).verify(request.body, headers) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(() => new Webhook(secret).verify(`${request.body} `, headers)).toThrow();
    const other = `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`;
    expect(() => new Webhook(other).verify(request.body, headers)).toThrow();
    expect(request.headers['content-type']).toBe('application/json');
    expect(payload.type).toBe('complaint.received');
    expect(payload.data).toMatchObject({
      tenant: 'wenb',
      complaint: { number, status: 'received', channel: 'web', due: expect.any(Object) },
      step: { seq: 1, type: 'received' },
    });
    expect(payload.data.personal).toBeUndefined();
    // No name, address, phone, e-mail or free text anywhere in the request.
    for (const value of [...Object.values(complainant), description, 'Jansen', '0612345678']) {
      expect(request.body).not.toContain(value);
    }
    // Nothing more to send on the next run.
    await jobs(later(5));
    expect(receiver.received).toHaveLength(1);
    const [entry] = await log((await endpointList())[0] as string);
    expect(entry).toMatchObject({
      type: 'complaint.received',
      status: 'delivered',
      attempts: 1,
      lastStatus: 200,
    });
  });

  test('an endpoint that opted in gets the personal data; steps, closing and passed terms are events', async () => {
    await endpoint(
      ['complaint.received', 'complaint.step_done', 'complaint.closed', 'complaint.term_overdue'],
      { includePersonalData: true },
    );
    const number = await submit();
    const step = (action: string, body: Record<string, unknown> = {}) =>
      t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, body, auth());
    expect((await step('acknowledge')).status).toBe(200);
    await jobs();
    const bodies = () => receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies().map((b) => b.type)).toEqual(['complaint.received', 'complaint.step_done']);
    expect(bodies()[0].data.personal).toMatchObject({
      complainant: { name: 'Jan Jansen', email: 'jan.jansen@example.nl' },
      description,
    });
    // The resolution term (2 weeks) passes unmet.
    await jobs(new Date('2026-03-20T10:00:00Z'));
    const overdue = bodies().find((b) => b.type === 'complaint.term_overdue');
    expect(overdue?.data.term).toMatchObject({ name: 'resolution' });
    expect((await step('close', { cause: 'Drukte' })).status).toBe(200);
    await jobs(new Date('2026-03-20T11:00:00Z'));
    expect(
      bodies()
        .slice(-2)
        .map((b) => b.type),
    ).toEqual(['complaint.step_done', 'complaint.closed']);
    expect(bodies().at(-1).data.complaint.status).toBe('closed');
    // Each event once, each with its own webhook-id.
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
  });
  test("one complaint's events reach an endpoint one after another, in order; complaints side by side", async () => {
    await endpoint(['complaint.received', 'complaint.step_done', 'complaint.closed']);
    const numbers = [await submit(), await submit()];
    for (const number of numbers) {
      const step = (action: string, body: Record<string, unknown> = {}) =>
        t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, body, auth());
      expect((await step('acknowledge')).status).toBe(200);
      expect((await step('add-note', { note: 'Gebeld.' })).status).toBe(200);
      expect((await step('close', { cause: 'Drukte' })).status).toBe(200);
    }
    receiver.answer(...Array<'slow'>(10).fill('slow'));
    expect((await jobs()).webhooks).toEqual({ delivered: 10, retrying: 0, failed: 0 });
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    for (const number of numbers) {
      const lane = bodies.filter((b) => b.data.complaint.number === number);
      expect(lane.map((b) => [b.type, b.data.step?.seq])).toEqual([
        ['complaint.received', 1],
        ['complaint.step_done', 2],
        ['complaint.step_done', 3],
        ['complaint.step_done', 4],
        ['complaint.closed', 4],
      ]);
    }
    expect(receiver.peakInFlight).toBe(2);
  });
});

async function endpointList() {
  const res = await t.json('GET', '/v1/tenants/wenb/webhooks', undefined, auth());
  return ((await res.json()) as { items: { id: string }[] }).items.map((e) => e.id);
}

describe('retries', () => {
  test('what a slow receiver keeps a run from starting goes back in line before its lease ends', async () => {
    await receiver.close();
    receiver = await startWebhookReceiver({ slowMs: 500 });
    const { endpoint: ep } = await endpoint(['complaint.received', 'complaint.step_done']);
    await notes(await submit(), 3);
    receiver.answer('slow', 'slow');
    // Half of a 1.5 s lease: the first two answers (500 ms each) start within it, the rest not.
    const report = await deliverWebhooks(t.deps, NOW, { leaseMs: 1_500, timeoutMs: 700 });
    expect(report).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    // Newest first: the two not started are due again, their attempt not counted.
    expect((await log(ep.id)).map((e) => [e.status, e.attempts, e.nextAttemptAt])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
      ['delivered', 1, null],
      ['delivered', 1, null],
    ]);
    expect((await jobs()).webhooks).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    expect(receiver.received.map((r) => JSON.parse(r.body).data.step.seq)).toEqual([1, 2, 3, 4]);
  });

  test('a receiver that hangs costs a run one timeout: its other deliveries wait untried', async () => {
    const { endpoint: ep } = await endpoint(['complaint.received', 'complaint.step_done']);
    await notes(await submit(), 3);
    receiver.answer('hang');
    expect((await jobs()).webhooks).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    expect((await log(ep.id)).map((e) => [e.attempts, e.nextAttemptAt === null])).toEqual([
      [0, true],
      [0, true],
      [0, true],
      [1, false],
    ]);
    // After the backoff all four go, in the order they happened.
    expect((await jobs(later(5))).webhooks).toEqual({ delivered: 4, retrying: 0, failed: 0 });
    expect(receiver.received.slice(1).map((r) => JSON.parse(r.body).data.step.seq)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  test("endpoints take turns: one endpoint's backlog does not crowd out its tenant's other one", async () => {
    await endpoint();
    for (let i = 0; i < 3; i++) await submit();
    const second = await register({
      url: `${receiver.url}/second`,
      events: ['complaint.received'],
    });
    expect(second.status).toBe(201);
    await submit();
    // Room for two: the first endpoint's oldest and the second's, not the first's two oldest
    // (sent side by side, so in either order).
    await deliverWebhooks(t.deps, NOW, { batchSize: 2 });
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/hook', '/second']);
  });

  test('after 500s, a timeout and a dropped connection, with backoff and the same webhook-id', async () => {
    const { endpoint: ep, secret } = await endpoint();
    await submit();
    receiver.answer(500, 'hang', 'drop', 503);
    const reports = [];
    // Each run finds the delivery due only once its backoff has passed.
    for (const minutes of [0, 0.5, 1, 6, 36, 40, 200])
      reports.push((await jobs(later(minutes))).webhooks);
    expect(reports.map((r) => r.delivered + r.retrying + r.failed)).toEqual([1, 0, 1, 1, 1, 0, 1]);
    expect(reports.at(-1)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(5);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Every attempt is signed afresh and verifies.
    for (const r of receiver.received) {
      expect(() =>
        new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
      ).not.toThrow();
    }
    const [entry] = await log(ep.id);
    expect(entry).toMatchObject({
      status: 'delivered',
      attempts: 5,
      lastStatus: 200,
      lastError: null,
    });
  });

  test('a receiver that keeps failing ends as failed; the re-send puts it back with its id', async () => {
    const { endpoint: ep } = await endpoint();
    await submit();
    receiver.answer(...Array(9).fill(500));
    for (let minute = 0; minute < 4000; minute += 240) await jobs(later(minute));
    let [entry] = await log(ep.id);
    expect(entry).toMatchObject({
      status: 'failed',
      attempts: 9,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    const resend = await t.json(
      'POST',
      `/v1/tenants/wenb/webhooks/${ep.id}/deliveries/${entry?.id}/resend`,
      undefined,
      auth(),
    );
    expect(resend.status).toBe(200);
    expect(await resend.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await jobs(later(4001));
    [entry] = await log(ep.id);
    expect(entry).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.received).toHaveLength(10);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  test('a redirect is not followed and counts as a failed attempt', async () => {
    const { endpoint: ep } = await endpoint();
    await submit();
    receiver.answer(301);
    await jobs();
    expect(receiver.received).toHaveLength(1);
    const [entry] = await log(ep.id);
    expect(entry).toMatchObject({ status: 'pending', lastStatus: 301, lastError: 'HTTP 301' });
  });
});
