import { Hono } from 'hono';
import { z } from 'zod';
import { PRESET_NAMES, presetProcedure } from '../../shared/presets';
import { procedureSchema } from '../../shared/procedure';
import { requireOperator } from '../auth';
import type { AppEnv } from '../context';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { createStaff, firstAdminSchema, staffView } from '../staff/accounts';
import { createTenant } from '../tenants';
import { validate } from '../validation';

const tenantBase = {
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  name: z.string().trim().min(1).max(200),
};

export const createTenantSchema = z
  .strictObject({
    ...tenantBase,
    preset: z.enum(PRESET_NAMES).optional(),
    procedure: procedureSchema.optional(),
    /** The tenant's first admin for the admin view; without a password one is generated. */
    admin: firstAdminSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.preset === undefined) === (body.procedure === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['preset'],
        message: 'Give either a preset or a procedure',
      });
    }
  });

/** `POST /v1/tenants`: the operator creates a tenant from a preset or a full procedure. */
export function tenantRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/',
    requireOperator(deps),
    validate('json', createTenantSchema),
    async (c) => {
      const body = c.req.valid('json');
      const procedure = body.preset ? presetProcedure(body.preset) : body.procedure;
      if (!procedure) throw new Error('unreachable: the schema requires a preset or a procedure');
      const created = await createTenant(deps.db, { slug: body.slug, name: body.name, procedure });
      if (!created) throw new ApiError(409, 'slug_taken');
      const { tenant, apiKey } = created;
      // After the tenant (createTenant's batch is not ours to extend); the body was validated,
      // so only an outage can fail here, and then the admin can still be added with the key.
      const admin = body.admin
        ? await createStaff(deps.db, tenant.id, { ...body.admin, role: 'admin' })
        : undefined;
      return c.json(
        {
          tenant: { slug: tenant.slug, name: tenant.name, createdAt: tenant.createdAt, procedure },
          apiKey,
          ...(admin ? { admin: { staff: staffView(admin.row), password: admin.password } } : {}),
        },
        201,
      );
    },
  );
}
