import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { handleEmail } from '../server/inbound/email-handler';
import {
  MAIL_COMPLAINT_LIMIT,
  MAIL_DOMAIN_LIMIT,
  MAIL_SOURCE_LIMIT,
} from '../server/inbound/limits';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { type TestApp, testApp } from './helpers';
import { confirmedInboundAddress } from './inbound-helpers';
import { mailMessage } from './mail-messages';
import { startResendCapture } from './resend-capture';

/*
 * Issue 22, item 5: whoever mails a complaint address chooses its From. A flood of made-up
 * senders gets no more complaints (so no more acknowledgements) than the limits per sender,
 * sender domain and connecting server allow, and the tenant's allowance over all senders stays
 * for everyone else; what is over a limit is set aside for staff, never refused, so a genuine
 * sender's mail is never bounced.
 */

const NOW = new Date('2026-03-02T10:00:00Z');
const ADDRESS = 'klachten@totaalonder1dak.nl';

let t: TestApp;
let key: string;
let capture: Awaited<ReturnType<typeof startResendCapture>>;

beforeEach(async () => {
  t = await testApp({ now: () => NOW, submitLimit: { max: 10, windowSeconds: 600 } });
  key = await t.tenant('totaalonder1dak');
  await confirmedInboundAddress(t, 'totaalonder1dak', key, ADDRESS, NOW);
  capture = await startResendCapture();
});
afterEach(async () => {
  await capture.close();
  t.close();
});

const mail = (from: string, subject: string, receivedFrom = '192.0.2.10') =>
  mailMessage({
    from,
    to: ADDRESS,
    subject,
    text: 'De offerte kwam drie weken te laat.',
    received: 'Mon, 2 Mar 2026 09:20:00 +0100',
    receivedFrom,
  });

async function deliver(raw: Uint8Array<ArrayBuffer>) {
  const res = await t.app.request('/v1/tenants/totaalonder1dak/inbound-mail', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'message/rfc822' },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

async function acknowledgedAddresses() {
  await relayOutbox(t.db, NOW, {
    mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl, timeoutMs: 10_000 }),
    from: 'klachten@example.org',
    sleep: async () => {},
    secretKey: t.deps.config.secretKey,
    batchSize: 500,
  });
  return [...capture.delivered.values()].map((m) => String(m.to));
}

describe('a flood from made-up senders', () => {
  test('100 forged senders of one domain and server get the allowance, not more; the next genuine sender is received', async () => {
    const outcomes = [];
    for (let i = 0; i < 100; i++) {
      outcomes.push(await deliver(mail(`spammer${i}@example.org`, `Klacht ${i}`, '203.0.113.7')));
    }
    // Nothing is refused: the rest is kept for staff.
    expect(outcomes.every((o) => o.status === 201 || o.status === 202)).toBe(true);
    const allowance = Math.min(MAIL_DOMAIN_LIMIT.max, MAIL_SOURCE_LIMIT.max);
    const complaints = outcomes.filter((o) => o.body.outcome === 'complaint');
    expect(complaints).toHaveLength(allowance);
    expect(outcomes.filter((o) => o.body.reason === 'rate_limited')).toHaveLength(100 - allowance);
    const genuine = await deliver(mail('Jan Jansen <jan@example.nl>', 'Mijn klacht'));
    expect(genuine).toMatchObject({ status: 201, body: { outcome: 'complaint' } });
    const acknowledged = await acknowledgedAddresses();
    expect(acknowledged.filter((to) => to.endsWith('@example.org'))).toHaveLength(allowance);
    expect(acknowledged).toContain('jan@example.nl');
  });

  test('made-up domains through one server are held by the connecting address', async () => {
    for (let i = 0; i < MAIL_SOURCE_LIMIT.max; i++) {
      expect((await deliver(mail(`a@d${i}.example`, `Klacht ${i}`, '203.0.113.8'))).status).toBe(
        201,
      );
    }
    expect(await deliver(mail('a@another.example', 'Nog een', '203.0.113.8'))).toMatchObject({
      status: 202,
      body: { outcome: 'setAside', reason: 'rate_limited' },
    });
    // An IPv6 sender counts by its /64, whatever address in it it uses.
    for (let i = 0; i < MAIL_SOURCE_LIMIT.max; i++) {
      await deliver(mail(`b@e${i}.example`, `Klacht ${i}`, `IPv6:2001:db8:1:2::${i + 1}`));
    }
    expect(
      await deliver(mail('b@last.example', 'Nog een', 'IPv6:2001:db8:1:2:ffff::1')),
    ).toMatchObject({ status: 202, body: { reason: 'rate_limited' } });
  });

  test('one sender beyond SUBMIT_RATE_LIMIT is set aside, and so is the same sender forged by others', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await deliver(mail('jan@example.nl', `Klacht ${i}`, `198.51.100.${i}`))).status).toBe(
        201,
      );
    }
    expect(await deliver(mail('jan@example.nl', 'Nog een', '198.51.100.99'))).toMatchObject({
      status: 202,
      body: { reason: 'rate_limited' },
    });
  });

  test("over the tenant's allowance, from everywhere, mail is set aside, not refused; a redelivery stays the same complaint", async () => {
    const first = mail('first@d0.example', 'Klacht 0', '198.18.0.0');
    for (let i = 0; i < MAIL_COMPLAINT_LIMIT.max; i++) {
      const raw = i === 0 ? first : mail(`x@d${i}.example`, `Klacht ${i}`, `198.18.${i}.1`);
      expect((await deliver(raw)).status).toBe(201);
    }
    expect(await deliver(mail('y@late.example', 'Te laat', '198.19.0.1'))).toMatchObject({
      status: 202,
      body: { outcome: 'setAside', reason: 'rate_limited' },
    });
    // The provider sends the first message again: the same complaint, not a set-aside copy.
    expect(await deliver(first)).toMatchObject({ status: 201, body: { number: '2026-0001' } });
  });

  test("on Workers, the handler sets a flood's surplus aside and rejects nothing", async () => {
    const rejected: string[] = [];
    const outcomes = [];
    for (let i = 0; i <= MAIL_DOMAIN_LIMIT.max; i++) {
      const raw = mail(`spammer${i}@example.org`, `Klacht ${i}`, `192.0.2.${i + 20}`);
      outcomes.push(
        await handleEmail(t.deps, {
          to: ADDRESS,
          raw: new Blob([raw]).stream(),
          rawSize: raw.byteLength,
          setReject: (reason) => {
            rejected.push(reason);
          },
        }),
      );
    }
    expect(rejected).toEqual([]);
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'setAside', reason: 'rate_limited' });
  });
});
