import { Hono } from 'hono';
import { tenantAccess } from '../auth';
import type { AppEnv } from '../context';
import type { AppDeps } from '../deps';
import { BODY_LIMITS, jsonBody } from '../http/body';
import { requeueFailed } from '../mail/relay';

/** `POST /v1/tenants/{slug}/outbox/retry`: send failed messages again once the cause is fixed. */
export function outboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:slug/outbox/retry',
    tenantAccess(deps, 'required'),
    jsonBody(BODY_LIMITS.json),
    async (c) => c.json({ requeued: await requeueFailed(deps.db, c.get('tenant').id) }),
  );
}
