import { type Context, Hono } from 'hono';
import { amsterdamDate } from '../../shared/deadlines';
import { LOCALES, type Locale } from '../../shared/localised';
import type { AppDeps } from '../deps';
import { honoPath } from '../docs/route-doc';
import type { AppEnv } from '../http/context';
import { missingPage } from '../http/not-found-page';
import { pageCsp } from '../http/security-headers';
import { yearlyReport } from '../reports/yearly-report';
import { findTenant } from '../tenants/tenants';
import { procedurePage } from './procedure-page';
import { PUBLISHED_DOCS } from './published-docs';
import { yearlyReportPage } from './yearly-report-page';

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
      return page(c, procedurePage(tenant, tenant.procedure, pageLocale(c), lastYear));
    })
    .get(honoPath(PUBLISHED_DOCS.yearly), async (c) => {
      const tenant = await findTenant(deps.db, c.req.param('slug'));
      const year = Number(c.req.param('year'));
      if (!tenant?.procedure.publish.yearlyReport || !/^\d{4}$/.test(c.req.param('year'))) {
        return missing(c);
      }
      const report = await yearlyReport(deps.db, tenant.id, year, tenant.procedure);
      return page(c, yearlyReportPage(tenant, tenant.procedure, report, pageLocale(c)));
    });
}
