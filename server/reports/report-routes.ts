import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { tenantAccess } from '../http/auth';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';
import { anonymisedCsv, monthlyReport } from './monthly-report';

export const reportQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const exportQuerySchema = reportQuerySchema.extend({
  /** Staff choose to include the handling texts (cause, summary, measures), which may name people. */
  includeText: z.enum(['true', 'false']).default('false'),
});

/** `GET …/reports/monthly` and the anonymised CSV export. */
export function reportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/:slug/reports/*', tenantAccess(deps, 'required'))
    .get('/:slug/reports/monthly', validate('query', reportQuerySchema), async (c) => {
      const { year } = c.req.valid('query');
      return c.json(await monthlyReport(deps.db, c.get('tenant').id, year, deps.clock()));
    })
    .get('/:slug/reports/complaints.csv', validate('query', exportQuerySchema), async (c) => {
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
