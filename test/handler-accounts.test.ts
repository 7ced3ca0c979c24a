import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { staff } from '../server/db/schema';
import { newStaffRow } from '../server/staff/accounts';
import { type TestApp, testApp } from './helpers';
import { ADMIN_ORIGIN, csrfOf, postForm, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Whose complaint it is, is an account's, by its id (issue #22, item 11): a second account named
 * "  BRAM BEHANDELAAR " could respond on a complaint forwarded to "Bram Behandelaar".
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
const PASSWORD = 'correct horse battery';

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  wenb = await tenantWithAdmin(t, 'wenb');
});
afterEach(() => t.close());

const key = () => ({ Authorization: `Bearer ${wenb.key}` });

async function addStaff(name: string, email: string, role = 'handler') {
  const res = await t.json(
    'POST',
    '/v1/tenants/wenb/staff',
    {
      name,
      email,
      role,
      password: PASSWORD,
    },
    key(),
  );
  return res;
}

async function submit() {
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
    description: 'De offerte kwam te laat.',
  });
  return (await res.json()).number as string;
}

const forward = (number: string, body: unknown) =>
  t.json('POST', `/v1/tenants/wenb/complaints/${number}/actions/forward`, body, key());

/** A step through the API with a staff session, as the admin view's own pages send it. */
const respondAs = (cookie: string, number: string) =>
  t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/respond`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ADMIN_ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: 'Wij kijken ernaar.' }),
  });

describe('a handler is an account', () => {
  test('a second account of the same name is refused, case and spaces aside', async () => {
    expect((await addStaff('Bram Behandelaar', 'bram@example.nl')).status).toBe(201);
    const namesake = await addStaff('  BRAM BEHANDELAAR ', 'bram2@example.nl');
    expect(namesake.status).toBe(409);
    expect((await namesake.json()).error).toMatchObject({
      code: 'name_taken',
      message: expect.stringMatching(/^Er is al een medewerker met deze naam/),
    });
  });

  test('only the account it was forwarded to handles it, not one whose name reads the same', async () => {
    const bram = (await (await addStaff('Bram Behandelaar', 'bram@example.nl')).json()).staff;
    // An account of the same name, as an older version let one be made.
    const older = await newStaffRow('', {
      email: 'bram2@example.nl',
      name: '  BRAM BEHANDELAAR ',
      role: 'handler',
      password: PASSWORD,
    });
    await t.db.insert(staff).values({
      ...older.values,
      tenantId: (await t.db.query.staff.findFirst())?.tenantId as string,
      name: 'BRAM BEHANDELAAR',
      nameKey: `bram behandelaar#${older.values.id}`,
    });
    const bramCookie = await signInCookie(t, 'wenb', 'bram@example.nl', PASSWORD);
    const namesakeCookie = await signInCookie(t, 'wenb', 'bram2@example.nl', PASSWORD);
    expect(namesakeCookie).not.toBe('');

    const number = await submit();
    const forwarded = await forward(number, { handlerId: bram.id });
    expect(forwarded.status).toBe(200);
    expect(await forwarded.json()).toMatchObject({
      handler: 'Bram Behandelaar',
      handlerId: bram.id,
    });
    expect((await respondAs(namesakeCookie, number)).status).toBe(403);
    // The admin view's page offers the namesake nothing, and its form post is refused too.
    const page = `/admin/wenb/complaints/${number}`;
    const html = await (await t.app.request(page, { headers: { Cookie: namesakeCookie } })).text();
    expect(html).toContain('U kunt alleen klachten behandelen die aan u zijn doorgestuurd.');
    const viaForm = await postForm(
      t,
      `${page}/actions/respond`,
      { _csrf: await csrfOf(t, page, namesakeCookie), message: 'Hallo' },
      { Cookie: namesakeCookie },
    );
    expect(viaForm.status).toBe(403);
    expect((await respondAs(bramCookie, number)).status).toBe(200);

    // "My complaints" is by account too.
    const mine = await t.json(
      'GET',
      `/v1/tenants/wenb/complaints?handlerId=${bram.id}`,
      undefined,
      key(),
    );
    expect((await mine.json()).items.map((c: { number: string }) => c.number)).toEqual([number]);
  });

  test('forwarded by name, to a handler without an account, no account handles it', async () => {
    await addStaff('Bram Behandelaar', 'bram@example.nl');
    const bramCookie = await signInCookie(t, 'wenb', 'bram@example.nl', PASSWORD);
    const number = await submit();
    const forwarded = await forward(number, { handler: 'Bram Behandelaar' });
    expect(forwarded.status).toBe(200);
    expect((await forwarded.json()).handlerId).toBeNull();
    expect((await respondAs(bramCookie, number)).status).toBe(403);
  });

  test('forwarding names an active account of this tenant that may handle: else 422 naming it', async () => {
    const appealBody = (await (await addStaff('Dirk', 'dirk@example.nl', 'appealBody')).json())
      .staff;
    const gone = (await (await addStaff('Gijs', 'gijs@example.nl')).json()).staff;
    await t.json('PATCH', `/v1/tenants/wenb/staff/${gone.id}`, { disabled: true }, key());
    const other = await tenantWithAdmin(t, 'awb', 'ander@example.nl');
    const theirs = (
      await (
        await t.json(
          'POST',
          '/v1/tenants/awb/staff',
          { name: 'Bram', email: 'b@awb.nl', role: 'handler', password: PASSWORD },
          { Authorization: `Bearer ${other.key}` },
        )
      ).json()
    ).staff;
    const number = await submit();
    for (const id of [appealBody.id, gone.id, theirs.id, 'no-such-account']) {
      const res = await forward(number, { handlerId: id });
      expect(res.status, id).toBe(422);
      expect((await res.json()).error.fields).toEqual({
        handlerId: 'Kies een actieve medewerker van deze organisatie die klachten mag behandelen.',
      });
    }
    const both = await forward(number, { handlerId: gone.id, handler: 'Gijs' });
    expect(Object.keys((await both.json()).error.fields)).toEqual(['handler']);
    const neither = await forward(number, {});
    expect((await neither.json()).error.fields).toEqual({ handlerId: 'Vul dit veld in.' });
  });
});

describe('migration 0012: complaints forwarded by name before', () => {
  test('go to the account of that name, the oldest where two shared it; other names stay unlinked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klacht-migrate-'));
    try {
      // The migrations up to 0011, then the rows an older version wrote, then 0012.
      const all = resolve(import.meta.dirname, '../drizzle');
      const before = join(dir, 'drizzle');
      cpSync(all, before, { recursive: true });
      rmSync(join(before, '0012_handler_accounts_key_events.sql'));
      const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 12);
      writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
      const client = createClient({ url: `file:${join(dir, 'old.db')}` });
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: before });
      await client.batch([
        "INSERT INTO tenants (id, slug, name, procedure) VALUES ('t1', 'wenb', 'W', '{}'), ('t2', 'awb', 'A', '{}')",
        `INSERT INTO staff (id, tenant_id, email, name, role, password_hash, created_at) VALUES
          ('s-bram', 't1', 'bram@x.nl', 'Bram Behandelaar', 'handler', 'h', '2026-01-01T00:00:00Z'),
          ('s-namesake', 't1', 'bram2@x.nl', '  BRAM  BEHANDELAAR ', 'handler', 'h', '2026-02-01T00:00:00Z'),
          ('s-hans', 't1', 'hans@x.nl', 'Hans', 'handler', 'h', '2026-01-01T00:00:00Z'),
          ('s-bram-awb', 't2', 'bram@x.nl', 'Bram Behandelaar', 'handler', 'h', '2026-03-01T00:00:00Z')`,
        `INSERT INTO complaints (id, tenant_id, year, seq, number, status, channel, received_at,
            received_date, registered_at, registered_date, handler) VALUES
          ('c1', 't1', 2026, 1, '2026-0001', 'forwarded', 'web', 'x', '2026-03-02', 'x', '2026-03-02', 'bram behandelaar'),
          ('c2', 't1', 2026, 2, '2026-0002', 'forwarded', 'web', 'x', '2026-03-02', 'x', '2026-03-02', 'Hans'),
          ('c3', 't1', 2026, 3, '2026-0003', 'forwarded', 'web', 'x', '2026-03-02', 'x', '2026-03-02', 'Piet Extern'),
          ('c4', 't1', 2026, 4, '2026-0004', 'received', 'web', 'x', '2026-03-02', 'x', '2026-03-02', NULL),
          ('c5', 't2', 2026, 1, '2026-0001', 'forwarded', 'web', 'x', '2026-03-02', 'x', '2026-03-02', 'Bram Behandelaar')`,
      ]);
      await migrate(db, { migrationsFolder: all });
      const linked = await client.execute(
        'SELECT id, handler_staff_id FROM complaints ORDER BY id',
      );
      expect(linked.rows.map((r) => [r.id, r.handler_staff_id])).toEqual([
        ['c1', 's-bram'],
        ['c2', 's-hans'],
        ['c3', null],
        ['c4', null],
        ['c5', 's-bram-awb'],
      ]);
      const keys = await client.execute('SELECT id, name_key FROM staff ORDER BY id');
      expect(keys.rows.map((r) => [r.id, r.name_key])).toEqual([
        ['s-bram', 'bram behandelaar'],
        ['s-bram-awb', 'bram behandelaar'],
        ['s-hans', 'hans'],
        ['s-namesake', 'bram behandelaar#s-namesake'],
      ]);
      // A new account of that name is refused by the index, as the code would refuse it.
      await expect(
        client.execute(
          "INSERT INTO staff (id, tenant_id, email, name, name_key, role, password_hash) VALUES ('s-new', 't1', 'n@x.nl', 'Bram Behandelaar', 'bram behandelaar', 'handler', 'h')",
        ),
      ).rejects.toThrow(/UNIQUE constraint failed: staff\.tenant_id, staff\.name_key/);
      client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
