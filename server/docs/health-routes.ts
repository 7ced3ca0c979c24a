import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../http/context';
import { honoPath, routeDoc } from './route-doc';

export const HEALTH_DOC = routeDoc({
  method: 'get',
  path: '/health',
  summary: 'Liveness check',
  tag: 'Operations',
  auth: 'public',
  ok: { status: 200, description: 'Up', schema: z.object({ ok: z.literal(true) }) },
  errors: [],
});

/** `GET /health`: the service answers. */
export function healthRoutes() {
  return new Hono<AppEnv>().get(honoPath(HEALTH_DOC), (c) => c.json({ ok: true as const }));
}
