import { afterEach, beforeEach, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * The form asked for from a page whose origin the procedure does not allow (#25, item 3): the
 * page may read the answer, which names the origin to add and the organisation's other ways to
 * complain, and nothing of the procedure that is not public already.
 */

let t: TestApp;
let key: string;
beforeEach(async () => {
  t = await testApp();
  key = await t.tenant('wenb');
  const letterhead = {
    address: ['Postbus 1234', '1000 AB Voorbeeldstad'],
    phone: '020 123 45 67',
    email: 'klachten@wenb.example',
    website: 'www.wenb.example',
  };
  const res = await t.app.request('/v1/tenants/wenb/procedure', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ letterhead, notifications: { replyTo: 'secretariaat@wenb.example' } }),
  });
  expect(res.status).toBe(200);
});
afterEach(() => t.close());

const form = (headers: Record<string, string>) =>
  t.app.request('/v1/tenants/wenb/form', { headers });

test('a foreign page reads a 403 naming its origin, with the other ways to complain', async () => {
  const res = await form({ Origin: 'https://shop.example', 'Accept-Language': 'en' });
  expect(res.status).toBe(403);
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  expect(res.headers.get('Vary')).toContain('Origin');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const { messages, ...body } = await res.json();
  // The widget's words come with it, in the language asked for.
  expect(messages.procedureLink).toBe('How {name} handles complaints');
  expect(body).toEqual({
    error: {
      code: 'origin_not_allowed',
      message: 'This complaint form may not be used on the website it is on now.',
      origin: 'https://shop.example',
    },
    contact: {
      name: 'Bureau WENB',
      address: ['Postbus 1234', '1000 AB Voorbeeldstad'],
      phone: '020 123 45 67',
      email: 'klachten@wenb.example',
      website: { label: 'www.wenb.example', url: 'https://www.wenb.example/' },
      procedureUrl: 'https://klacht.test/p/wenb/klachtenregeling',
    },
  });
  // Nothing private: not the allowed origins, not the staff's, the appeal body's or reply address.
  const text = JSON.stringify(body);
  for (const secret of ['www.wenb.nl', 'voorzitter@', 'directeur@', 'secretariaat@']) {
    expect(text).not.toContain(secret);
  }
});

test('an allowed origin, our own, a server and a key holder get the form', async () => {
  for (const headers of <Record<string, string>[]>[
    { Origin: 'https://www.wenb.nl' },
    { Origin: 'https://klacht.test' },
    { Origin: 'http://localhost' }, // the request's own origin (app.request's default host)
    {},
    { Origin: 'https://shop.example', Authorization: `Bearer ${key}` },
  ]) {
    const res = await form(headers);
    expect(res.status, JSON.stringify(headers)).toBe(200);
    expect((await res.json()).tenant.slug).toBe('wenb');
  }
});

test('once the origin is added, the same page gets the form', async () => {
  expect((await form({ Origin: 'https://shop.example' })).status).toBe(403);
  const added = await t.app.request('/v1/tenants/wenb/procedure', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ allowedOrigins: ['https://www.wenb.nl', 'https://shop.example'] }),
  });
  expect(added.status).toBe(200);
  const res = await form({ Origin: 'https://shop.example' });
  expect(res.status).toBe(200);
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example');
});

test('without a letterhead the refusal still names the organisation and its procedure', async () => {
  const removed = await t.app.request('/v1/tenants/wenb/procedure', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ letterhead: null }),
  });
  expect(removed.status).toBe(200);
  const res = await form({ Origin: 'https://shop.example' });
  expect((await res.json()).contact).toEqual({
    name: 'Bureau WENB',
    procedureUrl: 'https://klacht.test/p/wenb/klachtenregeling',
  });
});
