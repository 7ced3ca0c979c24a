import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { SECRET_KEY, type TestApp, testApp } from './helpers';
import { startResendCapture } from './resend-capture';

let t: TestApp;
let capture: Awaited<ReturnType<typeof startResendCapture>>;
let key: string;

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-12-24T09:00:00Z') });
  key = await t.tenant('wenb');
  capture = await startResendCapture();
});
afterEach(async () => {
  await capture.close();
  t.close();
});

// The capture server answers at once, but a busy machine can take a while to pass the answer on:
// a generous timeout keeps that from counting as "no answer". The fault tests, where the server
// may never answer, give up sooner.
const mailer = (timeoutMs = 10_000) =>
  resendMailer({ apiKey: 're_test_key', baseUrl: capture.baseUrl, timeoutMs });
const noSleep = async () => {};

async function submit(email = 'jan@example.nl') {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Jan Jansen', phone: '0612345678', email },
    description: 'Het advies kwam drie weken te laat.',
  });
  expect(res.status).toBe(201);
  return res.json();
}

// Runs the relay as the jobs would, each time a little later, until nothing is left to do.
async function relayUntilDone(start: Date, runs = 10, timeoutMs?: number) {
  let at = start;
  for (let i = 0; i < runs; i++) {
    await relayOutbox(t.db, at, {
      secretKey: SECRET_KEY,
      mailer: mailer(timeoutMs),
      from: 'klachten@example.org',
      sleep: noSleep,
    });
    at = new Date(at.getTime() + 24 * 3_600_000);
  }
}

describe('the outbox relay through the real Resend SDK', () => {
  test('the acknowledgement arrives with number, due dates and tracking link', async () => {
    const { number, trackingUrl } = await submit();
    const report = await relayOutbox(t.db, new Date('2026-12-24T09:01:00Z'), {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'klachten@example.org',
      sleep: noSleep,
    });
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = [...capture.delivered.values()];
    expect(mail?.to).toEqual('jan@example.nl');
    expect(mail?.from).toBe('"Bureau WENB" <klachten@example.org>');
    expect(mail?.subject).toContain(number);
    expect(mail?.text).toContain(number);
    // The mail links with a token of its own (opening it confirms the address), to the same
    // complaint; to an address typed into the public form it quotes nothing the sender wrote.
    const mailed = mail?.text.match(/https:\/\/klacht\.test\/track\/[\w-]{43}/)?.[0] ?? '';
    expect(mailed).not.toBe(trackingUrl);
    expect((await t.json('GET', `/v1/track/${mailed.split('/').pop()}`)).status).toBe(200);
    expect(mail?.text).not.toContain('Het advies kwam drie weken te laat.');
    // Thu 24 Dec 2026 + 2 working days; + 2 weeks.
    expect(mail?.text).toContain('uiterlijk di 29 dec 2026');
    expect(mail?.text).toContain('uiterlijk do 7 jan 2027');
    expect(mail?.text).toMatch(/2 jaar/);
    expect(mail?.html).toContain(`<a href="${mailed}">`);
    expect(mail?.idempotencyKey).toBeTruthy();
    // Delivering the written acknowledgement is the procedure's step: it is recorded and meets
    // the acknowledgement term.
    const complaint = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, {
        Authorization: `Bearer ${key}`,
      })
    ).json();
    expect(complaint.status).toBe('acknowledged');
    expect(complaint.events.at(-1)).toMatchObject({
      type: 'acknowledged',
      actor: 'system:acknowledgement e-mail',
    });
    expect(
      complaint.deadlines.find((d: { term: string }) => d.term === 'acknowledgement').metAt,
    ).not.toBeNull();
    // After sending, the outbox keeps no usable token.
    const rows = JSON.stringify((await t.db.$client.execute('SELECT * FROM outbox')).rows);
    expect(rows).not.toContain(trackingUrl.split('/').pop());
    expect(rows).not.toContain(mailed.split('/').pop());
  });

  test.each([
    ['429', ['429']],
    ['500', ['500']],
    ['a timeout', ['timeout']],
    ['a dropped connection', ['drop']],
    ['all of them in a row', ['429', '500', 'timeout', 'drop']],
  ] as const)('%s ends with exactly one delivered message per outbox row', async (_, faults) => {
    await submit('a@example.nl');
    await submit('b@example.nl');
    capture.fail(...faults);
    await relayUntilDone(new Date('2026-12-24T09:01:00Z'), 10, 300);
    expect(capture.delivered.size).toBe(2);
    expect([...capture.delivered.values()].map((m) => m.to).sort()).toEqual([
      'a@example.nl',
      'b@example.nl',
    ]);
    const rows = await t.db.$client.execute('SELECT status, attempts, last_error FROM outbox');
    expect(rows.rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    // The failure was recorded on the way.
    expect(rows.rows.some((r) => Number(r.attempts) > 1)).toBe(true);
  });

  test('a process killed after the commit and before the send still delivers once on the next run', async () => {
    await submit();
    // Killed after the complaint was committed: nothing was sent; the next run sends it.
    // Killed after handing the message to Resend but before recording it: the row stays claimed.
    const crashing = resendMailer({ apiKey: 're_test_key', baseUrl: capture.baseUrl });
    const start = new Date('2026-12-24T09:01:00Z');
    await expect(
      relayOutbox(t.db, start, {
        secretKey: SECRET_KEY,
        mailer: {
          async send(mail, idempotencyKey) {
            await crashing.send(mail, idempotencyKey);
            throw new Error('process killed');
          },
        },
        from: 'klachten@example.org',
        sleep: noSleep,
      }),
    ).rejects.toThrow('process killed');
    expect((await t.db.$client.execute('SELECT status FROM outbox')).rows[0]?.status).toBe(
      'sending',
    );
    // A concurrent run within the lease does not take it.
    await relayOutbox(t.db, new Date(start.getTime() + 60_000), {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'x@example.org',
      sleep: noSleep,
    });
    expect(capture.requests).toHaveLength(1);
    // After the lease, the next run sends it again with the same key; Resend keeps one.
    await relayOutbox(t.db, new Date(start.getTime() + 11 * 60_000), {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'klachten@example.org',
      sleep: noSleep,
    });
    expect(capture.requests).toHaveLength(2);
    expect(new Set(capture.requests.map((r) => r.key)).size).toBe(1);
    expect(capture.delivered.size).toBe(1);
    expect((await t.db.$client.execute('SELECT status FROM outbox')).rows[0]?.status).toBe('sent');
  });

  test('a message is never sent twice, also when two relays run at once', async () => {
    for (let i = 0; i < 6; i++) await submit(`p${i}@example.nl`);
    const at = new Date('2026-12-24T09:01:00Z');
    const run = () =>
      relayOutbox(t.db, at, {
        secretKey: SECRET_KEY,
        mailer: mailer(),
        from: 'klachten@example.org',
        sleep: noSleep,
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.sent + b.sent).toBe(6);
    expect(capture.requests).toHaveLength(6);
  });

  test('the rate is honoured: one pause of 1/perSecond between sends', async () => {
    for (let i = 0; i < 3; i++) await submit(`r${i}@example.nl`);
    const pauses: number[] = [];
    await relayOutbox(t.db, new Date('2026-12-24T09:01:00Z'), {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'klachten@example.org',
      perSecond: 2,
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(pauses).toEqual([500, 500]);
  });

  // Resend's retry-after, in seconds, decides the next attempt; without one the relay backs off
  // 30 seconds. The values differ enough that each outcome tells which rule was applied.
  test.each([
    ['120', 120_000],
    ['7', 7_000],
    [null, 30_000],
  ] as const)(
    'a 429 with retry-after %s: the next attempt is that long after the answer',
    async (header, wait) => {
      await capture.close();
      capture = await startResendCapture({ retryAfter: header });
      await submit();
      capture.fail('429');
      const at = new Date('2026-12-24T09:01:00Z');
      // The relay counts from when the answer came, in real time: bracket that moment.
      const before = Date.now();
      await relayOutbox(t.db, at, {
        secretKey: SECRET_KEY,
        mailer: mailer(),
        from: 'klachten@example.org',
        sleep: noSleep,
      });
      const after = Date.now();
      const row = (
        await t.db.$client.execute('SELECT status, next_attempt_at, last_error FROM outbox')
      ).rows[0];
      expect(row?.status).toBe('pending');
      expect(String(row?.last_error)).toContain('429');
      const next = new Date(String(row?.next_attempt_at)).getTime();
      expect(next).toBeGreaterThanOrEqual(before + wait);
      expect(next).toBeLessThanOrEqual(after + wait);
      // A run a second before that time sends nothing; a run at that time sends it.
      await relayOutbox(t.db, new Date(next - 1_000), {
        secretKey: SECRET_KEY,
        mailer: mailer(),
        from: 'klachten@example.org',
        sleep: noSleep,
      });
      expect(capture.delivered.size).toBe(0);
      await relayOutbox(t.db, new Date(next), {
        secretKey: SECRET_KEY,
        mailer: mailer(),
        from: 'klachten@example.org',
        sleep: noSleep,
      });
      expect(capture.delivered.size).toBe(1);
    },
  );

  test('a permanent refusal is recorded as failed, visible, and not retried', async () => {
    await submit();
    const refusing = {
      async send() {
        return { ok: false as const, retryable: false, error: '422: invalid from address' };
      },
    };
    await relayOutbox(t.db, new Date('2026-12-24T09:01:00Z'), {
      secretKey: SECRET_KEY,
      mailer: refusing,
      from: 'x',
      sleep: noSleep,
    });
    const row = (await t.db.$client.execute('SELECT status, last_error FROM outbox')).rows[0];
    expect(row).toMatchObject({ status: 'failed', last_error: '422: invalid from address' });
  });

  test('failed messages can be sent again once the cause is fixed', async () => {
    await submit();
    const refusing = {
      async send() {
        return { ok: false as const, retryable: false, error: '422: from address not allowed' };
      },
    };
    const at = new Date('2026-12-24T09:01:00Z');
    await relayOutbox(t.db, at, {
      secretKey: SECRET_KEY,
      mailer: refusing,
      from: 'x',
      sleep: noSleep,
    });
    const other = await t.tenant('totaalonder1dak');
    const foreign = await t.json('POST', '/v1/tenants/totaalonder1dak/outbox/retry', undefined, {
      Authorization: `Bearer ${other}`,
    });
    expect(await foreign.json()).toEqual({ requeued: 0 });
    const retry = await t.json('POST', '/v1/tenants/wenb/outbox/retry', undefined, {
      Authorization: `Bearer ${key}`,
    });
    expect(await retry.json()).toEqual({ requeued: 1 });
    await relayOutbox(t.db, at, {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'klachten@example.org',
      sleep: noSleep,
    });
    expect(capture.delivered.size).toBe(1);
  });

  test('without RESEND_API_KEY messages are held, never pretended to be sent', async () => {
    await submit();
    const report = await relayOutbox(t.db, new Date('2026-12-24T09:01:00Z'), {
      secretKey: SECRET_KEY,
      from: 'x@example.org',
    });
    expect(report).toMatchObject({ held: 1, sent: 0 });
    const row = (await t.db.$client.execute('SELECT status, sent_at FROM outbox')).rows[0];
    expect(row).toMatchObject({ status: 'held', sent_at: null });
    // Once a mailer is configured, held messages go out.
    await relayOutbox(t.db, new Date('2026-12-24T09:02:00Z'), {
      secretKey: SECRET_KEY,
      mailer: mailer(),
      from: 'x@example.org',
      sleep: noSleep,
    });
    expect(capture.delivered.size).toBe(1);
  });

  test('messages follow the lifecycle: the proposal carries the appeal route and a fresh link', async () => {
    const { number } = await submit();
    await t.json(
      'POST',
      `/v1/tenants/wenb/complaints/${number}/actions/propose-solution`,
      {
        proposedSolution: 'Wij sturen het advies opnieuw.',
        cause: 'Verkeerde versie.',
      },
      { Authorization: `Bearer ${key}` },
    );
    await relayUntilDone(new Date('2026-12-24T09:01:00Z'), 1);
    const proposal = [...capture.delivered.values()].find((m) => m.subject.includes('voorstel'));
    expect(proposal?.text).toContain('Wij sturen het advies opnieuw.');
    expect(proposal?.text).toContain('Voorzitter van de WENB');
    expect(proposal?.text).toMatch(/https:\/\/klacht\.test\/track\/[A-Za-z0-9_-]{43}/);
  });
});
