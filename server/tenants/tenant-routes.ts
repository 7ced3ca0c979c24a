import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import { tenantCreatedSchema } from '../../shared/api';
import { PRESET_NAMES, presetProcedure } from '../../shared/presets';
import { procedureSchema } from '../../shared/procedure';
import { plainText } from '../../shared/text';
import { staff } from '../db/schema';
import { type AppDeps, clientAddressOf } from '../deps';
import { honoPath, routeDoc } from '../docs/route-doc';
import { requireOperator } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { addressNetwork } from '../http/rate-limit';
import { validate } from '../http/validation';
import { claimAddress } from '../inbound/address-confirmation';
import { checkInboundAddress } from '../inbound/inbound-address';
import { firstAdminSchema, newStaffRow, staffCreatedSchema, staffView } from '../staff/accounts';
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

const TENANT_DOCS = {
  create: routeDoc({
    method: 'post',
    path: '/v1/tenants',
    summary: 'Create a tenant from a preset or a procedure',
    tag: 'Tenants',
    auth: 'operator',
    body: createTenantSchema,
    ok: {
      status: 201,
      description: 'Created; the API key is shown only now',
      // Creating a tenant may also create its first admin (`admin` in the body and the answer).
      schema: tenantCreatedSchema.extend({ admin: staffCreatedSchema.optional() }),
    },
    errors: [401, 409, 422],
  }),
};
export const tenantDocs = Object.values(TENANT_DOCS);

/** `POST /v1/tenants`: the operator creates a tenant from a preset or a full procedure. */
export function tenantRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    honoPath(TENANT_DOCS.create),
    requireOperator(deps),
    jsonBody(BODY_LIMITS.procedure),
    validate('json', TENANT_DOCS.create.body),
    async (c) => {
      const body = c.req.valid('json');
      const procedure = body.preset ? presetProcedure(body.preset) : body.procedure;
      if (!procedure) throw new Error('unreachable: the schema requires a preset or a procedure');
      await checkInboundAddress(deps.db, procedure, null, c.get('locale'));
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
        {
          actor: { kind: 'operator' },
          at: deps.clock().toISOString(),
          network: addressNetwork(clientAddressOf(deps, c)),
        },
      );
      if (!created) throw new ApiError(409, 'slug_taken');
      const { tenant, apiKey } = created;
      await claimAddress(deps.db, tenant.id, procedure, deps.clock());
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
