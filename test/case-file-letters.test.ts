import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_FILES_PER_STEP } from '../server/complaints/attachments';
import { runJobs } from '../server/jobs/run-jobs';
import { databaseBytes, type TestApp, testApp } from './helpers';
import { pdfText } from './pdf-text';
import { signInCookie } from './staff-helpers';

/*
 * Issue #14: complaints that come on paper or by phone are registered by staff under the rules of
 * their channel; a complainant without an e-mail address gets letters to print and post; the
 * case file keeps every message, document and note, and loses all of it with the complaint.
 */

let t: TestApp;
let now = new Date('2026-12-01T09:00:00Z');

beforeEach(async () => {
  now = new Date('2026-12-01T09:00:00Z');
  t = await testApp({ now: () => now });
});
afterEach(() => t.close());

async function register(slug: string, body: Record<string, unknown>) {
  const key = await t.tenant(slug);
  const auth = { Authorization: `Bearer ${key}` };
  const res = await t.json('POST', `/v1/tenants/${slug}/complaints`, body, auth);
  return { res, auth };
}

const get = async (path: string, auth: Record<string, string>) =>
  (await t.json('GET', path, undefined, auth)).json();

describe('staff register by channel', () => {
  test('a WENB letter with a postal address and no e-mail: 201, its acknowledgement a letter to post', async () => {
    const { res, auth } = await register('wenb', {
      channel: 'letter',
      complainant: { name: 'Els Bakker', address: 'Kerkstraat 12\n3512 AB Utrecht' },
      description: 'Mijn vraag over de contributie is nooit beantwoord.',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { number } = await res.json();
    const queue = await get('/v1/tenants/wenb/letters-to-print', auth);
    expect(queue.items).toEqual([
      expect.objectContaining({ kind: 'acknowledgement', number, name: 'Els Bakker' }),
    ]);
    // The letter carries the complaint, the address and the tracking link (on paper only).
    const pdf = await t.app.request(queue.items[0].pdf, { headers: auth });
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(number);
    expect(text).toContain('Els Bakker');
    expect(text).toContain('3512 AB Utrecht');
    expect(text).toContain('Mijn vraag over de contributie is nooit beantwoord.');
    expect(text).toMatch(/https:\/\/klacht\.test\/track\/\S+/);

    // Posted the next day: the acknowledgement term (two working days) is met then.
    now = new Date('2026-12-02T10:00:00Z');
    const posted = await t.json(
      'POST',
      `/v1/tenants/wenb/complaints/${number}/correspondence/${queue.items[0].id}/posted`,
      {},
      auth,
    );
    expect(posted.status, await posted.clone().text()).toBe(200);
    const item = await posted.json();
    expect(item).toMatchObject({ status: 'posted', postedAt: now.toISOString() });
    // What the case file keeps has no usable link: tracking tokens are stored only hashed.
    expect(item.body).toContain('[persoonlijke link / personal link]');
    expect(item.body).not.toMatch(/\/track\/\S/);
    const complaint = await get(`/v1/tenants/wenb/complaints/${number}`, auth);
    const ack = complaint.deadlines.find((d: { term: string }) => d.term === 'acknowledgement');
    expect(ack.metAt).toBe(now.toISOString());
    expect(complaint.status).toBe('acknowledged');
    expect((await get('/v1/tenants/wenb/letters-to-print', auth)).items).toEqual([]);
    // Marking it again changes nothing; an e-mail is no letter to post.
    const again = await t.json(
      'POST',
      `/v1/tenants/wenb/complaints/${number}/correspondence/${queue.items[0].id}/posted`,
      {},
      auth,
    );
    expect((await again.json()).postedAt).toBe(now.toISOString());
  });

  test('an Awb phone complaint with a phone number and no address: 201, nothing to send', async () => {
    const { res, auth } = await register('awb', {
      channel: 'phone',
      complainant: { name: 'Piet Jansen', phone: '030 123 4567' },
      description: 'De balie was dicht tijdens de openingstijden.',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { number } = await res.json();
    const list = await get(`/v1/tenants/awb/complaints/${number}/correspondence`, auth);
    expect(list.items).toEqual([]);
  });

  test('a TotaalOnder1Dak letter without phone or e-mail: 201, its acknowledgement to print', async () => {
    const { res, auth } = await register('totaalonder1dak', {
      channel: 'letter',
      complainant: { name: 'K. Smit', address: 'Laan 3, 1000 AA Amsterdam' },
      description: 'De verkoper belde mij drie keer op een zondag.',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const queue = await get('/v1/tenants/totaalonder1dak/letters-to-print', auth);
    expect(queue.items.map((l: { kind: string }) => l.kind)).toEqual(['acknowledgement']);
  });

  test('no way to answer is a 422 naming the fields; the procedure adds its own per channel', async () => {
    const { res } = await register('wenb', {
      channel: 'letter',
      complainant: { name: 'Els Bakker' },
      description: 'Zonder adres.',
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(Object.keys(error.fields).sort()).toEqual(['complainant.address', 'complainant.email']);
    expect(error.fields['complainant.email']).toContain('e-mailadres of een postadres');

    // Awb 9:4: a written complaint states name and address.
    const awb = await register('awb', {
      channel: 'letter',
      complainant: { name: 'A', email: 'a@example.nl' },
      description: 'Per brief, zonder adres.',
    });
    expect(awb.res.status).toBe(422);
    expect(Object.keys((await awb.res.json()).error.fields)).toEqual(['complainant.address']);
  });

  test('the public form keeps its own rules', async () => {
    await t.tenant('wenb');
    const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
      complainant: { name: 'Els', email: 'els@example.nl' },
      description: 'Via het formulier, zonder telefoonnummer.',
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['complainant.phone']);
  });
});

describe('the case file', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  async function stepWithFiles(
    path: string,
    auth: Record<string, string>,
    step: Record<string, unknown>,
    files: { name: string; bytes: Uint8Array }[],
  ) {
    const form = new FormData();
    form.set('step', JSON.stringify(step));
    for (const f of files)
      form.append('attachments', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
    return t.app.request(path, { method: 'POST', body: form, headers: auth });
  }

  test('lists every message, each a valid PDF; notes and documents stay inside; erasure and the purge take all of it', async () => {
    const { res, auth } = await register('totaalonder1dak', {
      channel: 'email',
      complainant: {
        name: 'Wim Visser',
        initials: 'W.',
        email: 'wim@example.nl',
        phone: '0612345678',
      },
      description: 'Mijn overeenkomst werd zonder mijn toestemming verlengd.',
    });
    expect(res.status).toBe(201);
    const { number } = await res.json();
    const base = `/v1/tenants/totaalonder1dak/complaints/${number}`;

    const note = await stepWithFiles(
      `${base}/actions/add-note`,
      auth,
      { note: 'Klant belde boos; geluidsopname opgevraagd bij verkoop.' },
      [{ name: 'gespreksverslag-notitie.png', bytes: PNG }],
    );
    expect(note.status, await note.clone().text()).toBe(200);
    const respond = await stepWithFiles(
      `${base}/actions/respond`,
      auth,
      { message: 'Wij zoeken uit wie de verlenging heeft ingevoerd.' },
      [{ name: 'brief-aan-leverancier.png', bytes: PNG }],
    );
    expect(respond.status, await respond.clone().text()).toBe(200);
    // A document of another type than the procedure's is refused by its content.
    const refused = await stepWithFiles(
      `${base}/actions/add-note`,
      auth,
      { note: 'Met een verkeerd bestand.' },
      [{ name: 'script.pdf', bytes: new TextEncoder().encode('<script>alert(1)</script>') }],
    );
    expect(refused.status).toBe(422);
    expect(Object.keys((await refused.json()).error.fields)).toEqual(['attachments.0']);
    // At most MAX_FILES_PER_STEP documents with one step.
    const many = Array.from({ length: MAX_FILES_PER_STEP + 1 }, (_, i) => ({
      name: `bijlage-${i}.png`,
      bytes: PNG,
    }));
    const tooMany = await stepWithFiles(`${base}/actions/add-note`, auth, { note: 'Veel.' }, many);
    expect(tooMany.status).toBe(422);
    expect(Object.keys((await tooMany.json()).error.fields)).toEqual(['attachments']);
    const enough = await stepWithFiles(
      `${base}/actions/add-note`,
      auth,
      { note: 'Precies genoeg.' },
      many.slice(1),
    );
    expect(enough.status).toBe(200);
    const close = await t.json(
      'POST',
      `${base}/actions/close`,
      {
        classification: 'justified',
        summary: 'De verlenging is teruggedraaid.',
        preventiveMeasures: 'Verlengen alleen na schriftelijk akkoord.',
      },
      auth,
    );
    expect(close.status).toBe(200);

    const view = await (await t.json('GET', base, undefined, auth)).json();
    expect(view.attachments.map((a: { source: string }) => a.source)).toEqual([
      'note',
      'step',
      ...Array(MAX_FILES_PER_STEP).fill('note'),
    ]);
    expect(view.correspondence.map((m: { kind: string }) => m.kind)).toEqual([
      'acknowledgement',
      'response',
      'closing',
    ]);
    const tracking = await t.app.request(
      (await (await t.json('GET', `${base}/correspondence`, undefined, auth)).json()).items[0].pdf,
      { headers: auth },
    );
    expect(tracking.status).toBe(200);

    const list = await (await t.json('GET', `${base}/correspondence`, undefined, auth)).json();
    expect(list.items).toHaveLength(3);
    for (const item of list.items) {
      const pdf = await t.app.request(item.pdf, { headers: auth });
      expect(pdf.status).toBe(200);
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      const text = await pdfText(bytes);
      expect(text).toContain(number);
      expect(text).toContain(item.body.split('\n')[0].replace(/\s+/g, ' ').slice(0, 40));
    }
    // The note is nobody's business but staff's: not in any message, not on the tracking page.
    for (const item of list.items) expect(item.body).not.toContain('geluidsopname');

    // Another tenant's key sees none of it.
    const other = await t.tenant('wenb');
    const foreign = await t.app.request(list.items[0].pdf, {
      headers: { Authorization: `Bearer ${other}` },
    });
    expect(foreign.status).toBe(404);

    // At the end of retention (five years after closing) the purge leaves nothing behind.
    now = new Date('2032-01-05T09:00:00Z');
    await runJobs(t.deps, now);
    const bytes = databaseBytes(t);
    for (const secret of [
      'geluidsopname',
      'gespreksverslag-notitie',
      'brief-aan-leverancier',
      'Wij zoeken uit wie de verlenging',
      'De verlenging is teruggedraaid',
      'wim@example.nl',
    ]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(bytes.includes(Buffer.from(PNG))).toBe(false);
  });

  test('erasure on request takes letters still to print and their texts too', async () => {
    const { res, auth } = await register('wenb', {
      channel: 'letter',
      complainant: { name: 'Els Bakker', address: 'Kerkstraat 12\n3512 AB Utrecht' },
      description: 'Een klacht met een geheim: rozenwater.',
    });
    const { number } = await res.json();
    const base = `/v1/tenants/wenb/complaints/${number}`;
    await t.json('POST', `${base}/actions/add-note`, { note: 'Notitie: lavendel.' }, auth);
    const [letter] = (await get('/v1/tenants/wenb/letters-to-print', auth)).items;
    await t.json('POST', `${base}/correspondence/${letter.id}/posted`, {}, auth);
    await t.json('POST', `${base}/actions/respond`, { message: 'Antwoord: vlierbes.' }, auth);
    expect((await get('/v1/tenants/wenb/letters-to-print', auth)).items).toHaveLength(1);
    expect((await t.json('DELETE', base, undefined, auth)).status).toBe(204);
    expect((await get('/v1/tenants/wenb/letters-to-print', auth)).items).toEqual([]);
    const bytes = databaseBytes(t);
    for (const secret of ['rozenwater', 'lavendel', 'vlierbes', 'Kerkstraat', 'Els Bakker']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });
});

describe('the tracking link on paper', () => {
  test('is in the letter to post only for whoever may post it; every other copy leaves it out', async () => {
    // Issue #22 item 12: any staff role could download the letter with the complainant's live
    // link and act as the complainant with it.
    const { res, auth } = await register('wenb', {
      channel: 'letter',
      complainant: { name: 'Els Bakker', address: 'Kerkstraat 12\n3512 AB Utrecht' },
      description: 'Mijn vraag is nooit beantwoord.',
    });
    expect(res.status).toBe(201);
    const password = 'correct horse battery staple';
    const cookies: Record<string, string> = {};
    for (const role of ['receiver', 'handler', 'appealBody', 'admin']) {
      const email = `${role.toLowerCase()}@example.nl`;
      const made = await t.json(
        'POST',
        '/v1/tenants/wenb/staff',
        { email, name: `Staff ${role}`, role, password },
        auth,
      );
      expect(made.status, await made.clone().text()).toBe(201);
      cookies[role] = await signInCookie(t, 'wenb', email, password);
    }
    const [letter] = (await get('/v1/tenants/wenb/letters-to-print', auth)).items;
    const pdfFor = async (headers: Record<string, string>) => {
      const pdf = await t.app.request(letter.pdf, { headers });
      expect(pdf.status).toBe(200);
      return pdfText(new Uint8Array(await pdf.arrayBuffer()));
    };
    const link = /https:\/\/klacht\.test\/track\/\S+/;
    // Who posts letters: whoever registers complaints (receiver, admin), and the organisation's key.
    expect(await pdfFor(auth)).toMatch(link);
    expect(await pdfFor({ Cookie: cookies.receiver ?? '' })).toMatch(link);
    expect(await pdfFor({ Cookie: cookies.admin ?? '' })).toMatch(link);
    // Who does not: the appeal body, and a handler the complaint was not forwarded to. They read
    // the letter as the case file keeps it.
    for (const role of ['appealBody', 'handler']) {
      const copy = await pdfFor({ Cookie: cookies[role] ?? '' });
      expect(copy, role).not.toMatch(/\/track\//);
      expect(copy, role).toContain('[persoonlijke link / personal link]');
      expect(copy, role).toContain('Mijn vraag is nooit beantwoord.');
    }
  });
});
