import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { sha256Hex } from '../crypto';
import { sessions, staff } from '../db/schema';
import { createStaff } from './accounts';
import {
  checkCsrf,
  csrfToken,
  endSession,
  findSession,
  SESSION_HOURS,
  sessionCookie,
} from './sessions';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const TOKEN = 'a-session-token-of-forty-three-characters-x';

async function withSession(expiresAt = '2026-03-02T21:00:00.000Z') {
  w = await world('awb');
  const { row } = await createStaff(w.db, w.tenant.id, {
    email: 'rita@example.nl',
    name: 'Rita',
    role: 'handler',
    password: 'correct horse battery',
  });
  await w.db.insert(sessions).values({
    tokenHash: await sha256Hex(TOKEN),
    staffId: row.id,
    tenantId: w.tenant.id,
    expiresAt,
  });
  return row;
}

describe('a session', () => {
  test('is found by its token until it expires, with who and what role', async () => {
    const account = await withSession();
    expect(await findSession(w.db, TOKEN, new Date('2026-03-02T20:59:59.999Z'))).toEqual({
      tokenHash: await sha256Hex(TOKEN),
      tenantId: w.tenant.id,
      staffId: account.id,
      name: 'Rita',
      email: 'rita@example.nl',
      role: 'handler',
      expiresAt: '2026-03-02T21:00:00.000Z',
    });
    expect(await findSession(w.db, TOKEN, new Date('2026-03-02T21:00:00.000Z'))).toBeNull();
    expect(SESSION_HOURS).toBe(12);
  });

  test('is not found with another token, an odd-sized token, or after it ended', async () => {
    await withSession();
    const now = new Date('2026-03-02T10:00:00.000Z');
    expect(await findSession(w.db, `${TOKEN}y`, now)).toBeNull();
    expect(await findSession(w.db, 'short', now)).toBeNull();
    expect(await findSession(w.db, 'x'.repeat(101), now)).toBeNull();
    await endSession(w.db, TOKEN);
    expect(await findSession(w.db, TOKEN, now)).toBeNull();
  });

  test('ends when the account is disabled, or belongs to another tenant', async () => {
    const account = await withSession();
    const now = new Date('2026-03-02T10:00:00.000Z');
    await w.db.update(sessions).set({ tenantId: 'other' }).where(eq(sessions.staffId, account.id));
    expect(await findSession(w.db, TOKEN, now)).toBeNull();
    await w.db
      .update(sessions)
      .set({ tenantId: w.tenant.id })
      .where(eq(sessions.staffId, account.id));
    expect(await findSession(w.db, TOKEN, now)).not.toBeNull();
    await w.db.update(staff).set({ disabledAt: now.toISOString() }).where(eq(staff.id, account.id));
    expect(await findSession(w.db, TOKEN, now)).toBeNull();
  });

  test('tokens of 20 and of 100 characters are looked up', async () => {
    w = await world('awb');
    const now = new Date('2026-03-02T10:00:00.000Z');
    const { row } = await createStaff(w.db, w.tenant.id, {
      email: 'a@example.nl',
      name: 'A',
      role: 'admin',
      password: 'correct horse battery',
    });
    for (const token of ['t'.repeat(20), 'u'.repeat(100)]) {
      await w.db.insert(sessions).values({
        tokenHash: await sha256Hex(token),
        staffId: row.id,
        tenantId: w.tenant.id,
        expiresAt: '2026-03-03T00:00:00.000Z',
      });
      expect((await findSession(w.db, token, now))?.staffId).toBe(row.id);
    }
  });

  test('tokens of 19 or of 101 characters are never a session, even one stored under them', async () => {
    w = await world('awb');
    const now = new Date('2026-03-02T10:00:00.000Z');
    const { row } = await createStaff(w.db, w.tenant.id, {
      email: 'a@example.nl',
      name: 'A',
      role: 'admin',
      password: 'correct horse battery',
    });
    for (const token of ['t'.repeat(19), 'u'.repeat(101)]) {
      await w.db.insert(sessions).values({
        tokenHash: await sha256Hex(token),
        staffId: row.id,
        tenantId: w.tenant.id,
        expiresAt: '2026-03-03T00:00:00.000Z',
      });
      expect(await findSession(w.db, token, now)).toBeNull();
    }
  });
});

describe('the session cookie', () => {
  async function cookieOf(publicUrl: string) {
    const app = new Hono();
    const cookie = sessionCookie(publicUrl);
    app.get('/set', (c) => {
      cookie.set(c, 'tok');
      return c.text('ok');
    });
    app.get('/read', (c) => c.text(cookie.read(c) ?? 'none'));
    app.get('/clear', (c) => {
      cookie.clear(c);
      return c.text('ok');
    });
    const set = (await app.request('/set')).headers.get('Set-Cookie');
    const clear = (await app.request('/clear')).headers.get('Set-Cookie');
    const name = set?.split('=')[0] ?? '';
    const read = await (await app.request('/read', { headers: { Cookie: `${name}=tok` } })).text();
    const none = await (await app.request('/read')).text();
    return { set, clear, read, none };
  }

  test('over https is a Secure __Host- cookie, HttpOnly, Lax, for 12 hours', async () => {
    const { set, clear, read, none } = await cookieOf('https://klacht.example');
    expect(set).toBe(
      '__Host-klacht_session=tok; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
    expect(clear).toMatch(/^__Host-klacht_session=; Max-Age=0; Path=\/; Secure/);
    expect([read, none]).toEqual(['tok', 'none']);
  });

  test('over plain http has no prefix and no Secure flag', async () => {
    const { set, clear } = await cookieOf('http://localhost:8787');
    expect(set).toBe('klacht_session=tok; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax');
    expect(clear).toMatch(/^klacht_session=; Max-Age=0; Path=\/$/);
  });
});

describe('CSRF tokens', () => {
  test('belong to one session and cannot be guessed from its cookie hash', async () => {
    const token = await csrfToken(TOKEN);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await csrfToken(TOKEN)).toBe(token);
    expect(await csrfToken(`${TOKEN}2`)).not.toBe(token);
    expect(token).not.toBe(await sha256Hex(TOKEN));
    expect(await checkCsrf(TOKEN, token)).toBe(true);
    expect(await checkCsrf(`${TOKEN}2`, token)).toBe(false);
    expect(await checkCsrf(TOKEN, `${token}x`)).toBe(false);
    expect(await checkCsrf(TOKEN, undefined)).toBe(false);
    expect(await checkCsrf(TOKEN, [token])).toBe(false);
  });

  test('are the HMAC-SHA256 of their fixed label, so pages stay valid across a restart', async () => {
    const expected = createHmac('sha256', TOKEN).update('klacht-csrf-v1').digest('base64url');
    expect(await csrfToken(TOKEN)).toBe(expected);
  });
});
