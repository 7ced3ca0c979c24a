import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from '../../test/helpers';
import { rejectionOf, tenantOf } from '../../test/unit-fixtures';
import { BODY_LIMITS } from '../http/body';
import type { AppEnv, TenantRecord } from '../http/context';
import { onError } from '../http/errors';
import {
  DEFAULT_SUBMIT_LIMIT,
  guardPublicSubmission,
  limitSubmission,
  MIN_FILL_MS,
  readSubmission,
  refuseForeignOrigin,
  submissionLimit,
} from './intake';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const NOW = new Date('2026-03-02T09:00:00.000Z');
const shown = (msAgo: number) => NOW.getTime() - msAgo;

describe('the size of a submission', () => {
  test('is the JSON limit, plus the files the procedure allows and the multipart framing', () => {
    const t1d = tenantOf('totaalonder1dak').procedure; // 5 files of 5 MB
    expect(submissionLimit(t1d, false)).toBe(128 * 1024);
    expect(submissionLimit(t1d, true)).toBe(128 * 1024 + 5 * 5 * 1024 * 1024 + 16 * 1024);
    const wenb = tenantOf('wenb').procedure; // no attachments
    expect(submissionLimit(wenb, true)).toBe(
      BODY_LIMITS.submission + BODY_LIMITS.multipartOverhead,
    );
  });
});

describe('the spam checks of the public form', () => {
  const guard = (body: Record<string, unknown>, app: TestApp, tenant: TenantRecord, now = NOW) =>
    guardPublicSubmission(app.deps, tenant, body, '192.0.2.1', now, 'en');

  test('let a person through: empty honeypot, shown at least 3 seconds ago', async () => {
    t = await testApp();
    const tenant = tenantOf('wenb');
    await expect(guard({ website: '', formShownAt: shown(MIN_FILL_MS) }, t, tenant)).resolves.toBe(
      undefined,
    );
    await expect(guard({ formShownAt: shown(60_000) }, t, tenant)).resolves.toBe(undefined);
    expect(MIN_FILL_MS).toBe(3_000);
  });

  test('refuse a filled honeypot, whatever it holds', async () => {
    t = await testApp();
    const tenant = tenantOf('wenb');
    for (const website of ['http://spam.example', 0, false, null, {}]) {
      const err = await rejectionOf(guard({ website, formShownAt: shown(60_000) }, t, tenant));
      expect([err.status, err.code]).toEqual([422, 'not_sent']);
    }
  });

  test('refuse a form sent within 3 seconds of being shown', async () => {
    t = await testApp();
    const err = await rejectionOf(
      guard({ formShownAt: shown(MIN_FILL_MS - 1) }, t, tenantOf('wenb')),
    );
    expect([err.status, err.code]).toEqual([422, 'not_sent']);
  });

  test('need the moment the form was shown, as a whole positive number', async () => {
    t = await testApp();
    const tenant = tenantOf('wenb');
    const missing = await rejectionOf(guard({}, t, tenant));
    expect([missing.status, missing.code, missing.fields]).toEqual([
      422,
      'validation_failed',
      { formShownAt: 'Please fill in this field.' },
    ]);
    for (const formShownAt of ['1700000000000', 1.5, 0, -5, Number.MAX_SAFE_INTEGER + 2, null]) {
      const err = await rejectionOf(guard({ formShownAt }, t, tenant));
      expect(err.fields).toEqual({ formShownAt: 'This value has the wrong type.' });
    }
  });

  test('limit submissions per tenant and address, and say when to come back', async () => {
    t = await testApp({ submitLimit: { max: 2, windowSeconds: 60 } });
    const tenant = tenantOf('wenb');
    const body = { formShownAt: shown(60_000) };
    await guard(body, t, tenant);
    await guard(body, t, tenant);
    const err = await rejectionOf(guard(body, t, tenant));
    expect([err.status, err.code, err.retryAfter]).toEqual([429, 'rate_limited', 60]);
    await expect(
      guardPublicSubmission(t.deps, tenant, body, '192.0.2.2', NOW, 'nl'),
    ).resolves.toBeUndefined();
    await expect(
      guardPublicSubmission(t.deps, { ...tenant, id: 'other' }, body, '192.0.2.1', NOW, 'nl'),
    ).resolves.toBeUndefined();
    expect(DEFAULT_SUBMIT_LIMIT).toEqual({ max: 10, windowSeconds: 600 });
  });

  test('ask Cloudflare Turnstile only where the tenant turned it on and a secret is set', async () => {
    const asked: URLSearchParams[] = [];
    const siteverify = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        asked.push(form);
        res.end(JSON.stringify({ success: form.get('response') === 'good' }));
      });
    });
    await new Promise<void>((resolve) => siteverify.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = siteverify.address() as AddressInfo;
      t = await testApp({ turnstile: { secret: 's', verifyUrl: `http://127.0.0.1:${port}` } });
      const on = tenantOf('wenb', (p) => {
        p.form.turnstile = true;
      });
      const body = { formShownAt: shown(60_000) };
      await expect(guard(body, t, tenantOf('wenb'))).resolves.toBeUndefined();
      expect(asked).toHaveLength(0);
      const err = await rejectionOf(guard({ ...body, turnstileToken: 'bad' }, t, on));
      expect([err.status, err.code]).toEqual([422, 'challenge_failed']);
      await expect(guard({ ...body, turnstileToken: 'good' }, t, on)).resolves.toBeUndefined();
      expect(asked.map((f) => [f.get('secret'), f.get('response'), f.get('remoteip')])).toEqual([
        ['s', 'bad', '192.0.2.1'],
        ['s', 'good', '192.0.2.1'],
      ]);
      const off = await testApp();
      try {
        await expect(guard(body, off, on)).resolves.toBeUndefined();
      } finally {
        off.close();
      }
    } finally {
      siteverify.close();
    }
  });
});

/** A tiny app with the real middleware and reader, for one tenant and actor. */
function edge(tenant: TenantRecord, actor: AppEnv['Variables']['actor'], publicUrl: string) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(async (c, next) => {
    c.set('tenant', tenant);
    c.set('actor', actor);
    c.set('locale', 'en');
    await next();
  });
  const deps = { config: { publicUrl } } as never;
  app.post('/submit', refuseForeignOrigin(deps), limitSubmission(), async (c) => {
    const { body, files } = await readSubmission(c, 'complaint', 5);
    return c.json({ body, files: files.map((f) => [f.name, f.type, f.bytes.byteLength]) });
  });
  return app;
}

describe('the edge of the submission route', () => {
  const wenb = tenantOf('wenb'); // allows https://www.wenb.nl
  const json = (origin?: string) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify({ description: 'x' }),
  });

  test('a public browser page must be an allowed origin or our own', async () => {
    const app = edge(wenb, { kind: 'public' }, 'https://klacht.example');
    expect((await app.request('/submit', json('https://www.wenb.nl'))).status).toBe(200);
    expect((await app.request('/submit', json('https://klacht.example'))).status).toBe(200);
    expect((await app.request('http://api.local/submit', json('http://api.local'))).status).toBe(
      200,
    );
    expect((await app.request('/submit', json())).status).toBe(200);
    const foreign = await app.request('/submit', json('https://evil.example'));
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('origin_not_allowed');
  });

  test('a tenant key may send from anywhere', async () => {
    const app = edge(wenb, { kind: 'apiKey', keyId: 'k', label: 'x' }, 'https://klacht.example');
    expect((await app.request('/submit', json('https://evil.example'))).status).toBe(200);
  });

  test('JSON must be an object', async () => {
    const app = edge(wenb, { kind: 'public' }, 'https://klacht.example');
    for (const body of ['[1]', '"text"', 'null', '{broken']) {
      const res = await app.request('/submit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
    }
    const ok = await app.request('/submit', json());
    expect(await ok.json()).toEqual({ body: { description: 'x' }, files: [] });
  });

  test('multipart carries the JSON in "complaint" and the files in "attachments"', async () => {
    const app = edge(tenantOf('totaalonder1dak'), { kind: 'public' }, 'https://klacht.example');
    const form = new FormData();
    form.set('complaint', JSON.stringify({ description: 'met bijlagen' }));
    form.append('attachments', new File([new Uint8Array([0x25, 0x50])], 'a.pdf'));
    form.append('attachments', new File([new Uint8Array([1, 2, 3])], 'b.png'));
    form.append('other', new File([new Uint8Array([1])], 'c.png'));
    const res = await app.request('/submit', { method: 'POST', body: form });
    expect(await res.json()).toEqual({
      body: { description: 'met bijlagen' },
      files: [
        ['a.pdf', 'application/octet-stream', 2],
        ['b.png', 'application/octet-stream', 3],
      ],
    });
  });

  test('multipart: the JSON may be a file part, a single file is a list, text parts are no files', async () => {
    const app = edge(tenantOf('totaalonder1dak'), { kind: 'public' }, 'https://klacht.example');
    const form = new FormData();
    form.set('complaint', new File([JSON.stringify({ description: 'als bestand' })], 'c.json'));
    form.append(
      'attachments',
      new File([new Uint8Array([9])], 'één.pdf', { type: 'application/pdf' }),
    );
    const res = await app.request('/submit', { method: 'POST', body: form });
    expect(await res.json()).toEqual({
      body: { description: 'als bestand' },
      files: [['één.pdf', 'application/pdf', 1]],
    });
    const text = new FormData();
    text.set('attachments', 'not a file');
    const none = await app.request('/submit', { method: 'POST', body: text });
    expect(await none.json()).toEqual({ body: {}, files: [] });
  });

  test('a multipart body that cannot be read is a 400', async () => {
    const app = edge(tenantOf('totaalonder1dak'), { kind: 'public' }, 'https://klacht.example');
    const res = await app.request('/submit', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: 'no parts here',
    });
    expect(res.status).toBe(400);
  });

  test('a multipart body over what the procedure allows is a 413 before it is read', async () => {
    const app = edge(wenb, { kind: 'public' }, 'https://klacht.example');
    const form = new FormData();
    form.set('complaint', '{}');
    form.append('attachments', new File([new Uint8Array(200 * 1024)], 'big.pdf'));
    const res = await app.request('/submit', { method: 'POST', body: form });
    expect(res.status).toBe(413);
    const t1d = edge(tenantOf('totaalonder1dak'), { kind: 'public' }, 'https://klacht.example');
    expect((await t1d.request('/submit', { method: 'POST', body: form })).status).toBe(200);
    const bigJson = await app.request('/submit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ description: 'x'.repeat(140 * 1024) }),
    });
    expect(bigJson.status).toBe(413);
  });
});
