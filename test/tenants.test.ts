import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { presetProcedure } from '../shared/presets';
import { OPERATOR_TOKEN, type TestApp, testApp } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const operator = { Authorization: `Bearer ${OPERATOR_TOKEN}` };

describe('POST /v1/tenants', () => {
  test('creates a tenant from a preset and returns its API key once', async () => {
    const res = await t.json(
      'POST',
      '/v1/tenants',
      { slug: 'wenb', name: 'WENB', preset: 'wenb' },
      operator,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.tenant).toMatchObject({ slug: 'wenb', name: 'WENB' });
    expect(body.tenant.procedure.retention).toEqual({ years: 2 });
    expect(body.apiKey).toMatch(/^kl_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const rows = await t.db.$client.execute('SELECT * FROM api_keys');
    expect(JSON.stringify(rows.rows)).not.toContain(body.apiKey);
  });

  test('creates a tenant from a full procedure, filling in the defaults', async () => {
    const res = await t.json(
      'POST',
      '/v1/tenants',
      {
        slug: 'gemeente-x',
        name: 'Gemeente X',
        procedure: {
          terms: {
            decision: {
              amount: 6,
              unit: 'weeks',
              from: 'received',
              metBy: 'closed',
              label: { nl: 'Beslissing', en: 'Decision' },
              postponable: { maxWeeks: 4 },
            },
          },
          retention: { years: 1 },
        },
      },
      operator,
    );
    expect(res.status).toBe(201);
    const { tenant } = await res.json();
    expect(tenant.procedure.locale).toBe('nl');
    expect(tenant.procedure.calendar).toMatchObject({ base: 'atw', closedDays: [] });
    expect(tenant.procedure.form.complainant.name).toBe('required');
  });

  test('refuses without the operator token, before reading the body', async () => {
    const res = await t.app.request('/v1/tenants', { method: 'POST', body: 'not json' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    const wrong = await t.json('POST', '/v1/tenants', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  test('409 when the slug exists', async () => {
    await t.tenant('wenb');
    const res = await t.json(
      'POST',
      '/v1/tenants',
      { slug: 'wenb', name: 'Again', preset: 'wenb' },
      operator,
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'slug_taken', message: expect.any(String) },
    });
  });

  test('422 names every bad field', async () => {
    const res = await t.json(
      'POST',
      '/v1/tenants',
      { slug: 'Bad Slug', name: '', preset: 'nope' },
      operator,
    );
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['slug', 'name', 'preset']));
  });

  test('malformed JSON is a 400 in the error shape', async () => {
    const res = await t.app.request('/v1/tenants', {
      method: 'POST',
      headers: { ...operator, 'Content-Type': 'application/json' },
      body: '{"slug":',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });
});

describe('GET|PUT /v1/tenants/{slug}/procedure', () => {
  test('returns and replaces the procedure', async () => {
    const key = await t.tenant('wenb');
    const auth = { Authorization: `Bearer ${key}` };
    const got = await t.json('GET', '/v1/tenants/wenb/procedure', undefined, auth);
    expect(await got.json()).toEqual(presetProcedure('wenb'));

    const changed = { ...presetProcedure('wenb'), retention: { years: 3 } };
    const put = await t.json('PUT', '/v1/tenants/wenb/procedure', changed, auth);
    expect(put.status).toBe(200);
    const again = await t.json('GET', '/v1/tenants/wenb/procedure', undefined, auth);
    expect((await again.json()).retention).toEqual({ years: 3 });
  });

  test('422 lists every bad field of a procedure, in the requested language', async () => {
    const key = await t.tenant('wenb');
    const bad = {
      ...presetProcedure('wenb'),
      retention: { years: 0 },
      allowedOrigins: ['https://example.nl/path'],
      calendar: { base: 'atw', closedDays: [{ date: '2026-02-30', name: 'x' }] },
      terms: {
        ...presetProcedure('wenb').terms,
        appealDecision: { ...presetProcedure('wenb').terms.appealDecision, from: { term: 'nope' } },
        broken: {
          amount: -1,
          unit: 'fortnights',
          from: 'received',
          metBy: 'closed',
          label: { nl: 'x', en: 'x' },
        },
      },
    };
    const res = await t.json('PUT', '/v1/tenants/wenb/procedure', bad, {
      Authorization: `Bearer ${key}`,
      'Accept-Language': 'en-GB,en;q=0.9',
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.message).toBe('Some fields are not filled in correctly.');
    expect(Object.keys(error.fields)).toEqual(
      expect.arrayContaining([
        'retention.years',
        'allowedOrigins.0',
        'calendar.closedDays.0.date',
        'terms.broken.amount',
        'terms.broken.unit',
      ]),
    );
  });

  test('a reference to an unknown term is named', async () => {
    const key = await t.tenant('wenb');
    const procedure = presetProcedure('wenb');
    const bad = {
      ...procedure,
      terms: {
        ...procedure.terms,
        appealDecision: { ...procedure.terms.appealDecision, from: { term: 'nope' } },
      },
    };
    const res = await t.json('PUT', '/v1/tenants/wenb/procedure', bad, {
      Authorization: `Bearer ${key}`,
    });
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toContain('terms.appealDecision.from');
  });
});

describe('GET /v1/tenants/{slug}/form', () => {
  test('is public and tells the widget what to render', async () => {
    await t.tenant('totaalonder1dak');
    const res = await t.app.request('/v1/tenants/totaalonder1dak/form');
    expect(res.status).toBe(200);
    const form = await res.json();
    expect(form).toMatchObject({
      tenant: { slug: 'totaalonder1dak' },
      locale: 'nl',
      complainant: { name: 'required', initials: 'required', phone: 'required', email: 'optional' },
      onBehalfOf: {
        offered: true,
        fields: { name: 'required', initials: 'required', phone: 'required' },
      },
      terms: [{ name: 'firstResponse', amount: 5, unit: 'workingDays' }],
    });
    // Nothing internal leaks to the public form.
    expect(JSON.stringify(form)).not.toMatch(/retention|allowedOrigins|notifications/);
    // The widget's words come with it, in the language asked for (Dutch by default).
    expect(form.messages.submit).toBe('Klacht versturen');
    expect(res.headers.get('Vary')).toContain('Accept-Language');
    const english = await t.app.request('/v1/tenants/totaalonder1dak/form', {
      headers: { 'Accept-Language': 'en' },
    });
    expect((await english.json()).messages.submit).toBe('Send complaint');
  });

  test('404 for an unknown tenant', async () => {
    const res = await t.app.request('/v1/tenants/nobody/form');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
