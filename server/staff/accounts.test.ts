import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { rejectionOf, world } from '../../test/unit-fixtures';
import { sha256Hex } from '../crypto';
import { sessions, staff } from '../db/schema';
import { createTenant } from '../tenants/tenants';
import {
  createStaff,
  createStaffSchema,
  deleteStaff,
  findStaff,
  listStaff,
  newStaffRow,
  type StaffRow,
  staffNameKey,
  staffView,
  updateStaff,
  updateStaffSchema,
} from './accounts';
import { verifyPassword } from './passwords';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-02T09:00:00.000Z');
const PASSWORD = 'correct horse battery';

async function team() {
  w = await world('awb');
  const add = async (email: string, name: string, role: 'admin' | 'handler' | 'receiver') =>
    (await createStaff(w.db, w.tenant.id, { email, name, role, password: PASSWORD })).row;
  return {
    admin: await add('ad@example.nl', 'Ad', 'admin'),
    handler: await add('hans@example.nl', 'Hans', 'handler'),
  };
}

async function signedIn(row: StaffRow, token = `token-of-${row.id}`) {
  await w.db.insert(sessions).values({
    tokenHash: await sha256Hex(token),
    staffId: row.id,
    tenantId: row.tenantId,
    expiresAt: '2026-03-03T00:00:00.000Z',
  });
}
const sessionCount = async () => (await w.db.select().from(sessions)).length;

describe('staff accounts', () => {
  test('take an e-mail address in lower case, a name, a role and a password of 10 to 200', () => {
    expect(
      createStaffSchema.parse({ email: 'Rita@Example.NL', name: ' Rita ', role: 'receiver' }),
    ).toEqual({ email: 'rita@example.nl', name: 'Rita', role: 'receiver' });
    const bad = createStaffSchema.safeParse({
      email: 'x',
      name: '',
      role: 'boss',
      password: 'short',
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0])).toEqual([
      'email',
      'name',
      'role',
      'password',
    ]);
    expect(updateStaffSchema.safeParse({ password: 'p'.repeat(201) }).success).toBe(false);
    expect(updateStaffSchema.safeParse({ surprise: true }).success).toBe(false);
  });

  test('are created with a hashed password, or a generated one that is shown once', async () => {
    w = await world('awb');
    const own = await createStaff(w.db, w.tenant.id, {
      email: 'rita@example.nl',
      name: 'Rita',
      role: 'receiver',
      password: PASSWORD,
    });
    expect(own.password).toBeUndefined();
    expect('password' in own).toBe(false);
    expect((await verifyPassword(PASSWORD, own.row.passwordHash)).ok).toBe(true);
    const generated = await createStaff(w.db, w.tenant.id, {
      email: 'piet@example.nl',
      name: 'Piet',
      role: 'handler',
    });
    expect(generated.password).toMatch(/^[A-Za-z0-9x]{20}$/);
    expect((await verifyPassword(generated.password ?? '', generated.row.passwordHash)).ok).toBe(
      true,
    );
    const row = await newStaffRow(w.tenant.id, { email: 'a@b.nl', name: 'A', role: 'admin' });
    expect(row.values).toMatchObject({
      tenantId: w.tenant.id,
      email: 'a@b.nl',
      name: 'A',
      role: 'admin',
    });
  });

  test('one name once per tenant, case and spaces aside; another tenant may have it too', async () => {
    const { handler } = await team();
    expect(staffNameKey('  BRAM   Behandelaar ')).toBe('bram behandelaar');
    await createStaff(w.db, w.tenant.id, {
      email: 'bram@example.nl',
      name: 'Bram Behandelaar',
      role: 'handler',
    });
    for (const name of ['  BRAM BEHANDELAAR ', 'bram  behandelaar', 'Ｂram Behandelaar']) {
      const err = await rejectionOf(
        createStaff(w.db, w.tenant.id, { email: 'bram2@example.nl', name, role: 'handler' }),
      );
      expect([err.status, err.code], name).toEqual([409, 'name_taken']);
    }
    const renamed = await rejectionOf(
      updateStaff(w.db, handler, { name: 'bram behandelaar' }, NOW),
    );
    expect([renamed.status, renamed.code]).toEqual([409, 'name_taken']);
    const elsewhere = await createTenant(w.db, {
      slug: 'elders',
      name: 'Elders',
      procedure: w.tenant.procedure,
    });
    await createStaff(w.db, elsewhere?.tenant.id as string, {
      email: 'bram@example.nl',
      name: 'Bram Behandelaar',
      role: 'handler',
    });
  });

  test('one address once per tenant', async () => {
    await team();
    const err = await rejectionOf(
      createStaff(w.db, w.tenant.id, { email: 'ad@example.nl', name: 'Other', role: 'admin' }),
    );
    expect([err.status, err.code]).toEqual([409, 'email_taken']);
  });

  test('are listed by name and shown without their password', async () => {
    const { admin, handler } = await team();
    for (const [email, name] of [
      ['b@example.nl', 'Bea'],
      ['z@example.nl', 'Aafke'],
    ] as const) {
      await createStaff(w.db, w.tenant.id, { email, name, role: 'receiver', password: PASSWORD });
    }
    // Two accounts of one name, as an older version let them be: the one made later has its key
    // made unique by the migration (0010), and they are listed by address.
    const later = await newStaffRow(w.tenant.id, {
      email: 'a@example.nl',
      name: 'Bea',
      role: 'receiver',
      password: PASSWORD,
    });
    await w.db.insert(staff).values({ ...later.values, nameKey: `bea#${later.values.id}` });
    expect((await listStaff(w.db, w.tenant.id)).map((s) => `${s.name} ${s.email}`)).toEqual([
      'Aafke z@example.nl',
      'Ad ad@example.nl',
      'Bea a@example.nl',
      'Bea b@example.nl',
      'Hans hans@example.nl',
    ]);
    expect(await listStaff(w.db, 'another-tenant')).toEqual([]);
    expect(staffView(handler)).toEqual({
      id: handler.id,
      email: 'hans@example.nl',
      name: 'Hans',
      role: 'handler',
      disabled: false,
      lockedUntil: null,
      createdAt: handler.createdAt,
    });
    expect(staffView({ ...admin, disabledAt: NOW.toISOString() }).disabled).toBe(true);
    expect((await findStaff(w.db, w.tenant.id, admin.id)).email).toBe('ad@example.nl');
    const err = await rejectionOf(findStaff(w.db, 'another-tenant', admin.id));
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });
});

describe('changing an account', () => {
  test('changes only what was sent, and nothing at all when nothing was', async () => {
    const { handler } = await team();
    await signedIn(handler);
    expect(await updateStaff(w.db, handler, {}, NOW)).toBe(handler);
    const renamed = await updateStaff(
      w.db,
      handler,
      { name: 'Hans B.', email: 'hb@example.nl' },
      NOW,
    );
    expect(renamed).toMatchObject({ name: 'Hans B.', email: 'hb@example.nl', role: 'handler' });
    expect(renamed.passwordHash).toBe(handler.passwordHash);
    expect(await sessionCount()).toBe(1);
  });

  test('a new password, a new role or disabling ends the sessions', async () => {
    const { handler } = await team();
    await signedIn(handler);
    const withPassword = await updateStaff(w.db, handler, { password: 'a new password!' }, NOW);
    expect((await verifyPassword('a new password!', withPassword.passwordHash)).ok).toBe(true);
    expect(withPassword).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect(await sessionCount()).toBe(0);
    await signedIn(handler);
    await updateStaff(w.db, withPassword, { role: 'receiver' }, NOW);
    expect(await sessionCount()).toBe(0);
    await signedIn(handler);
    const disabled = await updateStaff(w.db, withPassword, { disabled: true }, NOW);
    expect(disabled.disabledAt).toBe(NOW.toISOString());
    expect(await sessionCount()).toBe(0);
    await signedIn(handler);
    const enabled = await updateStaff(w.db, disabled, { disabled: false }, NOW);
    expect(enabled.disabledAt).toBeNull();
    expect(await sessionCount()).toBe(1);
  });

  test('disabling twice keeps the first moment', async () => {
    const { handler } = await team();
    const first = await updateStaff(w.db, handler, { disabled: true }, NOW);
    const again = await updateStaff(w.db, first, { disabled: true }, new Date('2026-04-01T00:00Z'));
    expect(again.disabledAt).toBe(NOW.toISOString());
  });

  test('to an address another account has is a 409', async () => {
    const { handler } = await team();
    const err = await rejectionOf(updateStaff(w.db, handler, { email: 'ad@example.nl' }, NOW));
    expect([err.status, err.code]).toEqual([409, 'email_taken']);
  });

  test('of an account that is gone is a 404', async () => {
    const { handler } = await team();
    await deleteStaff(w.db, handler);
    const err = await rejectionOf(updateStaff(w.db, handler, { name: 'X' }, NOW));
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });

  test('a failing database is not taken for a taken address', async () => {
    w = await world('awb');
    w.db.$client.close();
    const failed = await createStaff(w.db, w.tenant.id, {
      email: 'x@example.nl',
      name: 'X',
      role: 'admin',
      password: PASSWORD,
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as { status?: number }).status).toBeUndefined();
  });
});

describe('a tenant without an admin', () => {
  test('can still change and remove its other staff', async () => {
    w = await world('awb');
    const { row } = await createStaff(w.db, w.tenant.id, {
      email: 'hans@example.nl',
      name: 'Hans',
      role: 'handler',
      password: PASSWORD,
    });
    const disabled = await updateStaff(w.db, row, { role: 'receiver', disabled: true }, NOW);
    expect(disabled).toMatchObject({ role: 'receiver', disabledAt: NOW.toISOString() });
    await deleteStaff(w.db, row);
    expect(await listStaff(w.db, w.tenant.id)).toEqual([]);
  });
});

describe('the last active admin', () => {
  test('cannot lose the role, be disabled or be deleted', async () => {
    const { admin } = await team();
    for (const change of [{ role: 'handler' as const }, { disabled: true }]) {
      const err = await rejectionOf(updateStaff(w.db, admin, change, NOW));
      expect([err.status, err.code]).toEqual([409, 'last_admin']);
    }
    const err = await rejectionOf(deleteStaff(w.db, admin));
    expect(err.code).toBe('last_admin');
    expect(await updateStaff(w.db, admin, { role: 'admin', name: 'Ad' }, NOW)).toMatchObject({
      role: 'admin',
    });
  });

  test('can, once another active admin exists', async () => {
    const { admin, handler } = await team();
    const second = await updateStaff(w.db, handler, { role: 'admin' }, NOW);
    const disabled = await updateStaff(w.db, second, { disabled: true }, NOW);
    // A disabled admin is no admin to fall back on.
    expect((await rejectionOf(deleteStaff(w.db, admin))).code).toBe('last_admin');
    await updateStaff(w.db, disabled, { disabled: false }, NOW);
    await signedIn(admin);
    await deleteStaff(w.db, admin);
    expect((await listStaff(w.db, w.tenant.id)).map((s) => s.name)).toEqual(['Hans']);
    expect(await sessionCount()).toBe(0);
  });

  test('a disabled admin may be demoted or deleted without another admin', async () => {
    const { admin } = await team();
    // Only the database can leave a tenant with nothing but a disabled admin.
    await w.db.update(staff).set({ disabledAt: NOW.toISOString() }).where(eq(staff.id, admin.id));
    const disabled = { ...admin, disabledAt: NOW.toISOString() };
    expect(await updateStaff(w.db, disabled, { role: 'receiver' }, NOW)).toMatchObject({
      role: 'receiver',
    });
    await deleteStaff(w.db, disabled);
    expect((await listStaff(w.db, w.tenant.id)).map((s) => s.name)).toEqual(['Hans']);
  });

  test('changes their name, address or password like anyone else', async () => {
    const { admin } = await team();
    const changed = await updateStaff(
      w.db,
      admin,
      { name: 'Ad B.', email: 'adb@example.nl', password: 'a new password!' },
      NOW,
    );
    expect(changed).toMatchObject({ name: 'Ad B.', email: 'adb@example.nl', role: 'admin' });
  });
});
