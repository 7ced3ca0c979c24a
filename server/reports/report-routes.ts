import { Hono } from 'hono';
import * as z from 'zod';
import { monthlyReportSchema, yearlyReportSchema } from '../../shared/api';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';
import { anonymisedCsv } from './csv-export';
import { monthlyReport } from './monthly-report';
import { yearlyReport } from './yearly-report';

export const reportQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const exportQuerySchema = reportQuerySchema.extend({
  /** Staff choose to include the handling texts (cause, summary, measures), which may name people. */
  includeText: z.enum(['true', 'false']).default('false'),
});

const REPORT_DOCS = {
  monthly: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/reports/monthly`,
    summary: 'Monthly report by registration month',
    tag: 'Reports',
    auth: 'tenantKey',
    query: reportQuerySchema,
    ok: { status: 200, description: 'Twelve months', schema: monthlyReportSchema },
    errors: [401, 404, 422],
  }),
  yearly: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/reports/yearly`,
    summary: 'Yearly complaint report (Awb 9:12a): counts only, no personal data',
    tag: 'Reports',
    auth: 'tenantKey',
    query: reportQuerySchema,
    ok: { status: 200, description: 'The year in figures', schema: yearlyReportSchema },
    errors: [401, 404, 422],
  }),
  csv: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/reports/complaints.csv`,
    summary: 'Anonymised export for team meetings',
    tag: 'Reports',
    auth: 'tenantKey',
    query: exportQuerySchema,
    ok: { status: 200, description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' },
    errors: [401, 404, 422],
  }),
};
export const reportDocs = Object.values(REPORT_DOCS);

/** `GET …/reports/monthly`, `…/reports/yearly` and the anonymised CSV export. */
export function reportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/v1/tenants/:slug/reports/*', tenantAccess(deps, 'required'))
    .get(honoPath(REPORT_DOCS.monthly), validate('query', REPORT_DOCS.monthly.query), async (c) => {
      const { year } = c.req.valid('query');
      return c.json(await monthlyReport(deps.db, c.get('tenant').id, year, deps.clock()));
    })
    .get(honoPath(REPORT_DOCS.yearly), validate('query', REPORT_DOCS.yearly.query), async (c) => {
      const { year } = c.req.valid('query');
      const tenant = c.get('tenant');
      return c.json(await yearlyReport(deps.db, tenant.id, year, tenant.procedure));
    })
    .get(honoPath(REPORT_DOCS.csv), validate('query', REPORT_DOCS.csv.query), async (c) => {
      const { year, includeText } = c.req.valid('query');
      const tenant = c.get('tenant');
      const csv = await anonymisedCsv(
        deps.db,
        tenant.id,
        tenant.procedure,
        year,
        includeText === 'true',
      );
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="klachten-${tenant.slug}-${year}.csv"`);
      return c.body(csv);
    });
}
