import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { handleEmail } from '../server/inbound/email-handler';
import { QUARANTINE_LIMIT, REPLY_LIMIT } from '../server/inbound/limits';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';
import { confirmedInboundAddress } from './inbound-helpers';
import { type MessageParts, mailMessage, PDF, PNG } from './mail-messages';
import { startResendCapture } from './resend-capture';

/*
 * E-mail intake through `POST /v1/tenants/{slug}/inbound-mail` with real multipart messages: a
 * new complaint with a PDF, a reply that joins its complaint by the reference our own
 * acknowledgement carried (sent through the real Resend SDK to a local capture server), forged
 * and foreign references that join nothing, and messages that are kept for staff, never lost.
 */

const NOW = new Date('2026-03-02T10:00:00Z');
const ADDRESS = 'klachten@totaalonder1dak.nl';

let t: TestApp;
let key: string;
let capture: Awaited<ReturnType<typeof startResendCapture>>;

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  key = await t.tenant('totaalonder1dak');
  await setAddress('totaalonder1dak', key, ADDRESS);
  capture = await startResendCapture();
});
afterEach(async () => {
  await capture.close();
  t.close();
});

const auth = (k = key) => ({ Authorization: `Bearer ${k}` });

/** A proven complaint address (inbound-helpers.ts: the confirmation comes back in). */
function setAddress(slug: string, k: string, address: string) {
  return confirmedInboundAddress(t, slug, k, address, NOW);
}

function deliver(raw: Uint8Array<ArrayBuffer>, slug = 'totaalonder1dak', k = key) {
  return t.app.request(`/v1/tenants/${slug}/inbound-mail`, {
    method: 'POST',
    headers: { ...auth(k), 'Content-Type': 'message/rfc822' },
    body: raw,
  });
}

const complaintMail = (extra: Partial<MessageParts> = {}) =>
  mailMessage({
    from: 'Jan Jansën <jan@example.nl>',
    to: ADDRESS,
    subject: 'Klacht over de offerte – drie weken te laat',
    text: 'Beste heer/mevrouw,\n\nDe offerte kwam drie weken te laat, terwijl mij één week was beloofd.\n\nMet vriendelijke groet,\nJan Jansën',
    html: '<p>Beste heer/mevrouw,</p><p>De offerte kwam drie weken te laat.</p>',
    received: 'Mon, 2 Mar 2026 09:20:00 +0100',
    attachments: [{ filename: 'offerte.pdf', type: 'application/pdf', bytes: PDF }],
    ...extra,
  });

async function complaint(number: string, slug = 'totaalonder1dak', k = key) {
  const res = await t.json('GET', `/v1/tenants/${slug}/complaints/${number}`, undefined, auth(k));
  expect(res.status).toBe(200);
  return res.json();
}

/** Sends what the outbox holds through the real Resend SDK; returns the captured messages. */
async function relay() {
  await relayOutbox(t.db, NOW, {
    mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl, timeoutMs: 10_000 }),
    from: 'klachten@example.org',
    sleep: async () => {},
    secretKey: t.deps.config.secretKey,
  });
  return [...capture.delivered.values()];
}

describe('a new complaint from a message', () => {
  test('a multipart message with a PDF is registered: channel e-mail, its receipt moment, the sender, the file', async () => {
    const res = await deliver(complaintMail());
    expect(res.status).toBe(201);
    const { outcome, number } = await res.json();
    expect(outcome).toBe('complaint');
    const c = await complaint(number);
    expect(c).toMatchObject({
      channel: 'email',
      status: 'received',
      // The newest Received header: when the organisation received it (Atw day 0).
      receivedAt: '2026-03-02T08:20:00.000Z',
      complainant: { name: 'Jan Jansën', email: 'jan@example.nl' },
    });
    expect(c.description).toBe(
      'Klacht over de offerte – drie weken te laat\n\nBeste heer/mevrouw,\n\nDe offerte kwam drie weken te laat, terwijl mij één week was beloofd.\n\nMet vriendelijke groet,\nJan Jansën',
    );
    expect(c.attachments).toEqual([
      expect.objectContaining({ name: 'offerte.pdf', type: 'application/pdf', size: PDF.length }),
    ]);
    const file = await t.app.request(
      `/v1/tenants/totaalonder1dak/complaints/${number}/attachments/${c.attachments[0].id}`,
      { headers: auth() },
    );
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    // The same message delivered again (a provider's retry) is the same complaint.
    const again = await deliver(complaintMail());
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ outcome: 'complaint', number });
    const list = await t.json('GET', '/v1/tenants/totaalonder1dak/complaints', undefined, auth());
    expect((await list.json()).items).toHaveLength(1);
  });

  test('the acknowledgement answers the sender with the complaint address and our reference', async () => {
    const { number } = await (await deliver(complaintMail())).json();
    const [ack] = await relay();
    expect(ack?.to).toBe('jan@example.nl');
    expect(ack?.reply_to).toBe(ADDRESS);
    expect(ack?.subject).toMatch(new RegExp(`\\[${number}#[A-Za-z0-9_-]{16}\\]$`));
    expect(ack?.headers?.References).toMatch(
      new RegExp(`^<klacht\\.${number}\\.[A-Za-z0-9_-]{16}@totaalonder1dak\\.nl>$`),
    );
  });

  test("what the procedure asks staff to record for e-mail is left for staff: the Awb's name and address", async () => {
    const awbKey = await t.tenant('awb');
    await setAddress('awb', awbKey, 'klachten@gemeente.example');
    const mail = complaintMail({
      from: 'jan@example.nl',
      to: 'klachten@gemeente.example',
      attachments: [],
    });
    const res = await deliver(mail, 'awb', awbKey);
    expect(res.status, await res.clone().text()).toBe(201);
    const c = await complaint((await res.json()).number, 'awb', awbKey);
    expect(c).toMatchObject({ channel: 'email', complainant: { email: 'jan@example.nl' } });
    // Staff registering the same e-mail by hand must give them (Awb 9:4).
    const byHand = await t.json(
      'POST',
      '/v1/tenants/awb/complaints',
      { channel: 'email', complainant: { email: 'jan@example.nl' }, description: 'Klacht.' },
      auth(awbKey),
    );
    expect(byHand.status).toBe(422);
  });
});

describe('replies', () => {
  async function acknowledged() {
    const { number } = await (await deliver(complaintMail())).json();
    const [ack] = await relay();
    if (!ack?.headers?.References) throw new Error('no reference sent');
    return { number, subject: ack.subject, references: ack.headers.References };
  }

  const reply = (extra: Partial<MessageParts>) =>
    mailMessage({
      from: 'Jan Jansën <jan@example.nl>',
      to: ADDRESS,
      subject: 'Re: Wij hebben uw klacht ontvangen',
      text: 'Hierbij de foto van de schade.\n\nOp 2 mrt 2026 schreef TotaalOnder1Dak:\n> Bedankt voor uw klacht.\n> Uw klachtnummer is ...',
      received: 'Tue, 3 Mar 2026 08:00:00 +0100',
      attachments: [{ filename: 'schade.png', type: 'image/png', bytes: PNG }],
      ...extra,
    });

  test('a reply carrying our reference in its headers joins its complaint and notifies the handler', async () => {
    const { number, subject, references } = await acknowledged();
    const handler = await t.json(
      'POST',
      `/v1/tenants/totaalonder1dak/complaints/${number}/actions/forward`,
      { handler: 'Bram', handlerEmail: 'bram@totaalonder1dak.nl' },
      auth(),
    );
    expect(handler.status).toBe(200);
    const res = await deliver(
      reply({
        subject: `Re: ${subject}`,
        inReplyTo: '<ack.1@resend.dev>',
        references: `<ack.1@resend.dev> ${references}`,
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'reply', number });
    const c = await complaint(number);
    const event = c.events.at(-1);
    expect(event).toMatchObject({
      type: 'replyReceived',
      public: false,
      actor: 'system:e-mail',
      data: {
        channel: 'email',
        from: 'jan@example.nl',
        // Its own words, not the quoted message.
        text: 'Hierbij de foto van de schade.\n\nOp 2 mrt 2026 schreef TotaalOnder1Dak:',
      },
    });
    expect(c.status).toBe('forwarded');
    expect(c.attachments.map((a: { name: string }) => a.name)).toEqual([
      'offerte.pdf',
      'schade.png',
    ]);
    // The handler hears of it.
    const sent = await relay();
    const notice = sent.find(
      (m) => m.to === 'bram@totaalonder1dak.nl' && /reageerd|Reactie/.test(m.subject),
    );
    expect(notice?.text).toContain('Hierbij de foto van de schade.');
    // Delivered again: joined once.
    await deliver(
      reply({
        subject: `Re: ${subject}`,
        inReplyTo: '<ack.1@resend.dev>',
        references: `<ack.1@resend.dev> ${references}`,
      }),
    );
    expect(
      (await complaint(number)).events.filter((e: { type: string }) => e.type === 'replyReceived'),
    ).toHaveLength(1);
  });

  test('a reply whose program dropped the headers still joins by the tag in its subject', async () => {
    const { number, subject } = await acknowledged();
    const res = await deliver(reply({ subject: `RE: ${subject}`, attachments: [] }));
    expect(await res.json()).toEqual({ outcome: 'reply', number });
  });

  test('replies to one complaint are limited per window, then 429: the sender tries again later', async () => {
    const { number, subject } = await acknowledged();
    const send = (text: string) =>
      deliver(reply({ subject: `RE: ${subject}`, text, attachments: [] }));
    for (let i = 0; i < REPLY_LIMIT.max; i++) {
      expect(await (await send(`Aanvulling ${i}`)).json()).toEqual({ outcome: 'reply', number });
    }
    const over = await send('Nog een aanvulling');
    expect(over.status).toBe(429);
    expect(over.headers.get('Retry-After')).toMatch(/^\d+$/);
    // Another complaint's replies are not held up by it.
    const second = complaintMail({ subject: 'Nog een klacht', attachments: [] });
    const other = (await (await deliver(second)).json()).number;
    const ack = (await relay()).find((m) => m.subject.includes(other));
    const theirs = await deliver(reply({ subject: `RE: ${ack?.subject}`, attachments: [] }));
    expect(await theirs.json()).toEqual({ outcome: 'reply', number: other });
  });

  test('a forged reference, or one of another tenant, joins nothing: a new complaint', async () => {
    const { number, references } = await acknowledged();
    const before = (await complaint(number)).events.length;
    const forged = references.replace(/\.([A-Za-z0-9_-]{16})@/, '.AAAAAAAAAAAAAAAA@');
    const res = await deliver(
      reply({ subject: `Re: klacht [${number}#AAAAAAAAAAAAAAAA]`, references: forged }),
    );
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.outcome).toBe('complaint');
    expect(created.number).not.toBe(number);
    expect((await complaint(number)).events).toHaveLength(before);
    // The sender alone is no reference: the complainant writing anew is a new complaint.
    const fresh = await deliver(complaintMail({ subject: 'Nog een klacht', messageId: '<n@x>' }));
    expect((await fresh.json()).outcome).toBe('complaint');
    // A valid reference of this tenant, sent to another tenant's address, is nothing there.
    const otherKey = await t.tenant('wenb');
    await setAddress('wenb', otherKey, 'klachten@wenb.nl');
    const foreign = await deliver(
      reply({ to: 'klachten@wenb.nl', subject: `Re: [${number}]`, references, attachments: [] }),
      'wenb',
      otherKey,
    );
    expect(foreign.status).toBe(201);
    const theirs = await foreign.json();
    expect(theirs.outcome).toBe('complaint');
    expect((await complaint(number)).events).toHaveLength(before);
    expect((await complaint(theirs.number, 'wenb', otherKey)).channel).toBe('email');
  });
});

describe('a reference is bound to its tenant', () => {
  test("tenant A's reference, sent to tenant B, never joins B's complaint of the same number", async () => {
    // Both tenants have complaint 2026-0001, so a reference that lost its tenant would match.
    const otherKey = await t.tenant('wenb');
    await setAddress('wenb', otherKey, 'klachten@wenb.nl');
    const ours = await (await deliver(complaintMail({ attachments: [] }))).json();
    const [ack] = await relay();
    const theirs = await (
      await deliver(
        complaintMail({ to: 'klachten@wenb.nl', subject: 'Klacht bij wenb', attachments: [] }),
        'wenb',
        otherKey,
      )
    ).json();
    expect(ours.number).toBe(theirs.number);
    const before = (await complaint(theirs.number, 'wenb', otherKey)).events.length;
    const res = await deliver(
      mailMessage({
        from: 'jan@example.nl',
        to: 'klachten@wenb.nl',
        subject: `Re: ${ack?.subject}`,
        text: 'Een aanvulling.',
        references: ack?.headers?.References,
      }),
      'wenb',
      otherKey,
    );
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.outcome).toBe('complaint');
    expect(created.number).not.toBe(theirs.number);
    expect((await complaint(theirs.number, 'wenb', otherKey)).events).toHaveLength(before);
  });
});

describe('what cannot be taken in is kept for staff', () => {
  async function setAside() {
    const rows = await t.db.$client.execute(
      'SELECT q.id, q.reason, q.detail, q.size, q.pd_from, q.pd_subject, q.pd_raw, c.number AS complaint_number FROM inbound_quarantine q LEFT JOIN complaints c ON c.id = q.complaint_id ORDER BY q.created_at',
    );
    return rows.rows;
  }

  test('a message over the allowance is kept whole, unparsed', async () => {
    // wenb takes no files: a message may have 1 MB of text, HTML and inline images.
    const wenbKey = await t.tenant('wenb');
    await setAddress('wenb', wenbKey, 'klachten@wenb.nl');
    const big = complaintMail({
      to: 'klachten@wenb.nl',
      attachments: [
        {
          filename: 'scan.pdf',
          type: 'application/pdf',
          bytes: new Uint8Array(1024 * 1024).fill(37),
        },
      ],
    });
    const res = await deliver(big, 'wenb', wenbKey);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ outcome: 'setAside', reason: 'too_large' });
    const [row] = await setAside();
    expect(row?.reason).toBe('too_large');
    expect(Number(row?.size)).toBe(big.byteLength);
    expect(Buffer.compare(Buffer.from(row?.pd_raw as ArrayBuffer), big)).toBe(0);
    const list = await t.json('GET', '/v1/tenants/wenb/complaints', undefined, auth(wenbKey));
    expect((await list.json()).items).toHaveLength(0);
  });

  test('malformed messages are kept: no sender, garbage, nothing to read', async () => {
    const noSender = complaintMail({ from: undefined });
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const empty = mailMessage({ from: 'a@example.nl', to: ADDRESS, subject: '', text: '' });
    for (const raw of [noSender, garbage, empty]) {
      const res = await deliver(raw);
      expect(res.status).toBe(202);
    }
    const rows = await setAside();
    expect(rows.map((r) => r.reason)).toEqual(['no_sender', 'no_sender', 'empty']);
    expect(Buffer.compare(Buffer.from(rows[1]?.pd_raw as ArrayBuffer), garbage)).toBe(0);
  });

  test('refused files, automatic replies and texts over the limit are kept, never registered', async () => {
    const exe = complaintMail({
      attachments: [
        {
          filename: 'factuur.pdf',
          type: 'application/pdf',
          bytes: new TextEncoder().encode('MZ not a pdf'),
        },
      ],
    });
    const auto = complaintMail({
      headers: { 'Auto-Submitted': 'auto-replied' },
      subject: 'Afwezig',
      attachments: [],
    });
    const long = complaintMail({ text: 'x'.repeat(10_001), attachments: [] });
    const results = [];
    for (const raw of [exe, auto, long]) results.push(await (await deliver(raw)).json());
    expect(results.map((r) => r.reason)).toEqual(['attachments', 'automatic', 'too_long']);
    expect((await setAside())[0]?.detail).toBe('attachments.0');
    const list = await t.json('GET', '/v1/tenants/totaalonder1dak/complaints', undefined, auth());
    expect((await list.json()).items).toHaveLength(0);
  });

  test('a reply with a refused file is kept, naming its complaint', async () => {
    const { number } = await (await deliver(complaintMail())).json();
    const [ack] = await relay();
    const res = await deliver(
      mailMessage({
        from: 'jan@example.nl',
        to: ADDRESS,
        subject: `Re: ${ack?.subject}`,
        text: 'Zie bijlage',
        attachments: [
          {
            filename: 'x.docx',
            type: 'application/msword',
            bytes: new Uint8Array([0xd0, 0xcf, 0x11]),
          },
        ],
      }),
    );
    expect(await res.json()).toMatchObject({ outcome: 'setAside', reason: 'attachments' });
    expect((await setAside())[0]?.complaint_number).toBe(number);
  });
});

describe('the route', () => {
  test('needs the tenant key before reading, message/rfc822, and at most 25 MB', async () => {
    const raw = complaintMail();
    const noKey = await t.app.request('/v1/tenants/totaalonder1dak/inbound-mail', {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: raw as Uint8Array<ArrayBuffer>,
    });
    expect(noKey.status).toBe(401);
    const otherKey = await t.tenant('wenb');
    expect((await deliver(raw, 'totaalonder1dak', otherKey)).status).toBe(404);
    const json = await t.app.request('/v1/tenants/totaalonder1dak/inbound-mail', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const huge = await t.app.request('/v1/tenants/totaalonder1dak/inbound-mail', {
      method: 'POST',
      headers: {
        ...auth(),
        'Content-Type': 'message/rfc822',
        'Content-Length': String(26 * 1024 * 1024),
      },
      body: raw as Uint8Array<ArrayBuffer>,
    });
    expect(huge.status).toBe(413);
    expect(
      (await t.json('GET', '/v1/tenants/totaalonder1dak/complaints', undefined, auth())).status,
    ).toBe(200);
  });

  test('one complaint address per tenant', async () => {
    const otherKey = await t.tenant('wenb');
    const res = await t.json(
      'PUT',
      '/v1/tenants/wenb/procedure',
      { ...presetProcedure('wenb'), inbound: { address: 'Klachten@TotaalOnder1Dak.nl' } },
      auth(otherKey),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty(['inbound.address']);
  });
});

describe('limits', () => {
  test('a full quarantine refuses what it would keep (429), and complaints still come in', async () => {
    const tenant = await t.db.$client.execute(
      "SELECT id FROM tenants WHERE slug = 'totaalonder1dak'",
    );
    const tenantId = String(tenant.rows[0]?.id);
    for (let i = 0; i < QUARANTINE_LIMIT.messages; i++) {
      await t.db.$client.execute({
        sql: `INSERT INTO inbound_quarantine (id, tenant_id, reason, size, sha256, received_at)
          VALUES (?, ?, 'no_sender', 1, ?, ?)`,
        args: [`q${i}`, tenantId, `sha${i}`, NOW.toISOString()],
      });
    }
    const refused = await deliver(complaintMail({ from: undefined }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBeTruthy();
    expect(await refused.json()).toMatchObject({ error: { code: 'mailbox_full' } });
    expect((await deliver(complaintMail())).status).toBe(201);
  });
});

describe("the Worker's email() handler", () => {
  const message = (to: string, raw: Uint8Array, rawSize = raw.byteLength) => {
    const rejected: string[] = [];
    return {
      rejected,
      to,
      rawSize,
      raw: new Blob([raw as Uint8Array<ArrayBuffer>]).stream(),
      setReject: (reason: string) => {
        rejected.push(reason);
      },
    };
  };

  test('takes mail to a complaint address in through the same intake, and rejects the rest', async () => {
    const known = message('Klachten@TotaalOnder1Dak.nl', complaintMail());
    expect(await handleEmail(t.deps, known)).toMatchObject({ outcome: 'complaint' });
    expect(known.rejected).toEqual([]);
    const unknown = message('iemand@elders.nl', complaintMail());
    expect(await handleEmail(t.deps, unknown)).toBeNull();
    expect(unknown.rejected).toEqual(['Unknown address']);
    const huge = message(ADDRESS, complaintMail(), 26 * 1024 * 1024);
    expect(await handleEmail(t.deps, huge)).toBeNull();
    expect(huge.rejected[0]).toMatch(/too large/);
  });
});
