import { routeDoc } from '../docs/route-doc';

/**
 * The public pages' routes, apart from their handlers: the app registers them up front and loads
 * the pages on their first request (a small share of requests, a fair share of the code).
 */
export const PUBLISHED_DOCS = {
  procedure: routeDoc({
    method: 'get',
    path: '/p/{slug}/klachtenregeling',
    summary:
      "The tenant's complaint procedure as a public page, from its configuration (?lang=nl|en)",
    tag: 'Published',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [404],
  }),
  yearly: routeDoc({
    method: 'get',
    path: '/p/{slug}/jaarverslag/{year}',
    summary: 'The yearly complaint report (Awb 9:12a), when the tenant publishes it (?lang=nl|en)',
    tag: 'Published',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [404],
  }),
};
export const publishedDocs = Object.values(PUBLISHED_DOCS);
