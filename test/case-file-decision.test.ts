import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { SECRET_KEY, type TestApp, testApp } from './helpers';
import { pdfText } from './pdf-text';
import { type CapturedMail, startResendCapture } from './resend-capture';

/*
 * Issue #14: the decision says what was found. For each preset, a complaint is closed and the
 * closing message, as e-mailed and as a PDF letter, carries the summary, the judgement in the
 * procedure's words, the measures (with the day they take effect) and where to turn next with
 * its term.
 */

let t: TestApp;
let now = new Date('2026-12-01T09:00:00Z');

beforeEach(async () => {
  now = new Date('2026-12-01T09:00:00Z');
  t = await testApp({ now: () => now });
});
afterEach(() => t.close());

/** Words as a reader sees them, whatever the line breaks of the e-mail or the PDF. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function closeWithDecision(slug: string, closing: Record<string, unknown>, propose = false) {
  const key = await t.tenant(slug);
  const auth = { Authorization: `Bearer ${key}` };
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints`,
    {
      channel: 'email',
      complainant: {
        name: 'Jan de Vries',
        email: 'jan@example.nl',
        address: 'Dorpsstraat 1, 1234 AB Ergens',
        phone: '0612345678',
      },
      description: 'De factuur van november klopt niet.',
    },
    auth,
  );
  expect(res.status, await res.clone().text()).toBe(201);
  const { number } = (await res.json()) as { number: string };
  const step = async (action: string, body: Record<string, unknown>) => {
    const r = await t.json(
      'POST',
      `/v1/tenants/${slug}/complaints/${number}/actions/${action}`,
      body,
      auth,
    );
    expect(r.status, `${action}: ${await r.clone().text()}`).toBe(200);
  };
  if (propose) {
    await step('propose-solution', {
      proposedSolution: 'Wij crediteren het dubbele bedrag.',
      cause: 'Een dubbele boeking.',
    });
  }
  await step('close', closing);
  return { number, auth };
}

async function closingAsSent(slug: string, number: string, auth: Record<string, string>) {
  const capture = await startResendCapture();
  try {
    await relayOutbox(t.db, now, {
      secretKey: SECRET_KEY,
      mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl }),
      from: 'klachten@example.org',
      sleep: async () => {},
    });
    const mails = [...capture.delivered.values()] as CapturedMail[];
    const mail = mails.find((m) => m.subject.includes('afgehandeld'));
    expect(mail, mails.map((m) => m.subject).join('; ')).toBeDefined();
    const list = await (
      await t.json(
        'GET',
        `/v1/tenants/${slug}/complaints/${number}/correspondence`,
        undefined,
        auth,
      )
    ).json();
    const stored = list.items.find((m: { kind: string }) => m.kind === 'closing');
    expect(stored.status).toBe('sent');
    const pdf = await t.app.request(stored.pdf, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    return {
      mail: flat(mail?.text ?? ''),
      stored: flat(stored.body),
      pdf: await pdfText(new Uint8Array(await pdf.arrayBuffer())),
    };
  } finally {
    await capture.close();
  }
}

const MEASURES = {
  summary: 'Wij hebben de factuur nagekeken en het dubbele bedrag teruggestort.',
  preventiveMeasures: 'Een tweede collega controleert voortaan elke factuur.',
  measuresEffectiveOn: '2027-01-04',
};

describe('the closing message says what was found, for each preset', () => {
  test('awb: judgement, measures and the Nationale ombudsman within one year', async () => {
    const { number, auth } = await closeWithDecision('awb', {
      classification: 'gegrond',
      ...MEASURES,
    });
    const texts = await closingAsSent('awb', number, auth);
    for (const text of Object.values(texts)) {
      expect(text).toContain(MEASURES.summary);
      expect(text).toContain('Gegrond');
      expect(text).toContain(MEASURES.preventiveMeasures);
      expect(text).toContain('vanaf 4 januari 2027');
      expect(text).toContain('de Nationale ombudsman');
      expect(text).toContain('binnen één jaar na deze beslissing, dus uiterlijk 1 december 2027');
    }
  });

  test('wkkgz: the disputes body and its term, counted from the complaint', async () => {
    now = new Date('2026-12-01T09:00:00Z');
    const { number, auth } = await closeWithDecision('wkkgz', {
      classification: 'deelsGegrond',
      ...MEASURES,
    });
    const texts = await closingAsSent('wkkgz', number, auth);
    for (const text of Object.values(texts)) {
      expect(text).toContain(MEASURES.summary);
      expect(text).toContain('Deels gegrond');
      expect(text).toContain(MEASURES.preventiveMeasures);
      expect(text).toContain('de geschilleninstantie waarbij wij zijn aangesloten');
      expect(text).toContain('binnen 12 maanden nadat u uw klacht bij ons indiende');
      expect(text).toContain('uiterlijk 1 december 2027');
    }
  });

  test('wenb: after a proposal, the appeal to the chair and the last day to file it', async () => {
    const { number, auth } = await closeWithDecision(
      'wenb',
      { classification: 'terecht', ...MEASURES },
      true,
    );
    const texts = await closingAsSent('wenb', number, auth);
    for (const text of Object.values(texts)) {
      expect(text).toContain(MEASURES.summary);
      expect(text).toContain('Terechte klacht');
      expect(text).toContain(MEASURES.preventiveMeasures);
      // Proposed on 1 December; the window is 14 days.
      expect(text).toContain(
        'tot en met 15 december 2026 in beroep gaan bij Voorzitter van de WENB',
      );
    }
  });

  test('totaalonder1dak: the judgement, the remedy and the measures', async () => {
    const { number, auth } = await closeWithDecision('totaalonder1dak', {
      classification: 'justified',
      remedy: 'compensation',
      admissible: true,
      ...MEASURES,
    });
    const texts = await closingAsSent('totaalonder1dak', number, auth);
    for (const text of Object.values(texts)) {
      expect(text).toContain(MEASURES.summary);
      expect(text).toContain('Terechte klacht');
      expect(text).toContain('Compensatie');
      expect(text).toContain(MEASURES.preventiveMeasures);
    }
  });

  test('the procedure says what closing needs, so the letter is never empty', async () => {
    const key = await t.tenant('awb');
    const auth = { Authorization: `Bearer ${key}` };
    const res = await t.json(
      'POST',
      '/v1/tenants/awb/complaints',
      {
        channel: 'phone',
        complainant: { name: 'A', phone: '0612345678' },
        description: 'Onvriendelijk te woord gestaan.',
      },
      auth,
    );
    const { number } = await res.json();
    const close = await t.json(
      'POST',
      `/v1/tenants/awb/complaints/${number}/actions/close`,
      {},
      auth,
    );
    expect(close.status).toBe(422);
    const { error } = await close.json();
    expect(Object.keys(error.fields).sort()).toEqual(['classification', 'summary']);
  });
});
