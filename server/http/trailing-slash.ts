import type { MiddlewareHandler } from 'hono';

/**
 * A GET for `/x/` that found nothing goes to `/x` (301), so `/admin/` and `/admin/{slug}/` work
 * as people type them. The target is a path on this origin, never built from the Host header,
 * and never one a browser would read as another host (`//host`, `/\host`).
 */
export function trimTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return;
    const url = new URL(c.req.url);
    if (url.pathname === '/' || !url.pathname.endsWith('/')) return;
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '' || /^[/\\]{2}|^\/\\/.test(path)) return;
    c.res = c.redirect(`${path}${url.search}`, 301);
  };
}
