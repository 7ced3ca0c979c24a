import { type Context, Hono } from 'hono';
import { amsterdamDate } from '../../shared/deadlines';
import { LOCALES, type Locale } from '../../shared/localised';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc } from '../docs/route-doc';
import type { AppEnv } from '../http/context';
import { missingPage } from '../http/not-found-page';
import { pageCsp } from '../http/security-headers';
import { yearlyReport } from '../reports/yearly-report';
import { findTenant } from '../tenants/tenants';

/**
 * The pages' HTML, loaded on the first one asked for: on Workers chunks of their own, so the
 * script every request starts does without their words and parts.
 */
const procedurePages = () => import('./procedure-page');
const reportPages = () => import('./yearly-report-page');

const PUBLISHED_DOCS = {
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

/** The page's language: `?lang=` when it names one of ours, else the browser's preference. */
function pageLocale(c: Context<AppEnv>): Locale {
  const asked = c.req.query('lang');
  return (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : c.get('locale');
}

/** Every tenant's public pages: its procedure, and its yearly report when it chose to publish. */
export function publishedRoutes(deps: AppDeps) {
  const page = (c: Context<AppEnv>, body: Parameters<Context['html']>[0]) => {
    c.header('Content-Security-Policy', pageCsp());
    c.header('Cache-Control', 'public, max-age=60');
    c.header('Vary', 'Accept-Language');
    return c.html(body);
  };
  // A page address, so a page even for a client that did not ask for HTML first.
  const missing = (c: Context<AppEnv>) => {
    c.header('Content-Security-Policy', pageCsp());
    c.header('Cache-Control', 'no-store');
    return c.html(missingPage(404), 404);
  };
  return new Hono<AppEnv>()
    .get(honoPath(PUBLISHED_DOCS.procedure), async (c) => {
      const tenant = await findTenant(deps.db, c.req.param('slug'));
      if (!tenant) return missing(c);
      const lastYear = Number(amsterdamDate(deps.clock()).slice(0, 4)) - 1;
      const { procedurePage } = await procedurePages();
      return page(c, procedurePage(tenant, tenant.procedure, pageLocale(c), lastYear));
    })
    .get(honoPath(PUBLISHED_DOCS.yearly), async (c) => {
      const tenant = await findTenant(deps.db, c.req.param('slug'));
      const year = Number(c.req.param('year'));
      if (!tenant?.procedure.publish.yearlyReport || !/^\d{4}$/.test(c.req.param('year'))) {
        return missing(c);
      }
      const report = await yearlyReport(deps.db, tenant.id, year, tenant.procedure);
      const { yearlyReportPage } = await reportPages();
      return page(c, yearlyReportPage(tenant, tenant.procedure, report, pageLocale(c)));
    });
}
