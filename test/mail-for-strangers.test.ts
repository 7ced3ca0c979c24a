import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';
import { confirmedInboundAddress } from './inbound-helpers';
import { mailMessage } from './mail-messages';
import { type CapturedMail, startResendCapture } from './resend-capture';

/*
 * Issue #22 item 7: anyone can type someone else's address into the form, or forge the sender of
 * an e-mail, and have us mail that address under the organisation's name. Until the address is
 * shown to be the complainant's (staff or a key registered it, or a link we mailed there was
 * opened), our mail to it quotes nothing the sender wrote and links to nothing but our own
 * tracking page: in the text part and in the HTML part.
 */

const NOW = new Date('2026-03-02T10:00:00Z');
const EVIL = 'https://evil.example/login';
const ADDRESS = 'klachten@totaalonder1dak.nl';

let t: TestApp;
let capture: Awaited<ReturnType<typeof startResendCapture>>;
const keys: Record<string, string> = {};

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  capture = await startResendCapture();
});
afterEach(async () => {
  await capture.close();
  t.close();
});

const auth = (slug: string) => ({ Authorization: `Bearer ${keys[slug]}` });

/** A tenant on its preset, with the organisation's own wording of some messages. */
async function tenant(slug: 'wenb' | 'totaalonder1dak', messages: unknown = {}, inbound?: string) {
  const key = await t.tenant(slug);
  keys[slug] = key;
  const procedure = { ...presetProcedure(slug), messages };
  if (inbound) {
    // A complaint address takes mail once our own confirmation has come back through it.
    await confirmedInboundAddress(t, slug, key, inbound, t.deps.clock(), procedure);
    return;
  }
  const res = await t.json('PUT', `/v1/tenants/${slug}/procedure`, procedure, auth(slug));
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A submission by the public form, in the name and address of someone who never asked. */
async function strangerSubmits(slug = 'wenb') {
  const res = await t.json('POST', `/v1/tenants/${slug}/complaints`, {
    complainant: {
      name: `Klik op ${EVIL}`,
      phone: '0612345678',
      email: 'victim@example.net',
    },
    description: `Uw account is geblokkeerd. Log in via ${EVIL} om het te herstellen.`,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<{ number: string; trackingUrl: string }>;
}

async function relay(): Promise<CapturedMail[]> {
  await relayOutbox(t.db, NOW, {
    mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl, timeoutMs: 10_000 }),
    from: 'klachten@example.org',
    sleep: async () => {},
    secretKey: t.deps.config.secretKey,
  });
  return [...capture.delivered.values()];
}

const TRACKING = /https:\/\/klacht\.test\/track\/[\w-]{43}/;

/** The mail holds our tracking link and no other: no URL and no <a> of anyone else's. */
function onlyOurLink(mail: CapturedMail | undefined): string {
  const link = mail?.text.match(TRACKING)?.[0] ?? '';
  expect(link).not.toBe('');
  expect(mail?.text.match(/https?:\/\/[^\s"<>]+/g)).toEqual([link]);
  expect(mail?.html.match(/<a\b[^>]*>/g)).toEqual([`<a href="${link}">`]);
  expect(mail?.html.match(/https?:\/\/[^\s"<>]+/g)?.every((url) => url === link)).toBe(true);
  return link;
}

/** Nothing the sender wrote: not the text, not the name, not the address they pointed to. */
function quotesNothing(mail: CapturedMail | undefined, ...written: string[]) {
  for (const part of [mail?.subject, mail?.text, mail?.html]) {
    expect(part).not.toContain('evil.example');
    for (const words of written) expect(part).not.toContain(words);
  }
}

describe('mail to an address nobody has confirmed', () => {
  test('the acknowledgement of a public web submission quotes nothing and links only to us', async () => {
    await tenant('wenb');
    await strangerSubmits();
    const [mail] = await relay();
    expect(mail?.to).toBe('victim@example.net');
    onlyOurLink(mail);
    quotesNothing(mail, 'geblokkeerd', 'Klik op');
    expect(mail?.text).toMatch(
      /^Geachte heer of mevrouw,\n\nBedankt voor uw klacht\. Uw klachtnummer is \d{4}-\d{4}\.\n/,
    );
  });

  test("also in the organisation's own wording, which quotes the description and the name", async () => {
    await tenant('wenb', {
      acknowledgement: {
        nl: {
          subject: 'Klacht {number} van {complainantName}',
          body: 'Beste {complainantName},\n\nU schreef: {description}\n\nKlacht {number}, volg: {trackingUrl}',
        },
      },
    });
    await strangerSubmits();
    const [mail] = await relay();
    onlyOurLink(mail);
    quotesNothing(mail, 'geblokkeerd', 'Klik op');
    expect(mail?.subject).toMatch(/^Klacht \d{4}-\d{4} van heer\/mevrouw$/);
    expect(mail?.text).toMatch(/^Beste heer\/mevrouw,\n\nU schreef:\n\nKlacht/);
  });

  test('the acknowledgement of an e-mail to the complaint address quotes nothing either', async () => {
    await tenant('totaalonder1dak', {}, ADDRESS);
    const raw = mailMessage({
      from: `"Klik op ${EVIL}" <victim@example.net>`,
      to: ADDRESS,
      subject: `Uw account is geblokkeerd: ${EVIL}`,
      text: `Log in via ${EVIL} om het te herstellen.`,
      html: `<p>Log in via <a href="${EVIL}">deze link</a> om het te herstellen.</p>`,
    });
    const res = await t.app.request('/v1/tenants/totaalonder1dak/inbound-mail', {
      method: 'POST',
      headers: { ...auth('totaalonder1dak'), 'Content-Type': 'message/rfc822' },
      body: raw,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const [mail] = await relay();
    expect(mail?.to).toBe('victim@example.net');
    onlyOurLink(mail);
    quotesNothing(mail, 'geblokkeerd', 'Log in via', 'Klik op');
  });
});

describe('an address shown to be the complainant’s', () => {
  test('registered with a key: the acknowledgement quotes the complaint', async () => {
    await tenant('wenb');
    const res = await t.json(
      'POST',
      '/v1/tenants/wenb/complaints',
      {
        channel: 'phone',
        complainant: { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' },
        description: 'Het advies kwam drie weken te laat.',
      },
      auth('wenb'),
    );
    expect(res.status).toBe(201);
    const [mail] = await relay();
    expect(mail?.text).toContain('"Het advies kwam drie weken te laat."');
    // Still no link but ours in the HTML, whatever the text holds.
    onlyOurLink(mail);
  });

  test('the link we mailed confirms it once opened; the link the form showed does not', async () => {
    await tenant('wenb', {
      response: {
        nl: { subject: 'Reactie op {number}', body: 'Beste {complainantName},\n\n{message}' },
      },
    });
    const { number, trackingUrl } = await strangerSubmits();
    const [ack] = await relay();
    const mailed = onlyOurLink(ack);
    const respond = async (message: string) => {
      const step = await t.json(
        'POST',
        `/v1/tenants/wenb/complaints/${number}/actions/respond`,
        { message },
        auth('wenb'),
      );
      expect(step.status, await step.clone().text()).toBe(200);
      const sent = await relay();
      return sent.find((m) => m.text.includes(message));
    };
    // Whoever submitted holds the form's link: opening it proves nothing about the address.
    expect((await t.app.request(new URL(trackingUrl).pathname)).status).toBe(200);
    expect((await respond('Wij kijken ernaar.'))?.text).toMatch(/^Beste heer\/mevrouw,/);
    // Whoever opens the link we mailed reads the mail that goes there.
    expect((await t.app.request(new URL(mailed).pathname)).status).toBe(200);
    const named = await respond('Wij bellen u morgen.');
    expect(named?.text).toMatch(/^Beste Klik op https:\/\/evil\.example\/login,/);
    // The name is text now, never a link of ours in the HTML.
    expect(named?.html).not.toContain('href="https://evil.example');
  });
});
