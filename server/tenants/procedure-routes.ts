import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { procedureSchema } from '../../shared/procedure';
import { tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';
import { claimAddress } from '../inbound/address-confirmation';
import { checkInboundAddress } from '../inbound/inbound-address';

const PROCEDURE_DOCS = {
  read: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/procedure`,
    summary: "The tenant's procedure",
    tag: 'Tenants',
    auth: 'tenantKey',
    ok: { status: 200, description: 'The procedure', schema: procedureSchema },
    errors: [401, 404],
  }),
  replace: routeDoc({
    method: 'put',
    path: `${TENANT_PATH}/procedure`,
    summary: 'Replace the procedure',
    tag: 'Tenants',
    auth: 'tenantKey',
    body: procedureSchema,
    ok: { status: 200, description: 'The stored procedure', schema: procedureSchema },
    errors: [401, 404, 422],
  }),
};
export const procedureDocs = Object.values(PROCEDURE_DOCS);

/** `GET|PUT /v1/tenants/{slug}/procedure` with the tenant's key. */
export function procedureRoutes(deps: AppDeps) {
  const path = honoPath(PROCEDURE_DOCS.read);
  return new Hono<AppEnv>()
    .use(path, tenantAccess(deps, 'required'))
    .get(path, (c) => c.json(c.get('tenant').procedure))
    .put(
      honoPath(PROCEDURE_DOCS.replace),
      jsonBody(BODY_LIMITS.procedure),
      validate('json', PROCEDURE_DOCS.replace.body),
      async (c) => {
        const procedure = c.req.valid('json');
        await checkInboundAddress(deps.db, procedure, c.get('tenant').id, c.get('locale'));
        await deps.db
          .update(tenants)
          .set({ procedure, procedureVersion: sql`${tenants.procedureVersion} + 1` })
          .where(eq(tenants.id, c.get('tenant').id));
        await claimAddress(deps.db, c.get('tenant').id, procedure, deps.clock());
        return c.json(procedure);
      },
    );
}
