import { Hono } from 'hono';
import { pickLocale } from '../shared/localised';
import { ADMIN_MOUNT } from './admin/admin-route-docs';
import { adminRoutes } from './admin/admin-routes';
import { complaintRoutes } from './complaints/complaint-routes';
import type { AppDeps } from './deps';
import { docsRoutes } from './docs/docs-routes';
import { allRoutes } from './docs/openapi';
import { compression } from './http/compression';
import type { AppEnv } from './http/context';
import { onError } from './http/errors';
import { notFoundHandler } from './http/not-found';
import { securityHeaders } from './http/security-headers';
import { trimTrailingSlash } from './http/trailing-slash';
import { outboxRoutes } from './mail/outbox-routes';
import { reportRoutes } from './reports/report-routes';
import { staffRoutes } from './staff/staff-routes';
import { formRoutes } from './tenants/form-routes';
import { procedureRoutes } from './tenants/procedure-routes';
import { tenantRoutes } from './tenants/tenant-routes';
import { trackRoutes } from './tracking/tracking-routes';

/**
 * Builds the whole API from its dependencies; the Node entry, the Worker and tests each call it.
 * `site` adds what only one runtime serves (the Node entry's demo site and widget files), under
 * the same headers and the same error path; `compress` turns on compression (the Node entry's:
 * on Workers, Cloudflare compresses).
 */
export function createApp(deps: AppDeps, options: { site?: Hono; compress?: boolean } = {}) {
  const app = new Hono<AppEnv>();
  if (options.compress) app.use(compression());
  app.use(securityHeaders({ https: deps.config.publicUrl.startsWith('https:') }));
  app.use(async (c, next) => {
    c.set('locale', pickLocale(c.req.header('Accept-Language'), 'nl'));
    await next();
  });
  app.use(trimTrailingSlash());
  app.onError(onError);
  // 405 with Allow for a documented path asked with another method; 404 otherwise.
  app.notFound(notFoundHandler(allRoutes()));

  if (options.site) app.route('/', options.site);
  app.route('/', docsRoutes());
  app.route('/', tenantRoutes(deps));
  app.route('/', procedureRoutes(deps));
  app.route('/', formRoutes(deps));
  app.route('/', complaintRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', outboxRoutes(deps));
  app.route('/', trackRoutes(deps));
  app.route('/', staffRoutes(deps));
  app.route(ADMIN_MOUNT, adminRoutes(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
