import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { sessions, signInFailures, staff } from '../db/schema';
import { createStaff } from './accounts';
import { hashPassword } from './passwords';
import {
  ACCOUNT_FAILURES,
  ADDRESS_FAILURES,
  CONCURRENT_PASSWORD_CHECKS,
  LOCK_MINUTES,
  lockMinutes,
  MAX_LOCK_HOURS,
  PasswordCheckGate,
  signIn,
} from './sign-in';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-02T09:00:00.000Z');
const PASSWORD = 'correct horse battery';

async function withAccount() {
  w = await world('awb');
  const { row } = await createStaff(w.db, w.tenant.id, {
    email: 'rita@example.nl',
    name: 'Rita',
    role: 'receiver',
    password: PASSWORD,
  });
  return row;
}

const attempt = (
  gate: PasswordCheckGate,
  password: string,
  changes: { email?: string; address?: string; now?: Date } = {},
) =>
  signIn(w.db, gate, {
    tenantId: w.tenant.id,
    email: changes.email ?? 'rita@example.nl',
    password,
    address: changes.address ?? '192.0.2.1',
    now: changes.now ?? NOW,
  });

describe('signing in', () => {
  test('with the right password starts a 12-hour session for that account', async () => {
    const account = await withAccount();
    const result = await attempt(new PasswordCheckGate(), PASSWORD, {
      email: '  RITA@example.NL ',
    });
    expect(result).toMatchObject({ ok: true, staff: { id: account.id, name: 'Rita' } });
    if (!result.ok) throw new Error('not signed in');
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await w.db.select().from(sessions)).toEqual([
      expect.objectContaining({
        staffId: account.id,
        tenantId: w.tenant.id,
        expiresAt: '2026-03-02T21:00:00.000Z',
      }),
    ]);
  });

  test('is refused alike for a wrong password, an unknown or a disabled account', async () => {
    const account = await withAccount();
    const gate = new PasswordCheckGate();
    expect(await attempt(gate, 'wrong password')).toEqual({ ok: false });
    expect(await attempt(gate, PASSWORD, { email: 'nobody@example.nl' })).toEqual({ ok: false });
    await w.db.update(staff).set({ disabledAt: NOW.toISOString() }).where(eq(staff.id, account.id));
    expect(await attempt(gate, PASSWORD)).toEqual({ ok: false });
    expect(await w.db.select().from(sessions)).toEqual([]);
  });

  test("ends the account's expired sessions and clears this address's failures", async () => {
    await withAccount();
    const gate = new PasswordCheckGate();
    await attempt(gate, PASSWORD, { now: new Date('2026-03-01T08:00:00.000Z') });
    await attempt(gate, 'wrong password');
    expect(await w.db.select().from(signInFailures)).toHaveLength(1);
    await attempt(gate, PASSWORD);
    expect((await w.db.select().from(sessions)).map((s) => s.expiresAt)).toEqual([
      '2026-03-02T21:00:00.000Z',
    ]);
    expect(await w.db.select().from(signInFailures)).toEqual([]);
  });

  test('upgrades a hash with older parameters, and keeps a current one', async () => {
    const account = await withAccount();
    const current = account.passwordHash;
    await attempt(new PasswordCheckGate(), PASSWORD);
    expect((await w.db.select().from(staff))[0]?.passwordHash).toBe(current);
    await w.db
      .update(staff)
      .set({ passwordHash: await hashPassword(PASSWORD, 1_000) })
      .where(eq(staff.id, account.id));
    expect((await attempt(new PasswordCheckGate(), PASSWORD)).ok).toBe(true);
    expect((await w.db.select().from(staff))[0]?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/);
  });
});

describe('guessing', () => {
  test(`${ACCOUNT_FAILURES} wrong passwords lock that address out of the account, not its owner`, async () => {
    const account = await withAccount();
    const gate = new PasswordCheckGate();
    for (let i = 1; i < ACCOUNT_FAILURES; i++) await attempt(gate, `wrong ${i}`);
    expect((await attempt(gate, PASSWORD, { address: '192.0.2.50' })).ok).toBe(true);
    await attempt(gate, 'wrong 5');
    expect((await attempt(gate, PASSWORD)).ok).toBe(false);
    expect((await attempt(gate, PASSWORD, { address: '192.0.2.9' })).ok).toBe(true);
    const [row] = await w.db.select().from(staff).where(eq(staff.id, account.id));
    expect(row?.lockedUntil).toBe('2026-03-02T09:15:00.000Z');
    // At the end of the lockout the address may try again.
    const later = new Date('2026-03-02T09:15:00.000Z');
    expect((await attempt(gate, PASSWORD, { now: new Date(later.getTime() - 1) })).ok).toBe(false);
    expect((await attempt(gate, PASSWORD, { now: later })).ok).toBe(true);
  });

  test('the lockout lasts 15 minutes, doubling with every next five, at most a day', () => {
    expect([ACCOUNT_FAILURES, LOCK_MINUTES, MAX_LOCK_HOURS]).toEqual([5, 15, 24]);
    expect([4, 5, 9, 10, 15, 20, 25, 30, 35, 40, 45, 100].map(lockMinutes)).toEqual([
      15, 15, 15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440,
    ]);
  });

  test(`after ${ADDRESS_FAILURES} failures an address is not checked at all, for any account`, async () => {
    await withAccount();
    const gate = new PasswordCheckGate();
    for (let i = 0; i < ADDRESS_FAILURES - 1; i++) {
      await attempt(gate, 'x', { email: `nobody${i}@example.nl` });
    }
    expect((await attempt(gate, PASSWORD)).ok).toBe(true);
    await attempt(gate, 'x', { email: 'nobody@example.nl' });
    expect((await attempt(gate, PASSWORD)).ok).toBe(false);
    expect((await attempt(gate, PASSWORD, { address: '192.0.2.2' })).ok).toBe(true);
    // The window is 15 minutes.
    const next = new Date('2026-03-02T09:15:00.000Z');
    expect((await attempt(gate, PASSWORD, { now: next })).ok).toBe(true);
  });

  test('the address window is the quarter hour on the clock, not 15 minutes from a failure', async () => {
    await withAccount();
    const gate = new PasswordCheckGate();
    const at = (time: string) => new Date(`2026-03-02T${time}Z`);
    for (let i = 0; i < ADDRESS_FAILURES; i++) {
      await attempt(gate, 'x', { email: `nobody${i}@example.nl`, now: at('09:07:30.000') });
    }
    expect((await attempt(gate, PASSWORD, { now: at('09:14:59.999') })).ok).toBe(false);
    expect((await attempt(gate, PASSWORD, { now: at('09:15:00.000') })).ok).toBe(true);
  });

  test('wrong passwords from an address count for a day, while other addresses are locked out', async () => {
    await withAccount();
    const gate = new PasswordCheckGate();
    const at = (time: string) => new Date(`2026-03-02T${time}Z`);
    for (let i = 1; i < ACCOUNT_FAILURES; i++)
      await attempt(gate, `wrong ${i}`, { now: at('09:00:00.000') });
    // Another address is locked out an hour later; the first one's failures still count.
    for (let i = 1; i <= ACCOUNT_FAILURES; i++) {
      await attempt(gate, `wrong ${i}`, { address: '192.0.2.7', now: at('10:00:00.000') });
    }
    await attempt(gate, 'wrong 5', { now: at('11:00:00.000') });
    expect((await attempt(gate, PASSWORD, { now: at('11:00:00.000') })).ok).toBe(false);
    expect((await attempt(gate, PASSWORD, { now: at('11:15:00.000') })).ok).toBe(true);
  });
});

describe('the password check gate', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  test('runs at most two checks at once, and one at a time per address', async () => {
    expect(CONCURRENT_PASSWORD_CHECKS).toBe(2);
    const gate = new PasswordCheckGate();
    let running = 0;
    let most = 0;
    const log: string[] = [];
    const work = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      gate.run('a', work('a1')),
      gate.run('a', work('a2')),
      gate.run('b', work('b1')),
      gate.run('c', work('c1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(most).toBe(2);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
  });

  test('a check that comes in later still waits for the one before it from that address', async () => {
    const gate = new PasswordCheckGate();
    const log: string[] = [];
    let releaseSecond: () => void = () => {};
    const second = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const a1 = gate.run('a', async () => log.push('a1'));
    const a2 = gate.run('a', async () => {
      log.push('start a2');
      await second;
      log.push('end a2');
    });
    await a1;
    await tick();
    const a3 = gate.run('a', async () => log.push('a3'));
    await tick();
    releaseSecond();
    await Promise.all([a2, a3]);
    expect(log).toEqual(['a1', 'start a2', 'end a2', 'a3']);
  });

  test('a failing check frees its place for the next', async () => {
    const gate = new PasswordCheckGate(1);
    const failed = gate.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(gate.run('a', async () => 'next')).resolves.toBe('next');
    await expect(gate.run('b', async () => 'other')).resolves.toBe('other');
  });
});
