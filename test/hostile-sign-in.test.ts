import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  ACCOUNT_FAILURES,
  ADDRESS_FAILURES,
  LOCK_MINUTES,
  lockMinutes,
  MAX_LOCK_HOURS,
} from '../server/staff/sign-in';
import { type TestApp, testApp } from './helpers';
import { queryPlans, TABLE_SCAN } from './query-plans';
import { postForm, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Nobody can lock a colleague out from elsewhere, and a burst of sign-ins costs its sender, not
 * the service (issue #10, item 9).
 */

let t: TestApp;
let now: Date;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;

beforeEach(async () => {
  now = new Date('2026-03-02T09:00:00Z');
  // The client address comes from a test header here, as the socket's would on Node.
  t = await testApp({ now: () => now, clientAddress: (c) => c.req.header('x-test-address') });
  wenb = await tenantWithAdmin(t, 'wenb');
});
afterEach(() => t.close());

const from = (address: string) => ({ 'x-test-address': address });
const attempt = (password: string, address: string) =>
  signInCookie(t, 'wenb', wenb.email, password, from(address));

describe('lockouts', () => {
  test('wrong passwords from one address lock that address out, never the owner elsewhere', async () => {
    for (let i = 0; i < ACCOUNT_FAILURES; i++) {
      expect(await attempt('not the password', '203.0.113.66')).toBe('');
    }
    // The guesser's address is locked out, even with the right password …
    expect(await attempt(wenb.password, '203.0.113.66')).toBe('');
    // … and the owner at the office signs in as usual, over and over.
    for (let i = 0; i < 3; i++) expect(await attempt(wenb.password, '198.51.100.7')).not.toBe('');
    // The lockout ends; then the next five failures lock for twice as long.
    now = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect(await attempt(wenb.password, '203.0.113.66')).not.toBe('');
  });

  test('each next lockout of an address lasts twice as long, at most a day', async () => {
    expect(lockMinutes(ACCOUNT_FAILURES)).toBe(LOCK_MINUTES);
    expect(lockMinutes(2 * ACCOUNT_FAILURES)).toBe(2 * LOCK_MINUTES);
    expect(lockMinutes(3 * ACCOUNT_FAILURES)).toBe(4 * LOCK_MINUTES);
    expect(lockMinutes(100 * ACCOUNT_FAILURES)).toBe(MAX_LOCK_HOURS * 60);
    const guesser = '203.0.113.66';
    const guess = async (n: number) => {
      for (let i = 0; i < n; i++) await attempt('wrong', guesser);
    };
    await guess(ACCOUNT_FAILURES);
    now = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    await guess(ACCOUNT_FAILURES);
    // The second lockout lasts 30 minutes: after 16 it still holds, after 31 it is over.
    now = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect(await attempt(wenb.password, guesser)).toBe('');
    now = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    expect(await attempt(wenb.password, guesser)).not.toBe('');
  });
});

describe('password work is bounded', () => {
  test('a failed or a good sign-in reads indexes only, never every counter or session', async () => {
    const statements = await queryPlans(t.db.$client, async () => {
      await attempt('not the password', '203.0.113.5');
      await attempt(wenb.password, '203.0.113.5');
    });
    const touched = statements.filter(({ sql }) =>
      /rate_limits|sign_in_failures|sessions/.test(sql),
    );
    expect(touched.some(({ sql }) => /delete from "rate_limits"/.test(sql))).toBe(true);
    expect(touched.some(({ sql }) => /delete from "sessions"/.test(sql))).toBe(true);
    for (const { sql, plan } of touched) {
      expect(plan, sql).not.toContainEqual(expect.stringMatching(TABLE_SCAN));
    }
  });

  test('an IPv6 guesser cannot take a fresh allowance from each address of its /64', async () => {
    for (let i = 0; i < ACCOUNT_FAILURES; i++) {
      expect(await attempt('not the password', `2001:db8:1:2::${i + 1}`)).toBe('');
    }
    // Locked out across the network, even with the right password from yet another address …
    expect(await attempt(wenb.password, '2001:db8:1:2:ffff::9')).toBe('');
    // … while the next network signs in.
    expect(await attempt(wenb.password, '2001:db8:1:3::1')).not.toBe('');
  });

  test('a burst of sign-ins from one address costs at most its failure allowance of PBKDF2', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    try {
      const burst = await Promise.all(
        Array.from({ length: 3 * ADDRESS_FAILURES }, (_, i) =>
          signInCookie(t, 'wenb', `nobody${i}@example.nl`, 'x', from('203.0.113.99')),
        ),
      );
      expect(burst.every((cookie) => cookie === '')).toBe(true);
      // One dummy hash may be made first; then one derivation per counted failure, no more.
      expect(derive.mock.calls.length).toBeLessThanOrEqual(ADDRESS_FAILURES + 1);
      derive.mockClear();
      // Someone else, at another address, signs in with one derivation.
      expect(await attempt(wenb.password, '198.51.100.7')).not.toBe('');
      expect(derive.mock.calls.length).toBe(1);
    } finally {
      derive.mockRestore();
    }
  });
});

describe('all failures look alike (issue #22, item 6)', () => {
  /** What one sign-in makes the server do: PBKDF2 derivations and the statements it sends. */
  async function workOf(email: string, password: string, address: string) {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    try {
      const statements = await queryPlans(t.db.$client, async () => {
        expect(await signInCookie(t, 'wenb', email, password, from(address))).toBe('');
      });
      return { derivations: derive.mock.calls.length, statements: statements.map((s) => s.sql) };
    } finally {
      derive.mockRestore();
    }
  }

  async function addStaff(email: string, disabled = false) {
    const auth = { Authorization: `Bearer ${wenb.key}` };
    const res = await t.json(
      'POST',
      '/v1/tenants/wenb/staff',
      { email, name: email, role: 'handler' },
      auth,
    );
    const { staff } = await res.json();
    if (disabled) await t.json('PATCH', `/v1/tenants/wenb/staff/${staff.id}`, { disabled }, auth);
  }

  test('a locked account, an unknown one, a disabled one and a wrong password cost the same', async () => {
    await addStaff('bram@example.nl');
    await addStaff('weg@example.nl', true);
    const guesser = '203.0.113.66';
    for (let i = 0; i < ACCOUNT_FAILURES; i++) await attempt('not the password', guesser);
    // The guesser is locked out of the admin's account; even its right password fails …
    const locked = await workOf(wenb.email, wenb.password, guesser);
    // … and costs what an address nobody has, a disabled account or a wrong password costs.
    expect(locked.derivations).toBe(1);
    expect(await workOf('niemand@example.nl', 'x', guesser)).toEqual(locked);
    expect(await workOf('weg@example.nl', 'x', guesser)).toEqual(locked);
    expect(await workOf('bram@example.nl', 'not the password', guesser)).toEqual(locked);
    // The first failure at a fresh address costs the same too (no dummy hash is made on use).
    expect(await workOf('niemand@example.nl', 'x', '198.51.100.20')).toEqual(locked);
  });
});

describe('where a sign-in returns to (issue #22, item 8)', () => {
  const signInTo = (next: string) =>
    postForm(t, '/admin/wenb/sign-in', { email: wenb.email, password: wenb.password, next });

  test('a `next` with a line break, a NUL or a tab goes to the register, never a 500', async () => {
    for (const next of [
      '/admin/wenb/complaints\r\nSet-Cookie: stolen=1',
      '/admin/wenb/complaints\n',
      '/admin/wenb/\u0000complaints',
      '/admin/wenb/com\tplaints',
    ]) {
      const res = await signInTo(next);
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('Location')).toBe('/admin/wenb/complaints');
      expect(res.headers.getSetCookie()).toHaveLength(1);
    }
  });

  test('a path of this admin view is kept, percent-encoded; anywhere else is not', async () => {
    const to = async (next: string) => (await signInTo(next)).headers.get('Location');
    expect(await to('/admin/wenb/complaints?handler=Zoë Ünal')).toBe(
      '/admin/wenb/complaints?handler=Zo%C3%AB%20%C3%9Cnal',
    );
    expect(await to('/admin/wenb/complaints/2026-0001#acties')).toBe(
      '/admin/wenb/complaints/2026-0001',
    );
    for (const elsewhere of [
      '//evil.example/admin/wenb/',
      'https://evil.example/admin/wenb/',
      '/admin/wenb/../../evil',
      '/admin/wenb/%2e%2e/totaalonder1dak/complaints',
      '/admin/wenb/\\evil',
      '/admin/wenb//evil.example',
      '/admin/wenb/sign-in',
      '/admin/totaalonder1dak/complaints',
    ]) {
      expect(await to(elsewhere), elsewhere).toBe('/admin/wenb/complaints');
    }
  });
});
