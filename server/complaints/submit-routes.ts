import { Hono } from 'hono';
import { submitResponseSchema } from '../../shared/api';
import { complaintSubmissionSchema } from '../../shared/complaint';
import { procedureSchema } from '../../shared/procedure';
import { type AppDeps, clientAddressOf } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import type { AppEnv } from '../http/context';
import { tenantCors } from '../http/cors';
import {
  fileAllowance,
  gatePublicSubmission,
  limitSubmission,
  readSubmission,
  refuseForeignOrigin,
} from './intake';
import { submitComplaint } from './submit';

// Every field a procedure may ask for, so the documented body shows them all; the handler
// validates against the tenant's own procedure.
const documentedSubmission = complaintSubmissionSchema(
  procedureSchema.parse({
    terms: {
      t: {
        amount: 1,
        unit: 'workingDays',
        from: 'received',
        metBy: 'acknowledged',
        label: { nl: 't', en: 't' },
      },
    },
    retention: { years: 1 },
    categories: [{ id: 'example', label: { nl: 'Voorbeeld', en: 'Example' } }],
    form: { onBehalfOf: { offered: true }, category: 'optional', desiredSolution: 'optional' },
  }),
  true,
);

const SUBMIT_DOCS = {
  submit: routeDoc({
    method: 'post',
    path: `${TENANT_PATH}/complaints`,
    summary: 'Submit or register a complaint',
    tag: 'Complaints',
    auth: 'publicOrTenantKey',
    body: documentedSubmission,
    bodyAsOutput: true,
    multipart: 'complaint',
    idempotent: true,
    ok: { status: 201, description: 'Registered and durable', schema: submitResponseSchema },
    errors: [400, 401, 404, 413, 422, 429],
  }),
};
export const submitDocs = Object.values(SUBMIT_DOCS);

/**
 * `POST …/complaints`: public (the widget on the tenant's site), or a key or staff registering
 * a complaint of any channel. Apart from the rest of the register's routes, which load on first
 * use: a submission is what every request the service serves most must start quickly.
 */
export function submitRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const cors = tenantCors(deps);
  app.use(honoPath(SUBMIT_DOCS.submit), (c, next) =>
    c.req.method === 'GET' ? next() : cors(c, next),
  );
  app.post(
    honoPath(SUBMIT_DOCS.submit),
    tenantAccess(deps, 'optional'),
    refuseForeignOrigin(deps),
    gatePublicSubmission(deps),
    limitSubmission(),
    async (c) => {
      const asStaff = c.get('actor').kind !== 'public';
      const { body, files } = await readSubmission(
        c,
        'complaint',
        fileAllowance(c.get('tenant').procedure, asStaff),
      );
      const response = await submitComplaint(deps, {
        tenant: c.get('tenant'),
        actor: c.get('actor'),
        body,
        files,
        idempotencyKey: c.req.header('Idempotency-Key') ?? null,
        locale: c.get('locale'),
        clientAddress: clientAddressOf(deps, c),
      });
      return c.json(response, 201);
    },
  );

  return app;
}
