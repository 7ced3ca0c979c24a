import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { procedureSchema } from '../../shared/procedure';
import { tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';

/** `GET|PUT /v1/tenants/{slug}/procedure` with the tenant's key. */
export function procedureRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/:slug/procedure', tenantAccess(deps, 'required'))
    .get('/:slug/procedure', (c) => c.json(c.get('tenant').procedure))
    .put(
      '/:slug/procedure',
      jsonBody(BODY_LIMITS.procedure),
      validate('json', procedureSchema),
      async (c) => {
        const procedure = c.req.valid('json');
        await deps.db
          .update(tenants)
          .set({ procedure })
          .where(eq(tenants.id, c.get('tenant').id));
        return c.json(procedure);
      },
    );
}
