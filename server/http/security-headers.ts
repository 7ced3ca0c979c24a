import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Pages and files set their own policy; everything else (JSON above all) gets this one. */
const NOTHING_TO_LOAD = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** The policy of a server-rendered page: its own styles and forms, nothing else, never framed. */
export function pageCsp(options: { inlineStyle?: boolean } = {}): string {
  return [
    "default-src 'none'",
    options.inlineStyle ? "style-src 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Security headers on every response: a Content-Security-Policy that loads nothing and may not
 * be framed (a route that renders a page sets its own, which is kept), nosniff, no referrer,
 * X-Frame-Options, and HSTS when the service is served over https. API answers are personal data
 * or per-tenant, so they are not stored by any cache unless the route says otherwise.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const headers = secureHeaders({
    overwrite: false,
    contentSecurityPolicy: NOTHING_TO_LOAD,
    strictTransportSecurity: options.https ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });
  return (c, next) =>
    headers(c, async () => {
      await next();
      if (c.req.path.startsWith('/v1/') && !c.res.headers.has('Cache-Control')) {
        c.res.headers.set('Cache-Control', 'no-store');
      }
    });
}

/**
 * The admin view's answers are neither stored nor transformed on the way: its pages hold the
 * session's CSRF token and complainants' personal data beside text the query reflects, and a
 * compressed answer's size would let an attacker read them (BREACH). Cloudflare compresses text
 * at the edge unless the answer says `no-transform`, and the Node entry's compression
 * (hono/compress) keeps to it too, so this one header keeps both entries' admin pages plain.
 * Masked per-response CSRF tokens (as Rails and Django have) would make compression safe for the
 * token only, not for the personal data, so the admin view is not compressed at all.
 */
export function neverTransformed(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const directives = (c.res.headers.get('Cache-Control') ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    for (const needed of ['no-store', 'no-transform']) {
      if (!directives.some((d) => d.toLowerCase() === needed)) directives.push(needed);
    }
    // An answer passed on from elsewhere may have headers that cannot change: copy it first.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('Cache-Control', directives.join(', '));
  };
}
