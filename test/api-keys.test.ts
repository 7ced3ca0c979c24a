import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { keyEvents } from '../server/db/schema';
import { MAX_LIVE_KEYS } from '../server/tenants/api-keys';
import { databaseBytes, OPERATOR_TOKEN, type TestApp, testApp } from './helpers';
import { ADMIN_ORIGIN, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Tenant API keys can be rotated and revoked (issue #22, item 14): at most MAX_LIVE_KEYS live at
 * once, each shown once and stored as a hash, and every creation and revocation recorded with who
 * did it, when and from which network.
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
const NOW = new Date('2026-03-02T10:00:00Z');

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  wenb = await tenantWithAdmin(t, 'wenb');
});
afterEach(() => t.close());

const FROM_V4 = { 'CF-Connecting-IP': '203.0.113.7' };
const FROM_V6 = { 'CF-Connecting-IP': '2001:db8:1:2:aaaa:bbbb:cccc:dddd' };

const as = (key: string, from: Record<string, string> = FROM_V4) => ({
  Authorization: `Bearer ${key}`,
  ...from,
});
const list = async (key: string) =>
  (await (await t.json('GET', '/v1/tenants/wenb/keys', undefined, as(key))).json()).items;
const create = (key: string, body: unknown = {}, from = FROM_V4) =>
  t.json('POST', '/v1/tenants/wenb/keys', body, as(key, from));
const revoke = (key: string, id: string, from = FROM_V4) =>
  t.json('DELETE', `/v1/tenants/wenb/keys/${id}`, undefined, as(key, from));
const works = async (key: string) =>
  (await t.json('GET', '/v1/tenants/wenb/procedure', undefined, as(key))).status;

describe('rotating a key', () => {
  test('create the next key, switch, revoke the old one: at most two live, never the last', async () => {
    const [first] = await list(wenb.key);
    expect(first).toEqual({
      id: expect.any(String),
      prefix: wenb.key.slice(0, 10),
      label: 'created with the tenant',
      createdAt: expect.any(String),
      revokedAt: null,
    });

    const made = await create(wenb.key, { label: 'rotatie 2026' });
    expect(made.status).toBe(201);
    const { key: second, apiKey } = await made.json();
    expect(apiKey).toMatch(/^kl_/);
    expect(second).toMatchObject({ label: 'rotatie 2026', prefix: apiKey.slice(0, 10) });
    expect(await works(apiKey)).toBe(200);
    // Shown once: the list has no key and no hash, and the database holds only its hash.
    expect(JSON.stringify(await list(apiKey))).not.toContain(apiKey);
    expect(JSON.stringify(await list(apiKey))).not.toMatch(/hash/i);
    expect(databaseBytes(t).includes(Buffer.from(apiKey))).toBe(false);

    const third = await create(apiKey);
    expect(third.status).toBe(409);
    expect((await third.json()).error).toEqual({
      code: 'too_many_keys',
      message: 'Er zijn al twee werkende API-sleutels. Trek er eerst een in.',
    });

    expect((await revoke(apiKey, first.id, FROM_V6)).status).toBe(204);
    expect(await works(wenb.key)).toBe(401);
    expect((await list(apiKey)).map((k: { revokedAt: string | null }) => k.revokedAt)).toEqual([
      null,
      NOW.toISOString(),
    ]);
    // Revoking it again changes nothing; the last live key stays.
    expect((await revoke(apiKey, first.id)).status).toBe(204);
    const last = await revoke(apiKey, second.id);
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe('last_key');
    expect(await works(apiKey)).toBe(200);
    expect((await create(apiKey)).status).toBe(201);
  });

  test('who created and revoked which key, when and from which network is recorded once', async () => {
    // The tenant's first key was created by the operator.
    const operatorMade = await t.json(
      'POST',
      '/v1/tenants',
      { slug: 'awb', name: 'Awb', preset: 'awb' },
      { Authorization: `Bearer ${OPERATOR_TOKEN}`, ...FROM_V6 },
    );
    const awbKey = (await operatorMade.json()).apiKey as string;
    const [awbFirst] = (
      await (await t.json('GET', '/v1/tenants/awb/keys', undefined, as(awbKey))).json()
    ).items;
    const [first] = await list(wenb.key);
    const { key: second, apiKey } = await (await create(wenb.key)).json();
    await revoke(apiKey, first.id, FROM_V6);
    await revoke(apiKey, first.id, FROM_V4);
    const rows = await t.db.select().from(keyEvents).orderBy(asc(keyEvents.id));
    expect(rows.map(({ id: _, tenantId: __, ...e }) => e)).toEqual([
      {
        keyId: first.id,
        action: 'created',
        at: NOW.toISOString(),
        actorKind: 'operator',
        actorId: null,
        network: 'unknown-address', // tenantWithAdmin sends no address
      },
      {
        keyId: awbFirst.id,
        action: 'created',
        at: NOW.toISOString(),
        actorKind: 'operator',
        actorId: null,
        network: '2001:db8:1:2::/64',
      },
      {
        keyId: second.id,
        action: 'created',
        at: NOW.toISOString(),
        actorKind: 'apiKey',
        actorId: first.id,
        network: '203.0.113.7',
      },
      {
        keyId: first.id,
        action: 'revoked',
        at: NOW.toISOString(),
        actorKind: 'apiKey',
        actorId: second.id,
        network: '2001:db8:1:2::/64',
      },
    ]);
  });

  test('two keys asked for at once: one is made, the other is refused', async () => {
    const both = await Promise.all([create(wenb.key), create(wenb.key), create(wenb.key)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await list(wenb.key)).length).toBe(MAX_LIVE_KEYS);
  });
});

describe('whose keys', () => {
  test("another tenant's key neither sees nor revokes them; their ids are unknown here", async () => {
    const other = await tenantWithAdmin(t, 'awb', 'ander@example.nl');
    const [theirs] = (
      await (await t.json('GET', '/v1/tenants/awb/keys', undefined, as(other.key))).json()
    ).items;
    const [ours] = await list(wenb.key);
    expect((await t.json('GET', '/v1/tenants/wenb/keys', undefined, as(other.key))).status).toBe(
      404,
    );
    expect((await revoke(other.key, ours.id)).status).toBe(404);
    expect((await revoke(wenb.key, theirs.id)).status).toBe(404);
    expect(await works(wenb.key)).toBe(200);
  });

  test("a tenant admin's session rotates keys; other roles may not even list them", async () => {
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const session = { Cookie: cookie, Origin: ADMIN_ORIGIN };
    const made = await t.json('POST', '/v1/tenants/wenb/keys', {}, session);
    expect(made.status).toBe(201);
    await t.json(
      'POST',
      '/v1/tenants/wenb/staff',
      {
        name: 'Olga',
        email: 'olga@example.nl',
        role: 'receiver',
        password: 'correct horse battery',
      },
      as(wenb.key),
    );
    const receiver = await signInCookie(t, 'wenb', 'olga@example.nl', 'correct horse battery');
    const listed = await t.json('GET', '/v1/tenants/wenb/keys', undefined, { Cookie: receiver });
    expect(listed.status).toBe(403);
    const events = await t.db.select().from(keyEvents).orderBy(asc(keyEvents.id));
    expect(events.at(-1)).toMatchObject({
      keyId: (await made.json()).key.id,
      action: 'created',
      actorKind: 'staff',
      actorId: expect.any(String),
    });
  });

  test('no key is a 401 before anything is read; a bad label a 422 naming it', async () => {
    expect((await t.json('GET', '/v1/tenants/wenb/keys')).status).toBe(401);
    const bad = await create(wenb.key, { label: 'x'.repeat(101) });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['label']);
  });
});
