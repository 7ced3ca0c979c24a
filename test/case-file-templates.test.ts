import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { SECRET_KEY, type TestApp, testApp } from './helpers';
import { startResendCapture } from './resend-capture';
import { signInCookie } from './staff-helpers';

/* Issue #14: an organisation words its own messages, with named placeholders checked on save. */

let t: TestApp;
let key: string;
const now = new Date('2026-12-01T09:00:00Z');

beforeEach(async () => {
  t = await testApp({ now: () => now });
  key = await t.tenant('wkkgz');
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

async function withMessages(messages: unknown) {
  const procedure = await (
    await t.json('GET', '/v1/tenants/wkkgz/procedure', undefined, auth())
  ).json();
  return t.json('PUT', '/v1/tenants/wkkgz/procedure', { ...procedure, messages }, auth());
}

describe('message templates per tenant', () => {
  test('a template with placeholders is used in the next e-mail', async () => {
    const saved = await withMessages({
      acknowledgement: {
        nl: {
          subject: 'Zorggroep Noord: klacht {number} ontvangen',
          body: 'Beste {complainantName},\n\nOp {receivedDate} ontvingen wij uw klacht {number}.\n\n{deadlines}\n\nVolgen: {trackingUrl}',
        },
      },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const res = await t.json(
      'POST',
      '/v1/tenants/wkkgz/complaints',
      {
        channel: 'email',
        complainant: { name: 'Ans Mulder', email: 'ans@example.nl' },
        description: 'Lang gewacht op de huisarts.',
      },
      auth(),
    );
    const { number } = await res.json();
    const capture = await startResendCapture();
    try {
      await relayOutbox(t.db, now, {
        secretKey: SECRET_KEY,
        mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl }),
        from: 'k@example.org',
        sleep: async () => {},
      });
      const [mail] = [...capture.delivered.values()];
      expect(mail?.subject).toBe(`Zorggroep Noord: klacht ${number} ontvangen`);
      expect(mail?.text).toContain('Beste Ans Mulder,');
      expect(mail?.text).toContain(`Op 1 december 2026 ontvingen wij uw klacht ${number}.`);
      expect(mail?.text).toMatch(/Volgen: https:\/\/klacht\.test\/track\/\S+/);
      expect(mail?.text).toContain('Schriftelijk oordeel: uiterlijk');
    } finally {
      await capture.close();
    }
  });

  test('a line break in a name never reaches the Subject header', async () => {
    // Issue #22 item 13, end to end: registered by a key, so the name is the complainant's own.
    const saved = await withMessages({
      acknowledgement: {
        nl: { subject: 'Klacht {number} van {complainantName}', body: '{number}' },
      },
    });
    expect(saved.status).toBe(200);
    const res = await t.json(
      'POST',
      '/v1/tenants/wkkgz/complaints',
      {
        channel: 'email',
        complainant: { name: 'Ans\r\nBcc: iedereen@example.net', email: 'ans@example.nl' },
        description: 'Lang gewacht.',
      },
      auth(),
    );
    expect(res.status).toBe(201);
    const { number } = await res.json();
    const capture = await startResendCapture();
    try {
      await relayOutbox(t.db, now, {
        secretKey: SECRET_KEY,
        mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl }),
        from: 'k@example.org',
        sleep: async () => {},
      });
      const [mail] = [...capture.delivered.values()];
      expect(mail?.subject).toBe(`Klacht ${number} van Ans Bcc: iedereen@example.net`);
    } finally {
      await capture.close();
    }
    // A subject of the tenant's own cannot hold a line break either.
    const twoLines = await withMessages({
      acknowledgement: { nl: { subject: 'Klacht {number}\nBcc: x@y.nl', body: '{number}' } },
    });
    expect(twoLines.status).toBe(422);
    expect((await twoLines.json()).error.fields).toEqual({
      'messages.acknowledgement.nl.subject': 'Een onderwerp is één regel: haal de regeleinden weg.',
    });
  });

  test('an unknown placeholder is refused with a 422 naming it', async () => {
    const res = await withMessages({
      closing: {
        nl: {
          subject: 'Klacht {number}',
          body: '{summary} {judgement} {referral} Groet, {handtekening}',
        },
      },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.fields).toEqual({
      'messages.closing.nl.body': 'De invulplek {handtekening} bestaat niet voor dit bericht.',
    });
  });

  test('an unknown placeholder in the subject is refused as one in the body', async () => {
    const res = await withMessages({
      closing: {
        nl: { subject: 'Klacht {nummer}', body: '{summary} {judgement} {referral}' },
      },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.fields).toEqual({
      'messages.closing.nl.subject': 'De invulplek {nummer} bestaat niet voor dit bericht.',
    });
  });

  test('a wording that could render past the longest message is refused, in either language', async () => {
    // Issue #22 item 3: {message} a thousand times over made a message of 11 MB.
    const amplifying = {
      response: { nl: { subject: 'Reactie', body: '{message}'.repeat(1_111) } },
    };
    const res = await withMessages(amplifying);
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({
      'messages.response.nl.body':
        'Met elke invulplek zo lang als die kan worden, wordt deze tekst 11110000 tekens; er passen er 31400. Gebruik minder invulplekken of een kortere tekst.',
    });
    const procedure = await (
      await t.json('GET', '/v1/tenants/wkkgz/procedure', undefined, auth())
    ).json();
    const english = await t.json(
      'PUT',
      '/v1/tenants/wkkgz/procedure',
      { ...procedure, messages: amplifying },
      { ...auth(), 'Accept-Language': 'en' },
    );
    expect((await english.json()).error.fields['messages.response.nl.body']).toBe(
      'With every placeholder at its longest, this text would have 11110000 characters; 31400 fit. Use fewer placeholders or a shorter text.',
    );
  });

  test('a decision without what was decided is refused', async () => {
    const res = await withMessages({
      closing: { nl: { subject: 'Klacht {number}', body: 'Uw klacht is afgehandeld.' } },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.fields['messages.closing.nl.body']).toContain('{summary}');
  });
});

test('the settings page shows each message with a sample complaint, own wording included', async () => {
  const own = await withMessages({
    response: { nl: { subject: 'Reactie op {number}', body: 'Eigen woorden: {message}' } },
  });
  expect(own.status).toBe(200);
  const staff = await t.json(
    'POST',
    '/v1/tenants/wkkgz/staff',
    { email: 'b@example.nl', name: 'Beheer', role: 'admin', password: 'correct horse battery' },
    auth(),
  );
  expect(staff.status).toBe(201);
  const cookie = await signInCookie(t, 'wkkgz', 'b@example.nl', 'correct horse battery');
  const page = await (await t.app.request('/admin/wkkgz/settings', { headers: { cookie } })).text();
  expect(page).toContain('Berichten aan de melder (voorbeeld)');
  expect(page).toContain('Afhandelingsbrief (standaardtekst)');
  expect(page).toContain('Reactie (eigen tekst)');
  expect(page).toContain('Eigen woorden: Wij kijken uw factuur na');
  expect(page).toContain('de geschilleninstantie waarbij wij zijn aangesloten');
});
