import { afterEach, beforeEach, expect, test } from 'vitest';
import { staff } from '../server/db/schema';
import { hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../server/staff/passwords';
import { OPERATOR_TOKEN, type TestApp, testApp } from './helpers';

let t: TestApp;
let key: string;
const auth = () => ({ Authorization: `Bearer ${key}` });

beforeEach(async () => {
  t = await testApp();
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

function signIn(email: string, password: string) {
  return t.app.request('/admin/wenb/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body: new URLSearchParams({ email, password }),
  });
}

test('passwords are PBKDF2-SHA256 at 100,000 iterations with the parameters stored', async () => {
  const hash = await hashPassword('correct horse battery');
  expect(hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
  expect(PBKDF2_ITERATIONS).toBe(100_000);
  await expect(verifyPassword('correct horse battery', hash)).resolves.toEqual({
    ok: true,
    needsRehash: false,
  });
  await expect(verifyPassword('wrong', hash)).resolves.toMatchObject({ ok: false });
  await expect(verifyPassword('x', 'md5$whatever')).resolves.toMatchObject({ ok: false });
  const old = await hashPassword('correct horse battery', 1000);
  await expect(verifyPassword('correct horse battery', old)).resolves.toEqual({
    ok: true,
    needsRehash: true,
  });
});

test('a hash with older parameters is upgraded at the next sign-in', async () => {
  await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    { email: 'old@example.nl', name: 'Oud', role: 'handler', password: 'correct horse battery' },
    auth(),
  );
  await t.db.update(staff).set({ passwordHash: await hashPassword('correct horse battery', 1000) });
  expect((await signIn('old@example.nl', 'correct horse battery')).status).toBe(303);
  const [row] = await t.db.select().from(staff);
  expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/);
  expect((await signIn('old@example.nl', 'correct horse battery')).status).toBe(303);
});

test('the first admin comes with the tenant; a generated password is returned once', async () => {
  const res = await t.json(
    'POST',
    '/v1/tenants',
    {
      slug: 'gemeente',
      name: 'Gemeente',
      preset: 'awb',
      admin: { email: 'Beheer@Gemeente.nl', name: 'Beheer' },
    },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  expect(res.status).toBe(201);
  const body = await res.json();
  expect(body.admin.staff).toMatchObject({
    email: 'beheer@gemeente.nl',
    role: 'admin',
    disabled: false,
  });
  expect(body.admin.password).toMatch(/^\w{20}$/);
  const given = await t.json(
    'POST',
    '/v1/tenants',
    {
      slug: 'zorg',
      name: 'Zorg',
      preset: 'wkkgz',
      admin: { email: 'a@zorg.nl', name: 'A', password: 'my own password' },
    },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  const givenBody = await given.json();
  expect(givenBody.admin.password).toBeUndefined();
  const bad = await t.json(
    'POST',
    '/v1/tenants',
    { slug: 'x', name: 'X', preset: 'awb', admin: { email: 'nope', name: '' } },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  expect(bad.status).toBe(422);
  expect(Object.keys((await bad.json()).error.fields)).toEqual(
    expect.arrayContaining(['admin.email', 'admin.name']),
  );
  // Tenant, key and first admin are one batch: a taken slug leaves no stray admin behind.
  const taken = await t.json(
    'POST',
    '/v1/tenants',
    { slug: 'gemeente', name: 'Again', preset: 'awb', admin: { email: 'x@y.nl', name: 'X' } },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  expect(taken.status).toBe(409);
  const rows = await t.db.$client.execute("SELECT COUNT(*) AS n FROM staff WHERE email = 'x@y.nl'");
  expect(rows.rows[0]?.n).toBe(0);
});

test('staff accounts through the API: list, add, change, disable, delete', async () => {
  expect((await t.json('GET', '/v1/tenants/wenb/staff')).status).toBe(401);
  const created = await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    { email: 'Sanne@Example.nl', name: 'Sanne', role: 'handler' },
    auth(),
  );
  expect(created.status).toBe(201);
  const { staff: sanne, password } = await created.json();
  expect(sanne).toMatchObject({ email: 'sanne@example.nl', role: 'handler', disabled: false });
  expect(password).toMatch(/^\w{20}$/);
  const taken = await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    { email: 'sanne@example.nl', name: 'Sanne 2', role: 'receiver' },
    auth(),
  );
  expect(taken.status).toBe(409);
  expect((await taken.json()).error.code).toBe('email_taken');
  const invalid = await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    { email: 'x', name: 'X', role: 'boss', password: 'short' },
    auth(),
  );
  expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual([
    'email',
    'password',
    'role',
  ]);

  expect((await signIn('sanne@example.nl', password)).status).toBe(303);
  const changed = await t.json(
    'PATCH',
    `/v1/tenants/wenb/staff/${sanne.id}`,
    { role: 'receiver', password: 'a brand new password' },
    auth(),
  );
  expect(await changed.json()).toMatchObject({ role: 'receiver' });
  expect((await signIn('sanne@example.nl', password)).status).toBe(401);
  expect((await signIn('sanne@example.nl', 'a brand new password')).status).toBe(303);

  await t.json('PATCH', `/v1/tenants/wenb/staff/${sanne.id}`, { disabled: true }, auth());
  expect((await signIn('sanne@example.nl', 'a brand new password')).status).toBe(401);
  const list = await (await t.json('GET', '/v1/tenants/wenb/staff', undefined, auth())).json();
  expect(list.items).toEqual([expect.objectContaining({ id: sanne.id, disabled: true })]);

  const removed = await t.json('DELETE', `/v1/tenants/wenb/staff/${sanne.id}`, undefined, auth());
  expect(removed.status).toBe(204);
  const gone = await t.json('PATCH', `/v1/tenants/wenb/staff/${sanne.id}`, { name: 'x' }, auth());
  expect(gone.status).toBe(404);
});

test("another tenant's key gets 404; the last admin cannot be removed", async () => {
  const other = await t.tenant('awb');
  const created = await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    { email: 'a@example.nl', name: 'A', role: 'admin', password: 'correct horse battery' },
    auth(),
  );
  const { staff: admin } = await created.json();
  const foreign = { Authorization: `Bearer ${other}` };
  expect((await t.json('GET', '/v1/tenants/wenb/staff', undefined, foreign)).status).toBe(404);
  expect((await t.json('GET', '/v1/tenants/awb/staff', undefined, foreign)).status).toBe(200);
  const patch = await t.json('PATCH', `/v1/tenants/awb/staff/${admin.id}`, { name: 'x' }, foreign);
  expect(patch.status).toBe(404);

  const demote = await t.json(
    'PATCH',
    `/v1/tenants/wenb/staff/${admin.id}`,
    { role: 'handler' },
    auth(),
  );
  expect(demote.status).toBe(409);
  expect((await demote.json()).error.code).toBe('last_admin');
  const remove = await t.json('DELETE', `/v1/tenants/wenb/staff/${admin.id}`, undefined, auth());
  expect(remove.status).toBe(409);

  // An admin's session may manage staff too.
  const res = await signIn('a@example.nl', 'correct horse battery');
  const cookie = (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const viaSession = await t.app.request('/v1/tenants/wenb/staff', {
    method: 'POST',
    headers: { Cookie: cookie, Origin: 'http://localhost', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'b@example.nl', name: 'B', role: 'admin' }),
  });
  expect(viaSession.status).toBe(201);
});
