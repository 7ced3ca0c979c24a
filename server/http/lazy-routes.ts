import type { Context, Env, Handler, Hono } from 'hono';
import { honoPath } from '../docs/route-doc';
import type { AppEnv } from './context';

/** What the app needs of a route's documentation to register it before its code is loaded. */
type Documented = { method: string; path: string };

/** The request's ExecutionContext where the runtime has one (Workers), none under Node. */
function executionCtxOf(c: Context<AppEnv>) {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/**
 * Mounts routes whose code is loaded on their first request. The admin view's pages are a small
 * share of requests but a large share of the code; in the Worker (built with code splitting,
 * scripts/build-worker.mjs) their modules are a chunk of their own, so the script every request
 * starts does without them. Every documented route is registered up front, so the app
 * lists them as if mounted eagerly (the OpenAPI check, 405's Allow), and every request under
 * `prefix` goes to the loaded sub-app, which `wrap` gives the app's own locale, error path and
 * not-found answer: to a client nothing differs from an eager mount.
 */
export function mountLazily<SubEnv extends Env>(
  app: Hono<AppEnv>,
  options: {
    /** Where its routes live: every request under one of them goes to the loaded sub-app. */
    prefix: string | string[];
    docs: readonly Documented[];
    load: () => Promise<Hono<SubEnv>>;
    wrap: (routes: Hono<SubEnv>) => Hono<AppEnv>;
  },
) {
  let loaded: Promise<Hono<AppEnv>> | undefined;
  const dispatch: Handler<AppEnv> = async (c) => {
    loaded ??= options
      .load()
      .then(options.wrap)
      .catch((err) => {
        // A failed load (a deploy in flight) is tried again on the next request.
        loaded = undefined;
        throw err;
      });
    return (await loaded).fetch(c.req.raw, c.env, executionCtxOf(c));
  };
  for (const doc of options.docs) {
    app.on(doc.method.toUpperCase(), honoPath(doc), dispatch);
  }
  for (const prefix of [options.prefix].flat()) {
    app.all(prefix, dispatch);
    app.all(`${prefix}/*`, dispatch);
  }
}
