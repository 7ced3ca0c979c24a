import { and, eq, sql } from 'drizzle-orm';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { Locale } from '../../shared/localised';
import { type Procedure, procedureSchema } from '../../shared/procedure';
import { tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody, readJson } from '../http/body';
import type { AppEnv, TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import { parseOr422, validate } from '../http/validation';
import { claimAddress } from '../inbound/address-confirmation';
import { checkInboundAddress } from '../inbound/inbound-address';
import { applyMergePatch } from './merge-patch';
import { findTenant } from './tenants';

/**
 * How often a merge patch is applied again when another change of the procedure came in between
 * its read and its write; each try reads the procedure afresh, so only a steady stream of other
 * changes to the same tenant ever exhausts them.
 */
const PATCH_ATTEMPTS = 5;

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
  patch: routeDoc({
    method: 'patch',
    path: `${TENANT_PATH}/procedure`,
    summary: 'Change part of the procedure (JSON Merge Patch, RFC 7396)',
    tag: 'Tenants',
    auth: 'tenantKey',
    rawBody: {
      contentType: 'application/merge-patch+json',
      description:
        'The members to change: an object merges into the procedure member by member, `null` ' +
        'removes a member, and an array or a value replaces it whole (to add an origin, send ' +
        'the whole `allowedOrigins` list). The result is checked as PUT checks a procedure. ' +
        '`application/json` is taken as the same.',
    },
    ok: { status: 200, description: 'The stored procedure', schema: procedureSchema },
    errors: [400, 401, 404, 409, 413, 415, 422],
  }),
};
export const procedureDocs = Object.values(PROCEDURE_DOCS);

/**
 * Stores a checked procedure and raises its version, unless `ifVersion` is given and the stored
 * one has moved on since (then false, nothing written). A complaint address it names is claimed.
 */
async function saveProcedure(
  deps: AppDeps,
  tenant: TenantRecord,
  procedure: Procedure,
  locale: Locale,
  ifVersion?: number,
): Promise<boolean> {
  await checkInboundAddress(deps.db, procedure, tenant.id, locale);
  const updated = await deps.db
    .update(tenants)
    .set({ procedure, procedureVersion: sql`${tenants.procedureVersion} + 1` })
    .where(
      and(
        eq(tenants.id, tenant.id),
        ifVersion === undefined ? undefined : eq(tenants.procedureVersion, ifVersion),
      ),
    )
    .returning({ id: tenants.id });
  if (updated.length === 0) return false;
  await claimAddress(deps.db, tenant.id, procedure, deps.clock());
  return true;
}

/** RFC 7396's media type; plain JSON is taken too, as most clients send it. */
const mergePatchOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/merge-patch+json' && type !== 'application/json') {
    throw new ApiError(415, 'merge_patch_only');
  }
  await next();
};

/**
 * Applies the request's merge patch to the stored procedure. Two patches at once each read the
 * same version; the write is conditional on it, so the later one reads again and applies itself
 * to the earlier one's result instead of overwriting it.
 */
async function patchProcedure(deps: AppDeps, c: Context<AppEnv>): Promise<Procedure> {
  const patch = await readJson(c);
  let tenant: TenantRecord | null = c.get('tenant');
  for (let attempt = 1; tenant; attempt++) {
    const procedure = await parseOr422(
      procedureSchema,
      applyMergePatch(tenant.procedure, patch),
      c,
    );
    if (await saveProcedure(deps, tenant, procedure, c.get('locale'), tenant.version)) {
      return procedure;
    }
    if (attempt === PATCH_ATTEMPTS) break;
    tenant = await findTenant(deps.db, tenant.slug);
  }
  throw new ApiError(409, 'procedure_changed');
}

/** `GET|PUT|PATCH /v1/tenants/{slug}/procedure` with the tenant's key. */
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
        await saveProcedure(deps, c.get('tenant'), procedure, c.get('locale'));
        return c.json(procedure);
      },
    )
    .patch(
      honoPath(PROCEDURE_DOCS.patch),
      mergePatchOnly,
      jsonBody(BODY_LIMITS.procedure),
      async (c) => c.json(await patchProcedure(deps, c)),
    );
}
