import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { sha256Hex, timingSafeEqual } from './crypto';
import type { AppDeps } from './deps';
import { ApiError } from './errors';
import { findApiKey, findTenant } from './tenants';

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

/**
 * Resolves `:slug` and the caller. With `key: 'required'` a missing or unknown key is 401 (before
 * the body is read); a valid key of another tenant, or an unknown slug, is 404, so nobody learns
 * which tenants exist. With `key: 'optional'` (the public form and submission) no key means the
 * public acts, but a key that is sent must be valid.
 */
export function tenantAccess(
  deps: AppDeps,
  key: 'required' | 'optional',
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    if (!token && key === 'required') throw new ApiError(401, 'unauthorized');
    const apiKey = token ? await findApiKey(deps.db, token) : null;
    if (token && !apiKey) throw new ApiError(401, 'unauthorized');
    const slug = c.req.param('slug') ?? '';
    const tenant = await findTenant(deps.db, slug);
    if (!tenant || (apiKey && apiKey.tenantId !== tenant.id)) throw new ApiError(404, 'not_found');
    c.set('tenant', tenant);
    c.set(
      'actor',
      apiKey ? { kind: 'apiKey', keyId: apiKey.id, label: apiKey.label } : { kind: 'public' },
    );
    await next();
  };
}
