import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { requeueFailed } from './relay';

const OUTBOX_DOCS = {
  retry: routeDoc({
    method: 'post',
    path: `${TENANT_PATH}/outbox/retry`,
    summary: 'Send failed messages again (after fixing their cause)',
    tag: 'Register',
    auth: 'tenantKey',
    ok: {
      status: 200,
      description: 'How many were put back in line',
      schema: z.object({ requeued: z.number() }),
    },
    errors: [401, 404],
  }),
};
export const outboxDocs = Object.values(OUTBOX_DOCS);

/** `POST /v1/tenants/{slug}/outbox/retry`: send failed messages again once the cause is fixed. */
export function outboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    honoPath(OUTBOX_DOCS.retry),
    tenantAccess(deps, 'required'),
    jsonBody(BODY_LIMITS.json),
    async (c) => c.json({ requeued: await requeueFailed(deps.db, c.get('tenant').id) }),
  );
}
