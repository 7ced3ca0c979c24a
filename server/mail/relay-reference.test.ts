import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { world } from '../../test/unit-fixtures';
import { listCorrespondence } from '../casefile/correspondence';
import { complaints, inboundAddresses, outbox } from '../db/schema';
import { ADDRESS_CONFIRMATION_KIND } from '../inbound/address-confirmation';
import { complaintOfReply, referencesIn, replyTag } from '../inbound/reply-reference';
import type { Mailer, OutgoingMail } from './mailer';
import { queueMessage } from './outbox-rows';
import { relayOutbox } from './relay';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-02T09:05:00.000Z');
// The app's own server secret: it sealed the links that the relay opens.
const KEY = SECRET_KEY;
const INBOUND = 'klachten@mail.totaalonder1dak.nl';

/** A mailer that accepts everything and keeps what it was given. */
function accepting() {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
      return { ok: true, id: `re_${sent.length}` };
    },
  };
  return { mailer, sent };
}

/**
 * TotaalOnder1Dak, with a complaint address when `inbound` is given (proven, unless `confirmed`
 * is false: see inbound/address-confirmation.ts), and one complaint.
 */
async function tenantWithComplaint(inbound?: string, confirmed = true) {
  w = await world('totaalonder1dak', (p) => {
    if (inbound) p.inbound = { address: inbound };
  });
  // Naming it queued its confirmation message; these tests are about the complaint's messages.
  await w.db.delete(outbox).where(eq(outbox.kind, ADDRESS_CONFIRMATION_KIND));
  if (inbound && confirmed) {
    await w.db
      .update(inboundAddresses)
      .set({ confirmedAt: NOW.toISOString() })
      .where(eq(inboundAddresses.tenantId, w.tenant.id));
  }
  return w.submit();
}

/** Sends the outbox with the server secret; what went out. */
async function relay(secretKey = KEY) {
  const { mailer, sent } = accepting();
  await relayOutbox(w.db, NOW, {
    secretKey,
    mailer,
    from: 'klachten@example.org',
    sleep: async () => {},
  });
  return sent;
}

describe('a message to the complainant of a tenant with a complaint address', () => {
  test('asks for replies at that address and carries the complaint’s reference', async () => {
    const number = await tenantWithComplaint(INBOUND);
    const tag = replyTag(KEY, w.tenant.id, number);
    const [mail, ...more] = await relay();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      to: 'jan@example.nl',
      replyTo: INBOUND,
      subject: `Wij hebben uw klacht ontvangen (${number}) [${number}#${tag}]`,
      // The domain of the complaint address names the reference.
      headers: { References: `<klacht.${number}.${tag}@mail.totaalonder1dak.nl>` },
    });
    expect(mail?.text).toContain('Bedankt voor uw klacht.');
    // The case file keeps the subject as it was written; the reference is the mail's routing.
    const [row] = await w.db.select().from(outbox);
    expect(row?.pdSubject).toBe(`Wij hebben uw klacht ontvangen (${number})`);
  });

  test('a reply quoting the reference, in its headers or its subject, finds the complaint', async () => {
    const number = await tenantWithComplaint(INBOUND);
    const [mail] = await relay();
    const byHeader = referencesIn({
      subject: 'Re: iets anders',
      references: [mail?.headers?.References ?? ''],
    });
    const bySubject = referencesIn({ subject: `Re: ${mail?.subject}`, references: [] });
    for (const found of [byHeader, bySubject]) {
      const complaint = await complaintOfReply(w.db, KEY, w.tenant.id, found);
      expect(complaint?.number).toBe(number);
    }
  });

  test('each complaint carries its own reference', async () => {
    const first = await tenantWithComplaint(INBOUND);
    const second = await w.submit();
    const sent = await relay();
    expect(sent.map((m) => m.headers?.References)).toEqual([
      `<klacht.${first}.${replyTag(KEY, w.tenant.id, first)}@mail.totaalonder1dak.nl>`,
      `<klacht.${second}.${replyTag(KEY, w.tenant.id, second)}@mail.totaalonder1dak.nl>`,
    ]);
  });
});

describe('no reference is added', () => {
  test('without a complaint address: replies go where the procedure says', async () => {
    const number = await tenantWithComplaint();
    const [mail] = await relay();
    expect(mail).toMatchObject({
      replyTo: 'info@totaalonder1dak.nl',
      subject: `Wij hebben uw klacht ontvangen (${number})`,
    });
    expect(mail?.headers).toBeUndefined();
  });

  test('with a complaint address the tenant has not proven: it is never named', async () => {
    const number = await tenantWithComplaint(INBOUND, false);
    const [mail] = await relay();
    expect(mail).toMatchObject({
      replyTo: 'info@totaalonder1dak.nl',
      subject: `Wij hebben uw klacht ontvangen (${number})`,
    });
    expect(mail?.headers).toBeUndefined();
  });

  test('under another server secret the link does not open: the message waits, unsent', async () => {
    await tenantWithComplaint(INBOUND);
    expect(await relay('another-server-secret-0123456789abcdef')).toEqual([]);
    const [row] = await w.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'pending', lastError: expect.stringContaining('link') });
    // The case file still shows it (without a link to redact).
    const [item] = await listCorrespondence(w.db, row?.complaintId ?? '', NOW, 'another-secret');
    expect(item).toMatchObject({
      status: 'pending',
      subject: expect.stringContaining('ontvangen'),
    });
    // With the secret it was sealed under, it goes, link and all (its wait over).
    await w.db.update(outbox).set({ nextAttemptAt: null });
    const [mail] = await relay();
    expect(mail?.text).toContain('https://klacht.test/track/');
  });

  test('to a message for staff: a handler’s reply is not the complainant’s', async () => {
    const number = await tenantWithComplaint(INBOUND);
    const complaint = await w.db.query.complaints.findFirst({
      where: and(eq(complaints.tenantId, w.tenant.id), eq(complaints.number, number)),
    });
    await w.db.delete(outbox);
    await queueMessage(w.db, {
      tenantId: w.tenant.id,
      complaintId: complaint?.id ?? '',
      kind: 'forwarded',
      route: { channel: 'email', to: 'piet@totaalonder1dak.nl' },
      payload: {},
    });
    const [mail, ...more] = await relay();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      to: 'piet@totaalonder1dak.nl',
      replyTo: 'info@totaalonder1dak.nl',
      subject: `Klacht ${number} is aan u toegewezen`,
    });
    expect(mail?.headers).toBeUndefined();
  });
});
