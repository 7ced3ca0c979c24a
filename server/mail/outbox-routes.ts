import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { requeueFailed } from './relay';

/** `POST /v1/tenants/{slug}/outbox/retry`: send failed messages again once the cause is fixed. */
export function outboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:slug/outbox/retry',
    tenantAccess(deps, 'required'),
    jsonBody(BODY_LIMITS.json),
    async (c) => c.json({ requeued: await requeueFailed(deps.db, c.get('tenant').id) }),
  );
}
