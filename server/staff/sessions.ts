import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sha256Hex, timingSafeEqual, toBase64Url } from '../crypto';
import type { Db } from '../db/client';
import { sessions, staff } from '../db/schema';
import type { StaffRole } from './roles';

/** A session lasts 12 hours from sign-in: a working day, then sign in again. */
export const SESSION_HOURS = 12;

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
 * The session cookie of a service whose public origin is `publicUrl`. Over https it is a Secure
 * `__Host-` cookie; browsers refuse Secure cookies from plain http (other than localhost, and not
 * all browsers there), so a local http server names it without the prefix. The choice follows
 * the configured origin, never a header a client sends (such as X-Forwarded-Proto).
 */
export function sessionCookie(publicUrl: string) {
  const secure = publicUrl.startsWith('https:');
  const name = secure ? '__Host-klacht_session' : 'klacht_session';
  return {
    read: (c: Context): string | null => getCookie(c, name) ?? null,
    set(c: Context, token: string) {
      setCookie(c, name, token, {
        httpOnly: true,
        secure,
        sameSite: 'Lax',
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
    },
    clear: (c: Context) => deleteCookie(c, name, { path: '/', secure }),
  };
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
