import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BODY_LIMITS, MAX_JSON_DEPTH } from '../server/http/body';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';
import { csrfOf, postForm, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * What a stranger, a tenant or a staff member can send must not hurt the service or another
 * tenant: each test here reproduces one attack from the hostile-input review (issue #10).
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
let other: Awaited<ReturnType<typeof tenantWithAdmin>>;

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  wenb = await tenantWithAdmin(t, 'wenb');
  other = await tenantWithAdmin(t, 'totaalonder1dak');
});
afterEach(() => t.close());

const complaint = {
  complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
  description: 'De medewerker was onbeleefd.',
};

async function submit(slug = 'wenb', body: object = complaint, headers = {}) {
  return t.json('POST', `/v1/tenants/${slug}/complaints`, body, headers);
}

/** Another tenant can still submit, sign in and take a step: nothing one did reached it. */
async function otherTenantStillWorks() {
  const res = await submit('totaalonder1dak');
  expect(res.status).toBe(201);
  const { number } = await res.json();
  const cookie = await signInCookie(t, 'totaalonder1dak', other.email, other.password);
  expect(cookie).not.toBe('');
  const step = await t.json(
    'POST',
    `/v1/tenants/totaalonder1dak/complaints/${number}/actions/acknowledge`,
    {},
    { Authorization: `Bearer ${other.key}` },
  );
  expect(step.status).toBe(200);
}

function expectErrorShape(body: unknown) {
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

/** A body that counts how much of it was read: `head`, then `total` bytes of 'a' in all. */
function countingBody(total: number, head = new Uint8Array()) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, total - sent)).fill(0x61);
      if (sent === 0) chunk.set(head.subarray(0, chunk.length));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, read: () => sent };
}

function postStream(path: string, total: number, headers: Record<string, string>, head?: string) {
  const body = countingBody(total, new TextEncoder().encode(head));
  const res = t.app.request(path, {
    method: 'POST',
    body: body.stream,
    headers,
    duplex: 'half',
  } as RequestInit);
  return { res, read: body.read };
}

describe('1. prototype pollution through the admin registration form', () => {
  test('field names like __proto__.x reach no prototype; every tenant keeps working', async () => {
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const csrf = await csrfOf(t, '/admin/wenb/complaints/new', cookie);
    const res = await postForm(
      t,
      '/admin/wenb/complaints',
      {
        _csrf: csrf,
        channel: 'phone',
        receivedAt: '2026-03-01T10:00',
        description: 'Per telefoon',
        '__proto__.polluted': 'yes',
        'constructor.prototype.polluted': 'yes',
        'complainant.__proto__': 'yes',
        __proto__: 'yes',
      },
      { Cookie: cookie },
    );
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await otherTenantStillWorks();
  });
});

describe('2. procedures are bounded', () => {
  const put = (procedure: unknown) =>
    t.json('PUT', '/v1/tenants/wenb/procedure', procedure, {
      Authorization: `Bearer ${wenb.key}`,
    });
  const term = (amount: number, unit: string, from: unknown = 'received') => ({
    amount,
    unit,
    from,
    metBy: 'closed',
    label: { nl: 'Termijn', en: 'Term' },
  });
  const withTerms = (terms: Record<string, unknown>) => {
    const procedure = presetProcedure('wenb');
    return { ...procedure, terms, appeal: { ...procedure.appeal, term: undefined } };
  };

  test('too many terms, long chains, large amounts and far horizons are a 422 naming them', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 21 }, (_, i) => [`t${i}`, term(1, 'workingDays')]),
    );
    const chain = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [
        `c${i}`,
        term(1, 'weeks', i === 0 ? 'received' : { term: `c${i - 1}` }),
      ]),
    );
    const far = Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [
        `f${i}`,
        term(52, 'weeks', i === 0 ? 'received' : { term: `f${i - 1}` }),
      ]),
    );
    const cases: [Record<string, unknown>, string][] = [
      [many, 'terms'],
      [chain, 'terms.c5.from'],
      [far, 'terms.f2.amount'],
      [{ big: term(261, 'workingDays') }, 'terms.big.amount'],
      [{ big: term(367, 'calendarDays') }, 'terms.big.amount'],
      [{ big: term(53, 'weeks') }, 'terms.big.amount'],
    ];
    for (const [terms, field] of cases) {
      const res = await put(withTerms(terms));
      expect(res.status, field).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toContain(field);
    }
  });

  test('the largest procedure allowed still makes a small, quick complaint', async () => {
    // 20 terms in four chains of five, each chain as long as the horizon allows.
    const terms = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => {
        const chain = Math.floor(i / 5);
        const link = i % 5;
        const from = link === 0 ? 'received' : { term: `k${chain}x${link - 1}` };
        return [`k${chain}x${link}`, term(104, 'workingDays', from)];
      }),
    );
    expect((await put(withTerms(terms))).status).toBe(200);
    const res = await submit();
    expect(res.status).toBe(201);
    const stored = await t.db.$client.execute(
      'SELECT SUM(LENGTH(detail)) AS bytes, COUNT(*) AS n FROM deadlines',
    );
    expect(Number(stored.rows[0]?.n)).toBe(20);
    // A few kilobytes per term at most, not megabytes per complaint.
    expect(Number(stored.rows[0]?.bytes)).toBeLessThan(20 * 16 * 1024);
  });
});

describe('3. bodies are bounded before they are read', () => {
  test('a public submission over the limit is refused by its Content-Length, unread', async () => {
    const { res, read } = postStream('/v1/tenants/wenb/complaints', 99 * 1024 * 1024, {
      'Content-Type': 'application/json',
      'Content-Length': String(99 * 1024 * 1024),
    });
    const answer = await res;
    expect(answer.status).toBe(413);
    expectErrorShape(await answer.json());
    expect(read()).toBeLessThanOrEqual(128 * 1024);
  });

  test('without a Content-Length, reading stops at the limit', async () => {
    const { res, read } = postStream('/v1/tenants/wenb/complaints', 50 * 1024 * 1024, {
      'Content-Type': 'application/json',
    });
    expect((await res).status).toBe(413);
    expect(read()).toBeLessThanOrEqual(BODY_LIMITS.submission + 128 * 1024);
  });

  test('uploads to a tenant without attachments are cut off, not read whole', async () => {
    // A file part that runs on: the multipart framing is right, the size is not.
    const file =
      '--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n';
    const { res, read } = postStream(
      '/v1/tenants/wenb/complaints',
      20 * 1024 * 1024,
      { 'Content-Type': 'multipart/form-data; boundary=x' },
      file,
    );
    expect((await res).status).toBe(413);
    expect(read()).toBeLessThanOrEqual(
      BODY_LIMITS.submission + BODY_LIMITS.multipartOverhead + 128 * 1024,
    );
  });

  test('a tracking step checks the token first and reads a bounded body', async () => {
    const wrong = postStream(`/v1/track/${'x'.repeat(43)}/appeal`, 20 * 1024 * 1024, {
      'Content-Type': 'application/json',
    });
    expect((await wrong.res).status).toBe(404);
    expect(wrong.read()).toBeLessThanOrEqual(128 * 1024);
    const token = (await (await submit()).json()).trackingUrl.split('/').pop();
    const big = postStream(`/v1/track/${token}/appeal`, 20 * 1024 * 1024, {
      'Content-Type': 'application/json',
    });
    expect((await big.res).status).toBe(413);
    expect(big.read()).toBeLessThanOrEqual(BODY_LIMITS.tracking + 128 * 1024);
    const page = postStream(`/track/${token}/appeal`, 20 * 1024 * 1024, {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect((await page.res).status).toBe(413);
  });

  test('JSON nested deeper than the limit is a 400, also on a lifecycle step', async () => {
    const { number } = await (await submit()).json();
    // Deep, yet within the size limit: the depth is what is refused.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const res = await t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/respond`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
      body: deep,
    });
    expect(res.status).toBe(400);
    expectErrorShape(await res.json());
    const justDeepEnough = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    const fine = await t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/respond`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
      body: justDeepEnough,
    });
    expect(fine.status).toBe(422);
    for (const path of ['/v1/tenants/wenb/complaints', '/v1/tenants/wenb/procedure']) {
      const method = path.endsWith('procedure') ? 'PUT' : 'POST';
      const answer = await t.app.request(path, {
        method,
        headers: { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' },
        body: `{"a":${deep}}`,
      });
      expect(answer.status, path).toBe(400);
    }
  });
});

describe('4. attachments', () => {
  test('a PDF named x.html is kept and served as x.pdf, as a download that runs nothing', async () => {
    const totaal = 'totaalonder1dak';
    const form = new FormData();
    form.append('complaint', JSON.stringify({ ...complaint, formShownAt: 1, website: '' }));
    const bytes = new TextEncoder().encode('%PDF-1.4\n<script>alert(1)</script>');
    form.append('attachments', new File([bytes], '../../x.html', { type: 'text/html' }));
    const res = await t.app.request(`/v1/tenants/${totaal}/complaints`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(201);
    const { number } = await res.json();
    const auth = { Authorization: `Bearer ${other.key}` };
    const view = await (
      await t.json('GET', `/v1/tenants/${totaal}/complaints/${number}`, undefined, auth)
    ).json();
    expect(view.attachments[0]).toMatchObject({ name: 'x.pdf', type: 'application/pdf' });
    const file = await t.json(
      'GET',
      `/v1/tenants/${totaal}/complaints/${number}/attachments/${view.attachments[0].id}`,
      undefined,
      auth,
    );
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    expect(file.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''x.pdf");
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(file.headers.get('Content-Security-Policy')).toContain('sandbox');
  });
});

describe('5. a 422 names every field it refuses (issue #22, item 19)', () => {
  test('a body whose only unknown key is __proto__ is a 422 naming __proto__', async () => {
    const auth = { Authorization: `Bearer ${wenb.key}`, 'Content-Type': 'application/json' };
    // Written out: JSON.parse makes "__proto__" an own key, as any client's JSON does.
    const staff =
      '{"email":"sanne@example.nl","name":"Sanne","role":"handler","__proto__":{"x":1}}';
    const res = await t.app.request('/v1/tenants/wenb/staff', {
      method: 'POST',
      headers: auth,
      body: staff,
    });
    expect(res.status).toBe(422);
    const { fields } = (await res.json()).error;
    // Compared key by key: `{ __proto__: … }` written here would be no key at all.
    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe(
      'Dit veld bestaat niet.',
    );
    expect(Object.prototype).not.toHaveProperty('x');
  });
});
