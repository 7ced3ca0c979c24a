import type { Context } from 'hono';
import { Hono } from 'hono';
import { type AppDeps, clientAddressOf } from '../deps';
import { honoPath } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { addressNetwork } from '../http/rate-limit';
import { validate } from '../http/validation';
import { createKey, keyView, listKeys, revokeKey } from './api-keys';
import type { KeyAudit } from './key-events';
import { KEY_DOCS } from './key-route-docs';

/** Who is acting, when, and from which network: kept with every key created or revoked. */
function auditOf(deps: AppDeps, c: Context<AppEnv>): KeyAudit {
  return {
    actor: c.get('actor'),
    at: deps.clock().toISOString(),
    network: addressNetwork(clientAddressOf(deps, c)),
  };
}

/**
 * `…/keys`: key rotation for the tenant key or a tenant admin's session (`mayCallApi` keeps
 * other roles out, reading included). The operator's `POST /v1/tenants` makes the first key.
 */
export function keyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(`${honoPath(KEY_DOCS.list)}/*`, tenantAccess(deps, 'required'), jsonBody(BODY_LIMITS.json))
    .get(honoPath(KEY_DOCS.list), async (c) => {
      const rows = await listKeys(deps.db, c.get('tenant').id);
      return c.json({ items: rows.map(keyView) });
    })
    .post(honoPath(KEY_DOCS.create), validate('json', KEY_DOCS.create.body), async (c) => {
      const label = c.req.valid('json').label ?? 'created through the API';
      const created = await createKey(deps.db, c.get('tenant').id, label, auditOf(deps, c));
      return c.json({ key: keyView(created.row), apiKey: created.key }, 201);
    })
    .delete(honoPath(KEY_DOCS.revoke), async (c) => {
      await revokeKey(deps.db, c.get('tenant').id, c.req.param('id'), auditOf(deps, c));
      return c.body(null, 204);
    });
}
