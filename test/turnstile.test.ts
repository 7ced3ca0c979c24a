import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';

// A local stand-in for Cloudflare's siteverify: 'good' passes, anything else fails.
const seen: URLSearchParams[] = [];
const siteverify = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => {
    raw += chunk;
  });
  req.on('end', () => {
    const form = new URLSearchParams(raw);
    seen.push(form);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ success: form.get('response') === 'good' }));
  });
});

let t: TestApp;
let key: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => siteverify.listen(0, '127.0.0.1', resolve));
  const { port } = siteverify.address() as AddressInfo;
  t = await testApp({ turnstile: { secret: 'ts-secret', verifyUrl: `http://127.0.0.1:${port}` } });
  key = await t.tenant('wenb');
});
afterAll(() => {
  t.close();
  siteverify.close();
});

const complaint = {
  complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
  description: 'x',
};
const submit = (extra: object, headers: Record<string, string> = {}) =>
  t.json(
    'POST',
    '/v1/tenants/wenb/complaints',
    { ...complaint, ...extra },
    {
      'cf-connecting-ip': '192.0.2.4',
      ...headers,
    },
  );

test('off by default: no token needed', async () => {
  expect((await submit({})).status).toBe(201);
  expect(seen).toHaveLength(0);
});

test('when the tenant turns it on, public submissions need a genuine token', async () => {
  const procedure = {
    ...presetProcedure('wenb'),
    form: { ...presetProcedure('wenb').form, turnstile: true },
  };
  const put = await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, {
    Authorization: `Bearer ${key}`,
  });
  expect(put.status).toBe(200);

  const missing = await submit({});
  expect(missing.status).toBe(422);
  expect((await missing.json()).error.code).toBe('challenge_failed');
  expect((await submit({ turnstileToken: 'forged' })).status).toBe(422);
  expect((await submit({ turnstileToken: 'good' })).status).toBe(201);
  expect(seen.at(-1)?.get('secret')).toBe('ts-secret');
  expect(seen.at(-1)?.get('remoteip')).toBe('192.0.2.4');
  // Staff registering a complaint are not challenged.
  expect((await submit({}, { Authorization: `Bearer ${key}` })).status).toBe(201);
});
