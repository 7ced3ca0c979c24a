import { Hono } from 'hono';
import type { AppDeps } from '../deps';
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
  staffView,
  updateStaff,
  updateStaffSchema,
} from './accounts';

/**
 * `GET`, `POST …/staff` and `PATCH`, `DELETE …/staff/{id}`: the tenant's staff accounts, for
 * the tenant key or a tenant admin's session (`tenantAccess` refuses other roles).
 */
export function staffRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/:slug/staff/*', tenantAccess(deps, 'required'), jsonBody(BODY_LIMITS.json))
    .get('/:slug/staff', async (c) => {
      const rows = await listStaff(deps.db, c.get('tenant').id);
      return c.json({ items: rows.map(staffView) });
    })
    .post('/:slug/staff', validate('json', createStaffSchema), async (c) => {
      const created = await createStaff(deps.db, c.get('tenant').id, c.req.valid('json'));
      return c.json({ staff: staffView(created.row), password: created.password }, 201);
    })
    .patch('/:slug/staff/:id', validate('json', updateStaffSchema), async (c) => {
      const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id'));
      return c.json(staffView(await updateStaff(deps.db, row, c.req.valid('json'), deps.clock())));
    })
    .delete('/:slug/staff/:id', async (c) => {
      const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id'));
      await deleteStaff(deps.db, row);
      return c.body(null, 204);
    });
}
