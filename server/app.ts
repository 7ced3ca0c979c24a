import { Hono, type MiddlewareHandler } from 'hono';
import { pickLocale } from '../shared/localised';
import { ADMIN_MOUNT, adminDocs } from './admin/admin-route-docs';
import { submitRoutes } from './complaints/submit-routes';
import type { AppDeps } from './deps';
import { healthRoutes } from './docs/health-routes';
import type { RouteDoc } from './docs/route-doc';
import type { AppEnv } from './http/context';
import { onError } from './http/errors';
import { mountLazily } from './http/lazy-routes';
import { notFoundHandler } from './http/not-found';
import { neverTransformed, securityHeaders } from './http/security-headers';
import { trimTrailingSlash } from './http/trailing-slash';
import { publishedDocs } from './published/published-docs';
import { formRoutes } from './tenants/form-routes';
import { trackDocs } from './tracking/tracking-docs';

/**
 * Builds the whole API from its dependencies; the Node entry, the Worker and tests each call it.
 * `site` adds what only one runtime serves (the Node entry's demo site and widget files), and
 * `docs` the OpenAPI document and reference (the Worker serves them as static files), under the
 * same headers and the same error path; `compress` is the Node entry's compression (on Workers,
 * Cloudflare compresses), passed in so the Worker's script does without it; `inboundMail` is the
 * Node entry's `POST …/inbound-mail` (on Workers, mail arrives through the `email()` handler).
 * What the public needs (the form, a submission, health) is mounted at once; the tenant API,
 * the tracking link's routes, the published pages and the admin view load on first use.
 */
export function createApp(
  deps: AppDeps,
  options: {
    site?: Hono;
    docs?: Hono<AppEnv>;
    compress?: MiddlewareHandler;
    inboundMail?: Hono<AppEnv>;
    /**
     * The docs of the tenant API (tenant-api.ts), registered before its code is loaded so that
     * `app.routes` lists them (the OpenAPI check, 405s): the Node entry and the tests pass them;
     * the Worker does without, and the loaded API answers its own 404s and 405s.
     */
    tenantApiDocs?: readonly RouteDoc[];
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
  app.route('/', formRoutes(deps));
  app.route('/', submitRoutes(deps));
  if (options.inboundMail) app.route('/', options.inboundMail);
  mountLazily(app, {
    prefix: '/v1/tenants',
    docs: options.tenantApiDocs ?? [],
    load: async () => (await import('./tenant-api')).tenantApi(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>(), app).route('/', routes),
  });
  mountLazily(app, {
    prefix: ['/v1/track', '/track', '/track.css'],
    docs: trackDocs,
    load: async () => (await import('./tracking/tracking-routes')).trackRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>(), app).route('/', routes),
  });
  mountLazily(app, {
    prefix: '/p',
    docs: publishedDocs,
    load: async () => (await import('./published/published-routes')).publishedRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>(), app).route('/', routes),
  });
  mountLazily(app, {
    prefix: ADMIN_MOUNT,
    docs: adminDocs,
    load: async () => (await import('./admin/admin-routes')).adminRoutes(deps),
    wrap: (routes) => answerLikeTheApp(new Hono<AppEnv>(), app).route(ADMIN_MOUNT, routes),
  });
  return app;
}

/**
 * The request's locale, the one error path, and 405 with Allow for a path the app has for other
 * methods (404 otherwise): the app's own, and those of the sub-apps it loads on first use.
 */
function answerLikeTheApp(app: Hono<AppEnv>, outer?: Hono<AppEnv>) {
  app.use(async (c, next) => {
    c.set('locale', pickLocale(c.req.header('Accept-Language'), 'nl'));
    await next();
  });
  app.onError(onError);
  // A sub-app loaded on first use answers 405 for the app's routes as well as its own.
  app.notFound(notFoundHandler(() => (outer ? [...outer.routes, ...app.routes] : app.routes)));
  return app;
}

export type App = ReturnType<typeof createApp>;
