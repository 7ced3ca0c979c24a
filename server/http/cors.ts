import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../deps';
import { findTenant } from '../tenants/tenants';
import type { AppEnv } from './context';

/**
 * CORS for the public routes only: the widget on a tenant's own site may call them, any other
 * origin gets no grant. Origins match exactly (scheme, host and port), and `Vary: Origin` is set.
 * The service's own pages need no entry in `allowedOrigins`: reached by any name, they load the
 * widget from and call the API on their own origin (same-origin, no CORS at all), and the public
 * origin (PUBLIC_URL) is granted for every tenant, as `refuseForeignOrigin` admits it.
 */
export function tenantCors(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const own = new URL(deps.config.publicUrl).origin;
  return cors({
    origin: async (origin, c) => {
      if (!origin) return null;
      if (origin === own) return origin;
      const tenant = await findTenant(deps.db, c.req.param('slug') ?? '');
      return tenant?.procedure.allowedOrigins.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Accept-Language'],
    maxAge: 600,
  });
}

/**
 * The origin of a public request from a browser page outside the tenant's allowed origins, or
 * null when it may go on: no `Origin` (a server, or a browser's same-origin GET), our own origin
 * (the demo pages, reached by any name) or the public origin, an allowed one, or a caller with a
 * key or a session. After `tenantAccess`.
 */
export function foreignOrigin(deps: AppDeps, c: Context<AppEnv>): string | null {
  const origin = c.req.header('Origin');
  if (origin === undefined || c.get('actor').kind !== 'public') return null;
  const own = [new URL(c.req.url).origin, new URL(deps.config.publicUrl).origin];
  const allowed = c.get('tenant').procedure.allowedOrigins;
  return own.includes(origin) || allowed.includes(origin) ? null : origin;
}
