import { and, eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { sha256Hex, timingSafeEqual } from '../crypto';
import { complaints } from '../db/schema';
import type { AppDeps } from '../deps';
import { mayCallApi, roleRules } from '../staff/policy';
import { findSession, type StaffSession, sessionCookie } from '../staff/sessions';
import { lookupTenant } from '../tenants/tenant-lookup';
import type { Actor, AppEnv } from './context';
import { ApiError } from './errors';

/** A path segment as the router reads it; a malformed escape stays as it was sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function bearer(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

export function requireOperator(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    const hash = token ? await sha256Hex(token) : '';
    if (!token || !timingSafeEqual(hash, deps.config.operatorTokenHash)) {
      throw new ApiError(401, 'unauthorized');
    }
    await next();
  };
}

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/**
 * The staff session of the request's cookie, if any. A cookie travels with every request the
 * browser makes, so for a change it only counts when the request comes from our own origin.
 */
async function cookieSession(deps: AppDeps, c: Context<AppEnv>): Promise<StaffSession | null> {
  const token = sessionCookie(deps.config.publicUrl).read(c);
  if (!token) return null;
  if (!SAFE_METHODS.test(c.req.method)) {
    const sameOrigin =
      c.req.header('Origin') === new URL(c.req.url).origin ||
      c.req.header('Sec-Fetch-Site') === 'same-origin';
    if (!sameOrigin) return null;
  }
  return findSession(deps.db, token, deps.clock());
}

/**
 * Resolves `:slug` and the caller. With `key: 'required'` a missing or unknown key is 401 (before
 * the body is read); a valid key of another tenant, or an unknown slug, is 404, so nobody learns
 * which tenants exist. With `key: 'optional'` (the public form and submission) no key means the
 * public acts, but a key that is sent must be valid.
 *
 * Without a key, a staff session (the admin view's cookie) acts for its own tenant, within what
 * its role allows (`mayCallApi`; otherwise 403). A session of another tenant is 404 like a key;
 * on the public routes it is simply not used, so the public acts.
 */
export function tenantAccess(
  deps: AppDeps,
  key: 'required' | 'optional',
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    const session = token ? null : await cookieSession(deps, c);
    if (!token && !session && key === 'required') throw new ApiError(401, 'unauthorized');
    const slug = c.req.param('slug') ?? '';
    const { tenant, key: apiKey } = await lookupTenant(
      deps.db,
      slug,
      token ? await sha256Hex(token) : null,
    );
    if (token && !apiKey) throw new ApiError(401, 'unauthorized');
    if (!tenant || (apiKey && apiKey.tenantId !== tenant.id)) throw new ApiError(404, 'not_found');
    if (session && session.tenantId !== tenant.id && key === 'required') {
      throw new ApiError(404, 'not_found');
    }
    c.set('tenant', tenant);
    let actor: Actor = apiKey
      ? { kind: 'apiKey', keyId: apiKey.id, label: apiKey.label }
      : { kind: 'public' };
    if (session && session.tenantId === tenant.id) {
      const segments = c.req.path.split('/').slice(4).map(decodeSegment);
      const allowed = await mayCallApi(
        session,
        c.req.method,
        segments,
        async () => {
          const row = await deps.db.query.complaints.findFirst({
            where: and(
              eq(complaints.tenantId, tenant.id),
              eq(complaints.number, segments[1] ?? ''),
            ),
          });
          return row ?? null;
        },
        roleRules(tenant.procedure),
      );
      if (allowed) {
        actor = { kind: 'staff', staffId: session.staffId, name: session.name, role: session.role };
      } else if (key === 'required') {
        throw new ApiError(403, 'forbidden');
      }
    }
    c.set('actor', actor);
    await next();
  };
}
