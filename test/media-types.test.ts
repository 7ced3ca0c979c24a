import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp, WIDGET_FIELDS } from './helpers';

/*
 * A body is taken in the media types its route names, and a 415 says which, in the request's
 * language (issue #22, item 18: the public submit took JSON under any Content-Type).
 */

let t: TestApp;
let key: string;
beforeEach(async () => {
  t = await testApp();
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

const complaint = JSON.stringify({
  ...WIDGET_FIELDS,
  complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
  description: 'De medewerker was onbeleefd.',
});
const bytes = (text: string) => new TextEncoder().encode(text);

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return t.app.request(path, { method: 'POST', body, headers });
}

async function expect415(res: Response, takes: string, locale: 'nl' | 'en' = 'nl') {
  expect(res.status).toBe(415);
  const { error } = await res.json();
  expect(error.code).toBe('unsupported_media_type');
  expect(error.fields).toEqual({
    'Content-Type': locale === 'nl' ? `Stuur dit als ${takes}.` : `Send this as ${takes}.`,
  });
}

const submitTakes = 'application/json, multipart/form-data';

describe('a submission', () => {
  const path = '/v1/tenants/wenb/complaints';

  test('is JSON only as application/json (with or without a charset)', async () => {
    expect((await post(path, complaint, { 'Content-Type': 'application/json' })).status).toBe(201);
    const charset = { 'Content-Type': 'application/json; charset=utf-8' };
    expect((await post(path, complaint, charset)).status).toBe(201);
  });

  test('under another media type, or none, is a 415 naming what the route takes', async () => {
    await expect415(await post(path, complaint, { 'Content-Type': 'text/plain' }), submitTakes);
    await expect415(await post(path, bytes(complaint)), submitTakes);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };
    await expect415(await post(path, complaint, form), submitTakes, 'en');
    // Not registered: nothing was taken in.
    const n = await t.db.$client.execute('SELECT COUNT(*) AS n FROM complaints');
    expect(n.rows[0]?.n).toBe(0);
  });

  test('with a tenant key is held to the same', async () => {
    const auth = { Authorization: `Bearer ${key}` };
    await expect415(
      await post(path, complaint, { ...auth, 'Content-Type': 'text/plain' }),
      submitTakes,
    );
  });
});

describe('other JSON routes', () => {
  test('a step takes JSON or multipart, and no body at all', async () => {
    const auth = { Authorization: `Bearer ${key}` };
    const created = await post('/v1/tenants/wenb/complaints', complaint, {
      'Content-Type': 'application/json',
    });
    const { number } = await created.json();
    const step = `/v1/tenants/wenb/complaints/${number}/actions/acknowledge`;
    await expect415(
      await post(step, '{}', { ...auth, 'Content-Type': 'text/plain' }),
      'application/json',
    );
    expect((await post(step, new Uint8Array(), auth)).status).toBe(200);
  });

  test('a procedure is JSON', async () => {
    const res = await t.app.request('/v1/tenants/wenb/procedure', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify(presetProcedure('wenb')),
    });
    await expect415(res, 'application/json');
  });
});
