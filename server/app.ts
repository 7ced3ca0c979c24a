import { Hono, type MiddlewareHandler } from 'hono';
import { pickLocale } from '../shared/localised';
import { ADMIN_MOUNT, adminDocs } from './admin/admin-route-docs';
import { casefileRoutes } from './casefile/casefile-routes';
import { complaintRoutes } from './complaints/complaint-routes';
import type { AppDeps } from './deps';
import { healthRoutes } from './docs/health-routes';
import type { AppEnv } from './http/context';
import { onError } from './http/errors';
import { mountLazily } from './http/lazy-routes';
import { notFoundHandler } from './http/not-found';
import { neverTransformed, securityHeaders } from './http/security-headers';
import { trimTrailingSlash } from './http/trailing-slash';
import { outboxRoutes } from './mail/outbox-routes';
import { publishedDocs } from './published/published-docs';
import { reportRoutes } from './reports/report-routes';
import { staffRoutes } from './staff/staff-routes';
import { formRoutes } from './tenants/form-routes';
import { keyRoutes } from './tenants/key-routes';
import { procedureRoutes } from './tenants/procedure-routes';
import { tenantRoutes } from './tenants/tenant-routes';
import { trackDocs } from './tracking/tracking-docs';
import { webhookRoutes } from './webhooks/webhook-routes';

/**
 * Builds the whole API from its dependencies; the Node entry, the Worker and tests each call it.
 * `site` adds what only one runtime serves (the Node entry's demo site and widget files), and
 * `docs` the OpenAPI document and reference (the Worker serves them as static files), under the
 * same headers and the same error path; `compress` is the Node entry's compression (on Workers,
 * Cloudflare compresses), passed in so the Worker's script does without it; `inboundMail` is the
 * Node entry's `POST …/inbound-mail` (on Workers, mail arrives through the `email()` handler).
 */
export function createApp(
  deps: AppDeps,
  options: {
    site?: Hono;
    docs?: Hono<AppEnv>;
    compress?: MiddlewareHandler;
    inboundMail?: Hono<AppEnv>;
  } = {},
) {
  const app = new Hono<AppEnv>();
  if (options.compress) app.use(options.compress);
  app.use(securityHeaders({ https: deps.config.publicUrl.startsWith('https:') }));
  app.use(ADMIN_MOUNT, neverTransformed());
  app.use(`${ADMIN_MOUNT}/*`, neverTransformed());
  answerLikeTheApp(app);
  app.use(trimTrailingSlash());

  if (options.site) app.route('/', options.site);
  app.route('/', healthRoutes(deps.clock));
  if (options.docs) app.route('/', options.docs);
  app.route('/', tenantRoutes(deps));
  app.route('/', procedureRoutes(deps));
  app.route('/', keyRoutes(deps));
  app.route('/', formRoutes(deps));
  app.route('/', complaintRoutes(deps));
  app.route('/', casefileRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', outboxRoutes(deps));
  app.route('/', staffRoutes(deps));
  app.route('/', webhookRoutes(deps));
  if (options.inboundMail) app.route('/', options.inboundMail);
  mountLazily(app, {
    prefix: ['/v1/track', '/track', '/track.css'],
    docs: trackDocs,
    load: async () => (await import('./tracking/tracking-routes')).trackRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>()).route('/', routes),
  });
  mountLazily(app, {
    prefix: '/p',
    docs: publishedDocs,
    load: async () => (await import('./published/published-routes')).publishedRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>()).route('/', routes),
  });
  mountLazily(app, {
    prefix: ADMIN_MOUNT,
    docs: adminDocs,
    load: async () => (await import('./admin/admin-routes')).adminRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>()).route(ADMIN_MOUNT, routes),
  });
  return app;
}

/**
 * The request's locale, the one error path, and 405 with Allow for a path the app has for other
 * methods (404 otherwise): the app's own, and those of the sub-apps it loads on first use.
 */
function answerLikeTheApp(app: Hono<AppEnv>) {
  app.use(async (c, next) => {
    c.set('locale', pickLocale(c.req.header('Accept-Language'), 'nl'));
    await next();
  });
  app.onError(onError);
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}

export type App = ReturnType<typeof createApp>;
