import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken, sha256Hex, timingSafeEqual, toBase64Url } from '../crypto';
import type { Db } from '../db/client';
import { rateLimits, sessions, staff } from '../db/schema';
import { type Limit, withinLimit } from '../rate-limit';
import type { StaffRole, StaffRow } from './accounts';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

/** A session lasts 12 hours from sign-in: a working day, then sign in again. */
export const SESSION_HOURS = 12;
/** After this many wrong passwords in a row the account rests for LOCK_MINUTES. */
export const ACCOUNT_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Failed sign-ins per client address per window, over all accounts and tenants. */
export const ADDRESS_FAILURES = 20;
const WINDOW_MINUTES = 15;

export interface StaffSession {
  tokenHash: string;
  tenantId: string;
  staffId: string;
  name: string;
  email: string;
  role: StaffRole;
  expiresAt: string;
}

/**
 * `__Host-` cookies must be Secure, and browsers refuse Secure cookies from plain http (other
 * than localhost, and not all browsers there), so over http the cookie goes without the prefix.
 */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

export function sessionCookieName(c: Context): string {
  return isHttps(c) ? '__Host-klacht_session' : 'klacht_session';
}

export function readSessionToken(c: Context): string | null {
  return getCookie(c, sessionCookieName(c)) ?? null;
}

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: isHttps(c) });
}

/** The session of a cookie token: unexpired, and its account still active. */
export async function findSession(db: Db, token: string, now: Date): Promise<StaffSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      tenantId: sessions.tenantId,
      staffId: staff.id,
      staffTenantId: staff.tenantId,
      name: staff.name,
      email: staff.email,
      role: staff.role,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now.toISOString()),
        isNull(staff.disabledAt),
      ),
    )
    .limit(1);
  if (!row || row.staffTenantId !== row.tenantId) return null;
  const { staffTenantId: _, ...session } = row;
  return { ...session, role: session.role as StaffRole };
}

export async function endSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(token)));
}

const encoder = new TextEncoder();

/**
 * The CSRF token of a session: HMAC-SHA256 of a fixed label under the session token, so it needs
 * no storage, changes with every session, and cannot be derived from the cookie's hash.
 */
export async function csrfToken(sessionToken: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(sessionToken),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode('klacht-csrf-v1'));
  return toBase64Url(new Uint8Array(mac));
}

export async function checkCsrf(sessionToken: string, sent: unknown): Promise<boolean> {
  return typeof sent === 'string' && timingSafeEqual(sent, await csrfToken(sessionToken));
}

const ADDRESS_LIMIT: Limit = { max: ADDRESS_FAILURES, windowSeconds: WINDOW_MINUTES * 60 };
const addressKey = (address: string) => `signin:${address}`;

/** Failures so far in this window; the same key `withinLimit` counts them under. */
async function addressFailures(db: Db, address: string, now: Date): Promise<number> {
  const windowMs = ADDRESS_LIMIT.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const key = await sha256Hex(`${addressKey(address)}:${start}`);
  const row = await db.query.rateLimits.findFirst({ where: eq(rateLimits.key, key) });
  return row?.count ?? 0;
}

async function countAddressFailure(db: Db, address: string, now: Date) {
  await withinLimit(db, addressKey(address), ADDRESS_LIMIT, now);
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now.toISOString()));
}

export type SignInResult = { ok: true; token: string; staff: StaffRow } | { ok: false };

/**
 * Checks e-mail and password. A wrong password, an unknown or disabled account, a locked account
 * and a throttled address all give the same `{ ok: false }` after the same PBKDF2 work, so the
 * answer tells nobody which accounts exist or are locked.
 */
export async function signIn(
  db: Db,
  input: { tenantId: string; email: string; password: string; address: string; now: Date },
): Promise<SignInResult> {
  const { tenantId, now } = input;
  const email = input.email.trim().toLowerCase();
  const [account, failures] = await Promise.all([
    db.query.staff.findFirst({ where: and(eq(staff.tenantId, tenantId), eq(staff.email, email)) }),
    addressFailures(db, input.address, now),
  ]);
  const usable = account && account.disabledAt === null ? account : undefined;
  const verification = await verifyPassword(
    input.password,
    usable?.passwordHash ?? (await dummyHash()),
  );
  const locked = usable?.lockedUntil ? usable.lockedUntil > now.toISOString() : false;
  const throttled = failures >= ADDRESS_FAILURES;
  if (!usable || !verification.ok || locked || throttled) {
    await countAddressFailure(db, input.address, now);
    if (usable && !verification.ok) {
      const failed = usable.failedSignIns + 1;
      await db
        .update(staff)
        .set(
          failed >= ACCOUNT_FAILURES
            ? {
                failedSignIns: 0,
                lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(),
              }
            : { failedSignIns: failed },
        )
        .where(eq(staff.id, usable.id));
    }
    return { ok: false };
  }
  const token = randomToken(32);
  const passwordHash = verification.needsRehash
    ? await hashPassword(input.password)
    : usable.passwordHash;
  await db.batch([
    db
      .update(staff)
      .set({ failedSignIns: 0, lockedUntil: null, passwordHash })
      .where(eq(staff.id, usable.id)),
    db.insert(sessions).values({
      tokenHash: await sha256Hex(token),
      staffId: usable.id,
      tenantId,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    }),
    db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())),
  ]);
  return { ok: true, token, staff: usable };
}

/**
 * The client's address for throttling: on Node the socket's peer (c.env is the node-server's
 * `{ incoming }`), on Workers Cloudflare's own header, which a client cannot set there. Behind
 * another proxy on Node all clients share the proxy's address, which only makes throttling
 * stricter.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? c.req.header('CF-Connecting-IP') ?? 'unknown';
}
