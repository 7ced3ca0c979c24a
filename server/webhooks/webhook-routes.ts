import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { validate } from '../http/validation';
import {
  createEndpoint,
  createEndpointSchema,
  deleteEndpoint,
  deliveryLog,
  deliveryView,
  deliveryViewSchema,
  endpointView,
  endpointViewSchema,
  findEndpoint,
  listEndpoints,
  resendDelivery,
} from './endpoints';

const WEBHOOKS_PATH = `${TENANT_PATH}/webhooks`;

const WEBHOOK_DOCS = {
  list: routeDoc({
    method: 'get',
    path: WEBHOOKS_PATH,
    summary: "The tenant's webhook endpoints",
    tag: 'Webhooks',
    auth: 'tenantKeyOrAdmin',
    ok: {
      status: 200,
      description: 'Every endpoint (never its secret)',
      schema: z.object({ items: z.array(endpointViewSchema) }),
    },
    errors: [401, 403, 404],
  }),
  create: routeDoc({
    method: 'post',
    path: WEBHOOKS_PATH,
    summary: 'Register an endpoint for events (signed per Standard Webhooks)',
    tag: 'Webhooks',
    auth: 'tenantKeyOrAdmin',
    body: createEndpointSchema,
    ok: {
      status: 201,
      description: 'Registered; the signing secret (whsec_…) is shown only now',
      schema: z.object({ endpoint: endpointViewSchema, secret: z.string() }),
    },
    errors: [401, 403, 404, 409, 422],
  }),
  remove: routeDoc({
    method: 'delete',
    path: `${WEBHOOKS_PATH}/{id}`,
    summary: 'Remove an endpoint with its queue and delivery log',
    tag: 'Webhooks',
    auth: 'tenantKeyOrAdmin',
    ok: { status: 204, description: 'Removed' },
    errors: [401, 403, 404],
  }),
  deliveries: routeDoc({
    method: 'get',
    path: `${WEBHOOKS_PATH}/{id}/deliveries`,
    summary: "An endpoint's delivery log, newest first",
    tag: 'Webhooks',
    auth: 'tenantKeyOrAdmin',
    ok: {
      status: 200,
      description: 'The latest deliveries with their status, attempts and last answer',
      schema: z.object({ items: z.array(deliveryViewSchema) }),
    },
    errors: [401, 403, 404],
  }),
  resend: routeDoc({
    method: 'post',
    path: `${WEBHOOKS_PATH}/{id}/deliveries/{deliveryId}/resend`,
    summary: 'Send a delivery again, from its first attempt (same webhook-id)',
    tag: 'Webhooks',
    auth: 'tenantKeyOrAdmin',
    ok: { status: 200, description: 'Back in line', schema: deliveryViewSchema },
    errors: [401, 403, 404],
  }),
};
export const webhookDocs = Object.values(WEBHOOK_DOCS);

/**
 * `…/webhooks`: endpoints, their delivery logs and the re-send, for the tenant key or a tenant
 * admin's session (`mayCallApi` keeps other roles out, reading included).
 */
export function webhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(
      `${honoPath(WEBHOOK_DOCS.list)}/*`,
      tenantAccess(deps, 'required'),
      jsonBody(BODY_LIMITS.json),
    )
    .get(honoPath(WEBHOOK_DOCS.list), async (c) => {
      const rows = await listEndpoints(deps.db, c.get('tenant').id);
      return c.json({ items: rows.map(endpointView) });
    })
    .post(honoPath(WEBHOOK_DOCS.create), validate('json', WEBHOOK_DOCS.create.body), async (c) => {
      const created = await createEndpoint(
        deps.db,
        deps.config,
        c.get('tenant').id,
        c.req.valid('json'),
        c.get('locale'),
      );
      return c.json(created, 201);
    })
    .delete(honoPath(WEBHOOK_DOCS.remove), async (c) => {
      await deleteEndpoint(
        deps.db,
        await findEndpoint(deps.db, c.get('tenant').id, c.req.param('id')),
      );
      return c.body(null, 204);
    })
    .get(honoPath(WEBHOOK_DOCS.deliveries), async (c) => {
      const endpoint = await findEndpoint(deps.db, c.get('tenant').id, c.req.param('id'));
      return c.json({ items: (await deliveryLog(deps.db, endpoint.id)).map(deliveryView) });
    })
    .post(honoPath(WEBHOOK_DOCS.resend), async (c) => {
      const endpoint = await findEndpoint(deps.db, c.get('tenant').id, c.req.param('id'));
      const row = await resendDelivery(
        deps.db,
        { tenantId: endpoint.tenantId, endpointId: endpoint.id },
        c.req.param('deliveryId'),
        deps.clock(),
      );
      return c.json(deliveryView(row));
    });
}
