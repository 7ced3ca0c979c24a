import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BODY_LIMITS } from '../server/http/body';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';

/*
 * PATCH /v1/tenants/{slug}/procedure takes a JSON Merge Patch (RFC 7396), so adding an allowed
 * origin is one request of one line rather than a GET and a PUT of the whole procedure (#25).
 */

let t: TestApp;
let key: string;
beforeEach(async () => {
  t = await testApp();
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

const patch = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.request('/v1/tenants/wenb/procedure', {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/merge-patch+json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const stored = async () =>
  (
    await t.json('GET', '/v1/tenants/wenb/procedure', undefined, { Authorization: `Bearer ${key}` })
  ).json();

describe('PATCH /v1/tenants/{slug}/procedure', () => {
  test('adds an allowed origin and leaves every other member as it was', async () => {
    const res = await patch({ allowedOrigins: ['https://www.wenb.example'] });
    expect(res.status).toBe(200);
    const expected = { ...presetProcedure('wenb'), allowedOrigins: ['https://www.wenb.example'] };
    expect(await res.json()).toEqual(expected);
    expect(await stored()).toEqual(expected);
  });

  test('merges objects member by member, and null removes a member', async () => {
    expect((await patch({ letterhead: { address: ['Postbus 1', '1000 AA Ergens'] } })).status).toBe(
      200,
    );
    const res = await patch({
      form: { intro: { nl: 'Vertel het ons.', en: 'Tell us.' } },
      letterhead: { phone: '020 123 45 67' },
      appeal: { windowDays: 21 },
    });
    expect(res.status).toBe(200);
    const after = await stored();
    expect(after.form).toEqual({
      ...presetProcedure('wenb').form,
      intro: { nl: 'Vertel het ons.', en: 'Tell us.' },
    });
    expect(after.letterhead).toEqual({
      address: ['Postbus 1', '1000 AA Ergens'],
      phone: '020 123 45 67',
    });
    expect(after.appeal).toEqual({ ...presetProcedure('wenb').appeal, windowDays: 21 });

    expect((await patch({ letterhead: null })).status).toBe(200);
    expect((await stored()).letterhead).toBeUndefined();
  });

  test('takes plain JSON too, and refuses any other media type with 415', async () => {
    const json = await patch({ retention: { years: 3 } }, { 'Content-Type': 'application/json' });
    expect(json.status).toBe(200);
    const text = await patch('{"retention":{"years":4}}', {
      'Content-Type': 'text/plain',
      'Accept-Language': 'en',
    });
    expect(text.status).toBe(415);
    const { error } = await text.json();
    expect(error.code).toBe('merge_patch_only');
    expect(error.message).toContain('application/merge-patch+json');
    expect((await stored()).retention).toEqual({ years: 3 });
  });

  test('checks the result as PUT does: 422 with every bad field, and nothing stored', async () => {
    const res = await patch(
      { allowedOrigins: ['https://www.wenb.example/klachten'], retention: { years: 0 } },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(['allowedOrigins.0', 'retention.years']);
    expect(error.fields['allowedOrigins.0']).toContain('scheme, host and port only');
    // Removing what the schema requires is named too.
    const removed = await patch({ retention: null });
    expect(removed.status).toBe(422);
    expect(Object.keys((await removed.json()).error.fields)).toEqual(['retention']);
    expect(await stored()).toEqual(presetProcedure('wenb'));
  });

  test('a patch that is not JSON is 400; one without a key 401; another tenant 404', async () => {
    expect((await patch('{"allowedOrigins":')).status).toBe(400);
    const anonymous = await t.app.request('/v1/tenants/wenb/procedure', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    const other = await t.tenant('awb');
    const foreign = await patch({ retention: { years: 9 } }, { Authorization: `Bearer ${other}` });
    expect(foreign.status).toBe(404);
    expect(await stored()).toEqual(presetProcedure('wenb'));
  });

  test('a patch is bounded as a procedure is: 413 beyond BODY_LIMITS.procedure', async () => {
    const big = JSON.stringify({
      form: { intro: { nl: 'x'.repeat(BODY_LIMITS.procedure), en: '' } },
    });
    const res = await patch(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(await stored()).toEqual(presetProcedure('wenb'));
  });

  test('patches sent at the same moment all land: none overwrites another', async () => {
    const origins = ['https://a.example', 'https://b.example'];
    const answers = await Promise.all([
      patch({ allowedOrigins: origins }),
      patch({ retention: { years: 7 } }),
      patch({ appeal: { windowDays: 30 } }),
      patch({ form: { privacyUrl: 'https://www.wenb.example/privacy' } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const after = await stored();
    expect(after.allowedOrigins).toEqual(origins);
    expect(after.retention).toEqual({ years: 7 });
    expect(after.appeal.windowDays).toBe(30);
    expect(after.form.privacyUrl).toBe('https://www.wenb.example/privacy');
  });
});
