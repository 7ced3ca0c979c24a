import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';
import {
  createStaff,
  createStaffSchema,
  deleteStaff,
  findStaff,
  listStaff,
  staffCreatedSchema,
  staffView,
  staffViewSchema,
  updateStaff,
  updateStaffSchema,
} from './accounts';

const STAFF_PATH = `${TENANT_PATH}/staff`;

const STAFF_DOCS = {
  list: routeDoc({
    method: 'get',
    path: STAFF_PATH,
    summary: 'Staff accounts of the tenant',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    ok: {
      status: 200,
      description: 'Every account',
      schema: z.object({ items: z.array(staffViewSchema) }),
    },
    errors: [401, 403, 404],
  }),
  create: routeDoc({
    method: 'post',
    path: STAFF_PATH,
    summary: 'Add a staff account (receiver, handler, appealBody or admin)',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    body: createStaffSchema,
    ok: {
      status: 201,
      description: 'Created; a generated password is shown only now',
      schema: staffCreatedSchema,
    },
    errors: [401, 403, 404, 409, 422],
  }),
  update: routeDoc({
    method: 'patch',
    path: `${STAFF_PATH}/{id}`,
    summary: 'Change, disable or re-enable a staff account, or set its password',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    body: updateStaffSchema,
    ok: { status: 200, description: 'The account', schema: staffViewSchema },
    errors: [401, 403, 404, 409, 422],
  }),
  remove: routeDoc({
    method: 'delete',
    path: `${STAFF_PATH}/{id}`,
    summary: 'Delete a staff account and end its sessions',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    ok: { status: 204, description: 'Deleted' },
    errors: [401, 403, 404, 409],
  }),
};
export const staffDocs = Object.values(STAFF_DOCS);

/**
 * `GET`, `POST …/staff` and `PATCH`, `DELETE …/staff/{id}`: the tenant's staff accounts, for
 * the tenant key or a tenant admin's session (`tenantAccess` refuses other roles).
 */
export function staffRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(
      `${honoPath(STAFF_DOCS.list)}/*`,
      tenantAccess(deps, 'required'),
      jsonBody(BODY_LIMITS.json),
    )
    .get(honoPath(STAFF_DOCS.list), async (c) => {
      const rows = await listStaff(deps.db, c.get('tenant').id);
      return c.json({ items: rows.map(staffView) });
    })
    .post(honoPath(STAFF_DOCS.create), validate('json', STAFF_DOCS.create.body), async (c) => {
      const created = await createStaff(deps.db, c.get('tenant').id, c.req.valid('json'));
      return c.json({ staff: staffView(created.row), password: created.password }, 201);
    })
    .patch(honoPath(STAFF_DOCS.update), validate('json', STAFF_DOCS.update.body), async (c) => {
      const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id'));
      return c.json(staffView(await updateStaff(deps.db, row, c.req.valid('json'), deps.clock())));
    })
    .delete(honoPath(STAFF_DOCS.remove), async (c) => {
      const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id'));
      await deleteStaff(deps.db, row);
      return c.body(null, 204);
    });
}
