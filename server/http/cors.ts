import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../deps';
import { findTenant } from '../tenants/tenants';
import type { AppEnv } from './context';

/**
 * CORS for the public routes only: the widget on a tenant's own site may call them, any other
 * origin gets no grant. Origins match exactly (scheme, host and port), and `Vary: Origin` is set.
 */
export function tenantCors(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return cors({
    origin: async (origin, c) => {
      if (!origin) return null;
      const tenant = await findTenant(deps.db, c.req.param('slug') ?? '');
      return tenant?.procedure.allowedOrigins.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Accept-Language'],
    maxAge: 600,
  });
}
