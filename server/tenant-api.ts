import { Hono } from 'hono';
import { casefileDocs, casefileRoutes } from './casefile/casefile-routes';
import { complaintDocs, complaintRoutes } from './complaints/complaint-routes';
import type { AppDeps } from './deps';
import type { RouteDoc } from './docs/route-doc';
import type { AppEnv } from './http/context';
import { outboxDocs, outboxRoutes } from './mail/outbox-routes';
import { reportDocs, reportRoutes } from './reports/report-routes';
import { staffDocs, staffRoutes } from './staff/staff-routes';
import { keyDocs } from './tenants/key-route-docs';
import { keyRoutes } from './tenants/key-routes';
import { procedureDocs, procedureRoutes } from './tenants/procedure-routes';
import { tenantDocs, tenantRoutes } from './tenants/tenant-routes';
import { webhookDocs, webhookRoutes } from './webhooks/webhook-routes';

/*
 * The API a tenant's key, its staff and the operator use under /v1/tenants: the register, steps,
 * the case file, reports, accounts, keys, webhooks, the procedure. Loaded on its first request
 * (server/app.ts), so the script every request starts on Workers carries what the public needs
 * (the form, a submission, health) and not this.
 */

const MODULES = [
  tenantRoutes,
  procedureRoutes,
  keyRoutes,
  complaintRoutes,
  casefileRoutes,
  reportRoutes,
  outboxRoutes,
  staffRoutes,
  webhookRoutes,
];

export function tenantApi(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  for (const routes of MODULES) app.route('/', routes(deps));
  return app;
}

/** Its routes' docs, for a runtime that registers them before the code loads (see app.ts). */
export const tenantApiDocs: RouteDoc[] = [
  ...tenantDocs,
  ...procedureDocs,
  ...keyDocs,
  ...complaintDocs,
  ...casefileDocs,
  ...reportDocs,
  ...outboxDocs,
  ...staffDocs,
  ...webhookDocs,
];
