import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { presetProcedure } from '../shared/presets';
import { SECRET_KEY, type TestApp, testApp } from './helpers';
import { startResendCapture } from './resend-capture';

/* Cases found in review: each would break a promise the product makes. */

let t: TestApp;
let key: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-12-24T09:00:00Z');
  t = await testApp({ now: () => now });
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });
const body = {
  complainant: { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' },
  description: 'Te laat.',
};
async function submit(extra: object = {}) {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', { ...body, ...extra });
  expect(res.status).toBe(201);
  return res.json();
}
const act = (number: string, action: string, data: unknown = {}, headers = {}) =>
  t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, data, {
    ...auth(),
    ...headers,
  });
const view = async (number: string) =>
  (await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth())).json();

describe('retries never apply a step twice, nor drop another', () => {
  test('one Idempotency-Key for another step is refused', async () => {
    const { number } = await submit();
    expect(
      (await act(number, 'forward', { handler: 'A' }, { 'Idempotency-Key': 'step-key-1' })).status,
    ).toBe(200);
    const other = await act(number, 'close', { cause: 'c' }, { 'Idempotency-Key': 'step-key-1' });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_key_reused');
    expect((await view(number)).status).toBe('forwarded');
  });

  test('of two different concurrent steps, the loser hears 409, not 200', async () => {
    for (let run = 0; run < 5; run++) {
      const { number } = await submit();
      const [a, b] = await Promise.all([
        act(number, 'forward', { handler: 'A' }, { 'Idempotency-Key': `fwd-${run}-key` }),
        act(number, 'update', { cause: 'c' }, { 'Idempotency-Key': `upd-${run}-key` }),
      ]);
      const statuses = [a.status, b.status];
      const events = (await view(number)).events.length;
      // Whatever answered 200 is in the timeline; whatever was not applied said so.
      expect(events - 1).toBe(statuses.filter((s) => s === 200).length);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    }
  });

  test('accepting twice records it once, and no appeal after accepting', async () => {
    const { number, trackingUrl } = await submit();
    const token = trackingUrl.split('/').pop();
    await act(number, 'propose-solution', { proposedSolution: 's', cause: 'c' });
    expect((await t.json('POST', `/v1/track/${token}/accept`)).status).toBe(200);
    expect((await t.json('POST', `/v1/track/${token}/accept`)).status).toBe(200);
    expect((await t.json('POST', `/v1/track/${token}/appeal`, { grounds: 'g' })).status).toBe(409);
    await t.json('POST', `/v1/track/${token}/erasure`);
    await t.json('POST', `/v1/track/${token}/erasure`);
    const types = (await view(number)).events.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'solutionAccepted')).toHaveLength(1);
    expect(types.filter((x: string) => x === 'erasureRequested')).toHaveLength(1);
    expect(types).not.toContain('appealFiled');
  });

  test('a retry after the rate limit is answered as the first request was', async () => {
    const limited = await testApp({ submitLimit: { max: 1, windowSeconds: 600 } });
    try {
      await limited.tenant('wenb');
      const headers = { 'Idempotency-Key': 'retry-after-limit', 'cf-connecting-ip': '192.0.2.9' };
      const first = await limited.json('POST', '/v1/tenants/wenb/complaints', body, headers);
      const retry = await limited.json('POST', '/v1/tenants/wenb/complaints', body, headers);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(await retry.json()).toEqual(await first.json());
    } finally {
      limited.close();
    }
  });
});

describe('bad input is a 4xx, never a 500', () => {
  test('a body that is JSON but not an object', async () => {
    for (const raw of ['null', '[]', '"text"', '42']) {
      const res = await t.app.request('/v1/tenants/wenb/complaints', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: raw,
      });
      expect(res.status, raw).toBe(400);
    }
  });

  test('a receipt date in another century', async () => {
    for (const receivedAt of ['1800-01-01T00:00:00Z', '0001-01-01T00:00:00Z']) {
      const res = await t.json(
        'POST',
        '/v1/tenants/wenb/complaints',
        { ...body, receivedAt },
        auth(),
      );
      expect(res.status, receivedAt).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toEqual(['receivedAt']);
    }
  });

  test('a staff change with nothing to change', async () => {
    const list = await (
      await t.json(
        'POST',
        '/v1/tenants/wenb/staff',
        { email: 'a@b.nl', name: 'A', role: 'handler' },
        auth(),
      )
    ).json();
    const id = list.staff?.id ?? list.id;
    const res = await t.json('PATCH', `/v1/tenants/wenb/staff/${id}`, {}, auth());
    expect(res.status).toBe(200);
  });

  test('a malformed form post to the tracking page', async () => {
    const { trackingUrl } = await submit();
    const res = await t.app.request(`/track/${trackingUrl.split('/').pop()}/appeal`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: 'garbage',
    });
    expect(res.status).toBe(400);
  });
});

describe('deadlines and reports say what happened', () => {
  test('the acknowledgement e-mail meets its term even after staff moved on', async () => {
    const capture = await startResendCapture();
    try {
      const { number } = await submit();
      await act(number, 'forward', { handler: 'Sanne' });
      await relayOutbox(t.db, new Date('2026-12-24T09:05:00Z'), {
        secretKey: SECRET_KEY,
        mailer: resendMailer({ apiKey: 're_x', baseUrl: capture.baseUrl }),
        from: 'k@example.org',
        sleep: async () => {},
      });
      const c = await view(number);
      expect(c.status).toBe('forwarded');
      expect(
        c.deadlines.find((d: { term: string }) => d.term === 'acknowledgement').metAt,
      ).not.toBeNull();
      const overdue = await (
        await t.json('GET', '/v1/tenants/wenb/complaints?overdue=true', undefined, auth())
      ).json();
      now = new Date('2027-01-04T09:00:00Z');
      expect(overdue.items).toEqual([]);
    } finally {
      await capture.close();
    }
  });

  test('a complaint closed before its due dates is not counted as overdue', async () => {
    const { number } = await submit();
    await act(number, 'close', { cause: 'Opgelost aan de telefoon.' });
    now = new Date('2027-03-01T09:00:00Z');
    const report = await (
      await t.json('GET', '/v1/tenants/wenb/reports/monthly?year=2026', undefined, auth())
    ).json();
    expect(report.months[11]).toMatchObject({ received: 1, closed: 1, overdue: 0 });
  });
});

describe('nobody is left out of what they asked to hear', () => {
  test('staff named for "received" hear of every new complaint', async () => {
    const procedure = presetProcedure('wenb');
    procedure.notifications = { senderName: 'WENB', staff: { received: ['intake@wenb.nl'] } };
    await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, auth());
    await submit();
    const rows = await t.db.$client.execute(
      "SELECT pd_recipient FROM outbox WHERE kind = 'staff:received'",
    );
    expect(rows.rows.map((r) => r.pd_recipient)).toEqual(['intake@wenb.nl']);
  });

  test("a complainant's erasure request reaches the organisation", async () => {
    const procedure = presetProcedure('wenb');
    procedure.notifications = { senderName: 'WENB', replyTo: 'bureau@wenb.nl', staff: {} };
    await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, auth());
    const { trackingUrl } = await submit();
    expect((await t.json('POST', `/v1/track/${trackingUrl.split('/').pop()}/erasure`)).status).toBe(
      202,
    );
    const rows = await t.db.$client.execute(
      "SELECT pd_recipient FROM outbox WHERE kind = 'staff:erasureRequested'",
    );
    expect(rows.rows.map((r) => r.pd_recipient)).toEqual(['bureau@wenb.nl']);
  });

  test('a key or domain not yet set up at Resend (403) is retried, not dropped; a 422 is not', async () => {
    await submit();
    const capture = await startResendCapture();
    try {
      const mailer = resendMailer({ apiKey: 're_x', baseUrl: capture.baseUrl });
      capture.fail('403');
      await relayOutbox(t.db, new Date('2026-12-24T09:05:00Z'), {
        secretKey: SECRET_KEY,
        mailer,
        from: 'x@example.org',
        sleep: async () => {},
      });
      const row = (await t.db.$client.execute('SELECT status, last_error FROM outbox')).rows[0];
      expect(row).toMatchObject({ status: 'pending' });
      expect(String(row?.last_error)).toContain('403');
      const refused = await mailer.send(
        { from: 'a@b.nl', to: 'c@d.nl', subject: 's', text: 't', html: 'h' },
        'k',
      );
      expect(refused).toMatchObject({ ok: true });
      capture.fail('422');
      const malformed = await mailer.send(
        { from: 'a@b.nl', to: 'c@d.nl', subject: 's', text: 't', html: 'h' },
        'k2',
      );
      expect(malformed).toMatchObject({ ok: false, retryable: false });
    } finally {
      await capture.close();
    }
  });
});

test('erasure leaves no names behind, staff included', async () => {
  const { number } = await submit();
  await act(number, 'forward', { handler: 'Piet Pietersen', handlerEmail: 'piet@wenb.nl' });
  await t.json('DELETE', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  const dump = JSON.stringify([
    (await t.db.$client.execute('SELECT * FROM complaints')).rows,
    (await t.db.$client.execute('SELECT * FROM events')).rows,
    (await t.db.$client.execute('SELECT id, pd_recipient, pd_payload FROM outbox')).rows,
  ]);
  expect(dump).not.toMatch(/Piet|piet@wenb/);
});
