import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { presetProcedure } from '../shared/presets';
import type { TestApp } from './helpers';
import { mailMessage } from './mail-messages';
import { type CapturedMail, startResendCapture } from './resend-capture';

/**
 * Sends what the outbox holds through the real Resend SDK to a local capture server, as of
 * `now`; returns every message the capture received.
 */
export async function relayCaptured(t: TestApp, now: Date): Promise<CapturedMail[]> {
  const capture = await startResendCapture();
  try {
    await relayOutbox(t.db, now, {
      mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl, timeoutMs: 10_000 }),
      from: 'klachten@example.org',
      sleep: async () => {},
      secretKey: t.deps.config.secretKey,
      batchSize: 500,
    });
    return [...capture.delivered.values()];
  } finally {
    await capture.close();
  }
}

/** The confirmation message as it arrives at the address: what our relay sent, as RFC 5322. */
export function arrivedAsMail(sent: CapturedMail, to: string) {
  return mailMessage({
    from: 'Klachtenregeling <klachten@example.org>',
    to,
    subject: sent.subject,
    text: String(sent.text ?? ''),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}

/** Posts one message to a tenant's inbound-mail route with its key. */
export function postMail(t: TestApp, slug: string, key: string, raw: Uint8Array<ArrayBuffer>) {
  return t.app.request(`/v1/tenants/${slug}/inbound-mail`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'message/rfc822' },
    body: raw,
  });
}

/**
 * Names `address` as the tenant's complaint address (its preset procedure, or `procedure`) and
 * proves it the way a tenant whose mail is set up right does: the confirmation message our
 * relay sends to it comes back in through the tenant's own inbound-mail route.
 */
export async function confirmedInboundAddress(
  t: TestApp,
  slug: string,
  key: string,
  address: string,
  now: Date,
  procedure: Record<string, unknown> = presetProcedure(slug as 'wenb'),
) {
  const res = await t.json(
    'PUT',
    `/v1/tenants/${slug}/procedure`,
    { ...procedure, inbound: { address } },
    { Authorization: `Bearer ${key}` },
  );
  if (res.status !== 200) throw new Error(`procedure: ${res.status} ${await res.text()}`);
  const sent = (await relayCaptured(t, now)).find(
    (m) => m.to === address && m.subject.includes('klacht-bevestiging:'),
  );
  if (!sent) throw new Error(`no confirmation message was sent to ${address}`);
  const back = await postMail(t, slug, key, arrivedAsMail(sent, address));
  const outcome = await back.json();
  if (outcome.outcome !== 'addressConfirmed') {
    throw new Error(`not confirmed: ${back.status} ${JSON.stringify(outcome)}`);
  }
}
