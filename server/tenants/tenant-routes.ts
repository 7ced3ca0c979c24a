import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { PRESET_NAMES, presetProcedure } from '../../shared/presets';
import { procedureSchema } from '../../shared/procedure';
import { plainText } from '../../shared/text';
import { staff } from '../db/schema';
import type { AppDeps } from '../deps';
import { requireOperator } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { validate } from '../http/validation';
import { firstAdminSchema, newStaffRow, staffView } from '../staff/accounts';
import { createTenant } from './tenants';

const tenantBase = {
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  name: plainText(200),
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
    jsonBody(BODY_LIMITS.procedure),
    validate('json', createTenantSchema),
    async (c) => {
      const body = c.req.valid('json');
      const procedure = body.preset ? presetProcedure(body.preset) : body.procedure;
      if (!procedure) throw new Error('unreachable: the schema requires a preset or a procedure');
      let admin: { values: typeof staff.$inferInsert; password?: string } | undefined;
      const created = await createTenant(
        deps.db,
        { slug: body.slug, name: body.name, procedure },
        body.admin
          ? async (tenantId) => {
              admin = await newStaffRow(tenantId, { ...body.admin, role: 'admin' } as never);
              return admin.values;
            }
          : undefined,
      );
      if (!created) throw new ApiError(409, 'slug_taken');
      const { tenant, apiKey } = created;
      const adminRow = admin
        ? await deps.db.query.staff.findFirst({ where: eq(staff.id, admin.values.id as string) })
        : undefined;
      return c.json(
        {
          tenant: { slug: tenant.slug, name: tenant.name, createdAt: tenant.createdAt, procedure },
          apiKey,
          ...(admin && adminRow
            ? { admin: { staff: staffView(adminRow), password: admin.password } }
            : {}),
        },
        201,
      );
    },
  );
}
