import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SUBMIT_ATTEMPTS_PER_ALLOWED } from '../server/complaints/intake';
import { databaseBytes, type TestApp, testApp, WIDGET_FIELDS } from './helpers';

let t: TestApp;
let key: string;
beforeEach(async () => {
  t = await testApp();
  key = await t.tenant('totaalonder1dak');
});
afterEach(() => t.close());

const complaint = {
  complainant: { name: 'Jansen', initials: 'J.', phone: '0612345678' },
  description: 'Zie de offerte in de bijlage.',
};
const pdf = (marker: string) => new TextEncoder().encode(`%PDF-1.4\n${marker}\n%%EOF\n`);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function multipart(
  files: { name: string; bytes: Uint8Array; type?: string }[],
  body: object = complaint,
) {
  const form = new FormData();
  const json = JSON.stringify({ ...WIDGET_FIELDS, ...body });
  form.append('complaint', new Blob([json], { type: 'application/json' }));
  for (const f of files)
    form.append(
      'attachments',
      new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/pdf' }),
    );
  return form;
}

const post = (form: FormData, headers: Record<string, string> = {}, slug = 'totaalonder1dak') =>
  t.app.request(`/v1/tenants/${slug}/complaints`, { method: 'POST', body: form, headers });

describe('attachments', () => {
  test('are stored with the complaint, retrievable by staff, and gone after erasure', async () => {
    const marker = 'OFFERTE-QX-778899-GEHEIM';
    const res = await post(
      multipart([
        { name: 'offerte.pdf', bytes: pdf(marker) },
        { name: 'foto.png', bytes: png, type: 'image/png' },
      ]),
    );
    expect(res.status).toBe(201);
    const { number } = await res.json();
    const auth = { Authorization: `Bearer ${key}` };
    const view = await (
      await t.app.request(`/v1/tenants/totaalonder1dak/complaints/${number}`, { headers: auth })
    ).json();
    expect(view.attachments).toEqual([
      expect.objectContaining({
        name: 'offerte.pdf',
        type: 'application/pdf',
        size: pdf(marker).byteLength,
      }),
      expect.objectContaining({ name: 'foto.png', type: 'image/png', size: png.byteLength }),
    ]);
    const download = await t.app.request(
      `/v1/tenants/totaalonder1dak/complaints/${number}/attachments/${view.attachments[0].id}`,
      { headers: auth },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('application/pdf');
    expect(download.headers.get('Content-Disposition')).toContain("filename*=UTF-8''offerte.pdf");
    expect(new TextDecoder().decode(await download.arrayBuffer())).toContain(marker);
    // No download without the tenant's key.
    const anonymous = await t.app.request(
      `/v1/tenants/totaalonder1dak/complaints/${number}/attachments/${view.attachments[0].id}`,
    );
    expect(anonymous.status).toBe(401);

    const erase = await t.app.request(`/v1/tenants/totaalonder1dak/complaints/${number}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(erase.status).toBe(204);
    const after = await t.app.request(
      `/v1/tenants/totaalonder1dak/complaints/${number}/attachments/${view.attachments[0].id}`,
      { headers: auth },
    );
    expect(after.status).toBe(404);
    const file = databaseBytes(t);
    expect(file.includes(Buffer.from(marker))).toBe(false);
    expect(file.includes(Buffer.from('offerte.pdf'))).toBe(false);
  });

  test('a forged extension is refused by content, naming the file', async () => {
    const res = await post(
      multipart([{ name: 'factuur.pdf', bytes: new TextEncoder().encode('MZ fake exe') }]),
    );
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.fields['attachments.0']).toContain('factuur.pdf');
    expect(error.fields['attachments.0']).toMatch(/PDF, JPEG of PNG/);
    expect((await t.db.$client.execute('SELECT COUNT(*) AS n FROM complaints')).rows[0]?.n).toBe(0);
  });

  test('over the count and over the size are refused in the language asked for', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdf('x') }));
    const many = await post(multipart(six), { 'Accept-Language': 'en' });
    expect(many.status).toBe(422);
    expect((await many.json()).error.fields.attachments).toBe('You can attach at most 5 files.');

    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf('x'));
    const large = await post(multipart([{ name: 'groot.pdf', bytes: big }]));
    expect(large.status).toBe(422);
    expect((await large.json()).error.fields['attachments.0']).toBe(
      'Het bestand groot.pdf is groter dan 5 MB.',
    );
  });

  test('a tenant whose form takes no attachments refuses them', async () => {
    await t.tenant('wenb');
    const res = await post(
      multipart([{ name: 'a.pdf', bytes: pdf('x') }], {
        complainant: { name: 'A', phone: '0612345678', email: 'a@example.nl' },
        description: 'x',
      }),
      {},
      'wenb',
    );
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['attachments']);
  });

  test('a retry with the same key and files is one complaint; other files with that key are refused', async () => {
    const headers = { 'Idempotency-Key': 'with-files-0001' };
    const a = await post(multipart([{ name: 'a.pdf', bytes: pdf('one') }]), headers);
    const b = await post(multipart([{ name: 'a.pdf', bytes: pdf('one') }]), headers);
    expect(await b.json()).toEqual(await a.json());
    const c = await post(multipart([{ name: 'a.pdf', bytes: pdf('two') }]), headers);
    expect(c.status).toBe(422);
    expect((await c.json()).error.code).toBe('idempotency_key_reused');
    expect((await t.db.$client.execute('SELECT COUNT(*) AS n FROM attachments')).rows[0]?.n).toBe(
      1,
    );
  });
});

describe('spam protection without barriers', () => {
  const submit = (body: object) => t.json('POST', '/v1/tenants/totaalonder1dak/complaints', body);
  const count = async () =>
    (await t.db.$client.execute('SELECT COUNT(*) AS n FROM complaints')).rows[0]?.n;

  test('a filled-in honeypot is refused and nothing is stored', async () => {
    const res = await submit({ ...complaint, website: 'http://spam.example' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('not_sent');
    expect(await count()).toBe(0);
  });

  test('a form sent within 3 seconds of being shown is refused; after that it is fine', async () => {
    const fast = await submit({ ...complaint, formShownAt: Date.now() - 500 });
    expect(fast.status).toBe(422);
    const human = await submit({ ...complaint, formShownAt: Date.now() - 60_000, website: '' });
    expect(human.status).toBe(201);
  });

  test('public submissions are rate-limited per tenant and address; the tenant key is not', async () => {
    const limited = await testApp({ submitLimit: { max: 2, windowSeconds: 600 } });
    try {
      const limitedKey = await limited.tenant('totaalonder1dak');
      const send = (headers: Record<string, string> = {}) =>
        limited.json('POST', '/v1/tenants/totaalonder1dak/complaints', complaint, headers);
      const from = { 'cf-connecting-ip': '203.0.113.7' };
      expect((await send(from)).status).toBe(201);
      expect((await send(from)).status).toBe(201);
      const third = await send(from);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await third.json()).error.code).toBe('rate_limited');
      expect((await send({ 'cf-connecting-ip': '203.0.113.8' })).status).toBe(201);
      expect((await send({ ...from, Authorization: `Bearer ${limitedKey}` })).status).toBe(201);
      // Only a hash of tenant and address is stored.
      const rows = JSON.stringify(
        (await limited.db.$client.execute('SELECT * FROM rate_limits')).rows,
      );
      expect(rows).not.toContain('203.0.113');
    } finally {
      limited.close();
    }
  });

  test('an address over its attempts is refused before its body is read', async () => {
    const limited = await testApp({ submitLimit: { max: 1, windowSeconds: 600 } });
    try {
      await limited.tenant('totaalonder1dak');
      const from = { 'cf-connecting-ip': '203.0.113.9' };
      const send = () =>
        limited.json('POST', '/v1/tenants/totaalonder1dak/complaints', complaint, from);
      // One submission allowed, and as many attempts again twice: refused ones count too.
      const statuses = [];
      for (let i = 0; i < SUBMIT_ATTEMPTS_PER_ALLOWED; i++) statuses.push((await send()).status);
      expect(statuses).toEqual([201, 429, 429]);
      // The next one is a file that runs on for 20 MB: refused at once, not read to its limit.
      const head = new TextEncoder().encode(
        '--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n',
      );
      let read = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (read >= 20 * 1024 * 1024) return controller.close();
          const chunk = new Uint8Array(64 * 1024).fill(0x61);
          if (read === 0) chunk.set(head);
          read += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await limited.app.request('/v1/tenants/totaalonder1dak/complaints', {
        method: 'POST',
        headers: { ...from, 'Content-Type': 'multipart/form-data; boundary=x' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(read).toBeLessThanOrEqual(64 * 1024);
      // Another address is not held up by it.
      const other = { 'cf-connecting-ip': '203.0.113.10' };
      const theirs = limited.json(
        'POST',
        '/v1/tenants/totaalonder1dak/complaints',
        complaint,
        other,
      );
      expect((await theirs).status).toBe(201);
    } finally {
      limited.close();
    }
  });
});
