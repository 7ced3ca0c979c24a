import type { Context } from 'hono';
import type { AppEnv } from './context';
import { errorBody } from './errors';
import { missingPage } from './not-found-page';
import { pageCsp } from './security-headers';

/** How much the client wants a type by its Accept header: the q of the most specific range. */
function quality(accept: string, type: string): number {
  const [main] = type.split('/');
  let best = { rank: -1, q: 0 };
  for (const part of accept.toLowerCase().split(',')) {
    const [range = '', ...params] = part.split(';').map((x) => x.trim());
    const rank = range === type ? 2 : range === `${main}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (rank <= best.rank) continue;
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    best = { rank, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}

/**
 * A browser navigating (it asks for text/html before anything else) gets a page; API clients,
 * curl and `fetch()` (Accept: *\/*) get JSON. Paths under /v1/ are the API and always JSON.
 */
export function wantsPage(c: Context): boolean {
  if (c.req.path.startsWith('/v1/')) return false;
  const accept = c.req.header('Accept') ?? '';
  return quality(accept, 'text/html') > quality(accept, 'application/json');
}

/** A registered route's path as a pattern: `:name` is one path segment, `*` anything. */
function pattern(path: string): RegExp {
  const literal = path
    .split(/(:\w+|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith(':')
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${literal}$`);
}

/**
 * The answer when no route took a request: 405 with `Allow` when the path exists for other
 * methods (an OPTIONS request gets 204 with `Allow`), else 404; JSON in the error shape, or an
 * HTML page for a browser (see `wantsPage`). Never text/plain.
 */
export function notFoundHandler(registered: () => readonly { method: string; path: string }[]) {
  let routes: { method: string; path: RegExp }[] | undefined;
  return (c: Context<AppEnv>): Response | Promise<Response> => {
    // The app's own routes, read once it has them all (middleware is registered as ALL).
    routes ??= registered()
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: pattern(r.path) }));
    const methods = new Set(routes.filter((r) => r.path.test(c.req.path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    // A route for this very method that found nothing (/demo/:name for an unknown name) is 404.
    const status = methods.size > 0 && !methods.has(c.req.method) ? 405 : 404;
    if (status === 405) {
      c.header('Allow', [...methods, 'OPTIONS'].join(', '));
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
    }
    if (wantsPage(c)) {
      c.header('Content-Security-Policy', pageCsp());
      c.header('Cache-Control', 'no-store');
      return c.html(missingPage(status), status);
    }
    return c.json(errorBody(c, status === 405 ? 'method_not_allowed' : 'not_found'), status);
  };
}
