import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';
import { linkIn } from './unit-fixtures';

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

async function submit() {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' },
    description: 'Het advies kwam te laat.',
  });
  const body = await res.json();
  return {
    number: body.number as string,
    token: (body.trackingUrl as string).split('/').pop() as string,
  };
}

const act = (number: string, action: string, body: unknown = {}) =>
  t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, body, auth());

describe('GET /v1/track/{token}', () => {
  test('shows status, the public timeline and due dates, and nothing internal', async () => {
    const { number, token } = await submit();
    await act(number, 'forward', {
      handler: 'Interne Behandelaar',
      handlerEmail: 'intern@wenb.nl',
    });
    await act(number, 'update', { cause: 'Interne notitie over collega Pietersen' });
    const res = await t.app.request(`/v1/track/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const view = await res.json();
    expect(view).toMatchObject({
      number,
      // The name its messages go out under (the procedure's sender name).
      organisation: 'Bureau WENB',
      status: 'forwarded',
      statusLabel: 'In behandeling genomen',
      deadlines: [
        { term: 'acknowledgement', date: '2026-12-29', met: false },
        { term: 'resolution', date: '2027-01-07', met: false },
      ],
      canAccept: false,
      canAppeal: false,
    });
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/Interne|intern@|Pietersen|registration/);
  });

  test('a wrong, a revoked and an erased token get the very same answer', async () => {
    const { number, token } = await submit();
    const wrong = await t.app.request(`/v1/track/${'A'.repeat(43)}`);
    const malformed = await t.app.request('/v1/track/abc');
    await t.json('DELETE', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
    const erased = await t.app.request(`/v1/track/${token}`);
    const bodies = await Promise.all([wrong, malformed, erased].map((r) => r.text()));
    expect([wrong.status, malformed.status, erased.status]).toEqual([404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    const page = await t.app.request(`/track/${token}`);
    const pageWrong = await t.app.request(`/track/${'B'.repeat(43)}`);
    expect([page.status, pageWrong.status]).toEqual([404, 404]);
    expect(await page.text()).toBe(await pageWrong.text());
  });

  test('a token shows its own complaint only, never another of the tenant or of another tenant', async () => {
    // Issue #22, item 26: a token that opened a sibling complaint was caught only by a language
    // test. Three complaints, each in a state of its own, and one of another tenant with the same
    // number as the first; every token, from the submission or minted later for a message.
    const first = await submit();
    const second = await submit();
    const third = await submit();
    await act(second.number, 'propose-solution', {
      proposedSolution: 'Excuses.',
      cause: 'Drukte.',
    });
    await act(third.number, 'acknowledge');
    await t.tenant('totaalonder1dak');
    const foreign = await t.json('POST', '/v1/tenants/totaalonder1dak/complaints', {
      complainant: { name: 'Els', initials: 'E.', phone: '0612345678', email: 'els@example.nl' },
      description: 'Andere organisatie.',
    });
    expect(foreign.status, await foreign.clone().text()).toBe(201);
    const { number: foreignNumber, trackingUrl } = await foreign.json();
    expect(foreignNumber).toBe(first.number);

    const complaintRows = await t.db.query.complaints.findMany();
    const idOf = (number: string, tenantId: string) =>
      complaintRows.find((c) => c.number === number && c.tenantId === tenantId)?.id as string;
    const wenbId = (
      await t.db.query.tenants.findFirst({ where: (x, { eq }) => eq(x.slug, 'wenb') })
    )?.id as string;
    const tokens: [token: string, complaintId: string][] = [
      [first.token, idOf(first.number, wenbId)],
      [second.token, idOf(second.number, wenbId)],
      [third.token, idOf(third.number, wenbId)],
      [
        (trackingUrl as string).split('/').pop() as string,
        complaintRows.find((c) => c.tenantId !== wenbId)?.id as string,
      ],
    ];
    for (const row of await t.db.query.outbox.findMany()) {
      const link = await linkIn(row);
      if (link && row.complaintId) tokens.push([link.split('/').pop() as string, row.complaintId]);
    }
    expect(tokens.length).toBeGreaterThan(4);

    for (const [token, complaintId] of tokens) {
      const own = complaintRows.find((c) => c.id === complaintId);
      const view = await (await t.app.request(`/v1/track/${token}`)).json();
      expect([view.number, view.status, view.organisation], token).toEqual([
        own?.number,
        own?.status,
        own?.tenantId === wenbId ? 'Bureau WENB' : 'TotaalOnder1Dak Klantenservice',
      ]);
      const page = await (await t.app.request(`/track/${token}`)).text();
      for (const other of [first, second, third]) {
        if (other.number !== own?.number) expect(page, token).not.toContain(other.number);
      }
    }
    // A step through one token changes its own complaint alone.
    expect((await t.json('POST', `/v1/track/${second.token}/accept`, {})).status).toBe(200);
    const accepted = async (number: string) => {
      const view = await (
        await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth())
      ).json();
      return view.events.some((e: { type: string }) => e.type === 'solutionAccepted');
    };
    expect([
      await accepted(first.number),
      await accepted(second.number),
      await accepted(third.number),
    ]).toEqual([false, true, false]);
  });

  test('the token is stored only as a hash', async () => {
    const { token } = await submit();
    const dump = JSON.stringify((await t.db.$client.execute('SELECT * FROM tracking_tokens')).rows);
    expect(dump).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
  });

  test('look-ups are rate-limited per address', async () => {
    const from = { 'cf-connecting-ip': '198.51.100.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      statuses.push((await t.app.request(`/v1/track/${'C'.repeat(43)}`, { headers: from })).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
    const other = await t.app.request(`/v1/track/${'C'.repeat(43)}`, {
      headers: { 'cf-connecting-ip': '198.51.100.10' },
    });
    expect(other.status).toBe(404);
  });
});

describe('the complainant acts through the link', () => {
  test('appeal: 409 before a solution, 201 with its due date after, routed to the appeal body', async () => {
    const { number, token } = await submit();
    const early = await t.json('POST', `/v1/track/${token}/appeal`, { grounds: 'Te vroeg.' });
    expect(early.status).toBe(409);
    await act(number, 'acknowledge');
    await act(number, 'propose-solution', { proposedSolution: 'Nieuw advies.', cause: 'Drukte.' });
    const view = await (await t.app.request(`/v1/track/${token}`)).json();
    expect(view).toMatchObject({
      canAccept: true,
      canAppeal: true,
      proposedSolution: 'Nieuw advies.',
    });
    const empty = await t.json('POST', `/v1/track/${token}/appeal`, { grounds: '' });
    expect(empty.status).toBe(422);
    expect(Object.keys((await empty.json()).error.fields)).toEqual(['grounds']);
    const res = await t.json('POST', `/v1/track/${token}/appeal`, {
      grounds: 'Het nieuwe advies klopt niet.',
    });
    expect(res.status).toBe(201);
    const after = await res.json();
    expect(after.status).toBe('appealFiled');
    expect(after.deadlines).toContainEqual(
      expect.objectContaining({ term: 'appealDecision', date: '2027-02-04' }),
    );
    const register = await (
      await t.json('GET', '/v1/tenants/wenb/complaints?status=appealFiled', undefined, auth())
    ).json();
    expect(register.items).toEqual([expect.objectContaining({ number, nextDue: '2027-02-04' })]);
    const outbox = await t.db.$client.execute(
      "SELECT pd_recipient FROM outbox WHERE kind = 'appealNotice'",
    );
    expect(outbox.rows[0]?.pd_recipient).toBe('voorzitter@wenb.nl');
  });

  test('appeal is 409 where the procedure has none', async () => {
    const other = await t.tenant('totaalonder1dak');
    const res = await t.json('POST', '/v1/tenants/totaalonder1dak/complaints', {
      complainant: { name: 'A', initials: 'B', phone: '0612345678', email: 'a@example.nl' },
      description: 'x',
    });
    const { number, trackingUrl } = await res.json();
    await t.json(
      'POST',
      `/v1/tenants/totaalonder1dak/complaints/${number}/actions/propose-solution`,
      { proposedSolution: 's' },
      { Authorization: `Bearer ${other}` },
    );
    const appeal = await t.json('POST', `/v1/track/${trackingUrl.split('/').pop()}/appeal`, {
      grounds: 'g',
    });
    expect(appeal.status).toBe(409);
    expect((await appeal.json()).error.code).toBe('appeal_not_available');
  });

  test("a step named after an object's own property is no step: 404, not 500", async () => {
    const { token } = await submit();
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const api = await t.json('POST', `/v1/track/${token}/${name}`, {});
      expect(api.status, name).toBe(404);
      const page = await t.app.request(`/track/${token}/${name}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'http://localhost',
        },
        body: '',
      });
      expect(page.status, name).toBeLessThan(500);
    }
  });

  test("?done= naming an object's own property shows no notice and no source code", async () => {
    const { token } = await submit();
    for (const done of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      const page = await t.app.request(`/track/${token}?done=${done}`);
      expect(page.status, done).toBe(200);
      const text = await page.text();
      expect(text, done).not.toMatch(/native code|function|\[object/);
      expect(text, done).not.toContain('class="notice"');
    }
    const accepted = await t.app.request(`/track/${token}?done=erasure`);
    expect(await accepted.text()).toContain('class="notice"');
  });

  test('accept, then satisfaction after closing, and a request for erasure', async () => {
    const { number, token } = await submit();
    await act(number, 'propose-solution', { proposedSolution: 'Excuses.', cause: 'Drukte.' });
    expect((await t.json('POST', `/v1/track/${token}/accept`)).status).toBe(200);
    const accepted = await (await t.app.request(`/v1/track/${token}`)).json();
    expect(accepted).toMatchObject({ canAccept: false, canAppeal: false });
    expect(
      (await t.json('POST', `/v1/track/${token}/satisfaction`, { satisfied: true })).status,
    ).toBe(409);
    await act(number, 'close', {});
    const rated = await t.json('POST', `/v1/track/${token}/satisfaction`, {
      satisfied: false,
      comment: 'Duurde lang.',
    });
    expect(rated.status).toBe(200);
    expect((await rated.json()).satisfied).toBe(false);
    const erasure = await t.json('POST', `/v1/track/${token}/erasure`);
    expect(erasure.status).toBe(202);
    const complaint = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth())
    ).json();
    expect(complaint.satisfied).toBe(false);
    expect(complaint.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['solutionAccepted', 'satisfaction', 'erasureRequested']),
    );
  });

  test('the page works without JavaScript: forms post and come back, typed grounds survive an error', async () => {
    const { number, token } = await submit();
    await act(number, 'propose-solution', { proposedSolution: 'Nieuw advies.', cause: 'Drukte.' });
    const page = await (await t.app.request(`/track/${token}`)).text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain(`action="/track/${token}/appeal"`);
    expect(page).toContain('Nieuw advies.');
    const english = await (await t.app.request(`/track/${token}?lang=en`)).text();
    expect(english).toContain('Do not agree? Appeal');

    const post = (body: string) =>
      t.app.request(`/track/${token}/appeal`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
    const bad = await post('grounds=');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Schrijf op waarom u niet akkoord gaat met de oplossing.');
    const ok = await post(`grounds=${encodeURIComponent('Ik ben het <b>oneens</b>.')}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('Location')).toBe(`/track/${token}?done=appeal`);
    const after = await (await t.app.request(`/track/${token}?done=appeal`)).text();
    expect(after).toContain('Uw beroep is ontvangen.');
    expect(after).toContain('In beroep');
  });

  test("the page opens in the complaint's language, not the browser's; ?lang= switches and stays", async () => {
    const file = async (language: string) => {
      const res = await t.json(
        'POST',
        '/v1/tenants/wenb/complaints',
        {
          complainant: { name: 'Jan Jansen', phone: '0612345678', email: 'jan@example.nl' },
          description: 'Het advies kwam te laat.',
        },
        { 'Accept-Language': language },
      );
      return ((await res.json()).trackingUrl as string).split('/').pop() as string;
    };
    const page = async (path: string, language: string) =>
      (await t.app.request(path, { headers: { 'Accept-Language': language } })).text();

    const dutch = await file('nl-NL,nl;q=0.9');
    expect(await page(`/track/${dutch}`, 'en-GB,en;q=0.9')).toContain('<html lang="nl">');
    const english = await file('en-GB,en;q=0.9');
    expect(await page(`/track/${english}`, 'nl-NL')).toContain('<html lang="en">');
    // The switch: the other language, whose forms keep it, so a step comes back in it.
    const switched = await page(`/track/${dutch}?lang=en`, 'nl-NL');
    expect(switched).toContain('<html lang="en">');
    expect(switched).toContain('href="?lang=en&amp;confirm=erasure#erasure-confirm"');
    expect(switched).toContain('<a href="?lang=nl" lang="nl">Nederlands</a>');
    const confirming = await page(`/track/${dutch}?lang=en&confirm=erasure`, 'nl-NL');
    expect(confirming).toContain(`action="/track/${dutch}/erasure?lang=en"`);
    const step = await t.app.request(`/track/${dutch}/erasure?lang=en`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(step.headers.get('Location')).toBe(`/track/${dutch}?lang=en&done=erasure`);
    // The JSON view follows Accept-Language, as the API does, then the complaint's language.
    const view = async (token: string, headers: Record<string, string>) =>
      (await (await t.app.request(`/v1/track/${token}`, { headers })).json()).statusLabel;
    expect(await view(dutch, { 'Accept-Language': 'en' })).toBe('Received');
    expect(await view(english, {})).toBe('Received');
    expect(await view(dutch, {})).toBe('Ontvangen');

    // A complaint from before the language was kept opens in the organisation's language.
    await t.db.$client.execute('UPDATE complaints SET locale = NULL');
    expect(await page(`/track/${english}`, 'en-GB')).toContain('<html lang="nl">');
  });
});
