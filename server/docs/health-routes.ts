import { Hono } from 'hono';
import * as z from 'zod';
import {
  amsterdamDate,
  calendarHorizonWarning,
  DECREE_DAYS_KNOWN_THROUGH,
} from '../../shared/deadlines';
import type { AppEnv } from '../http/context';
import { honoPath, routeDoc } from './route-doc';

export const HOME_DOC = routeDoc({
  method: 'get',
  path: '/',
  summary: "The front door: to the admin view's sign-in (the Node entry shows its demo site)",
  tag: 'Operations',
  auth: 'public',
  ok: { status: 302, description: 'Redirect to /admin', contentType: 'text/html' },
  errors: [],
});

export const HEALTH_DOC = routeDoc({
  method: 'get',
  path: '/health',
  summary: 'Liveness check, and whether the working-day calendar still covers next year',
  tag: 'Operations',
  auth: 'public',
  ok: {
    status: 200,
    description: 'Up',
    schema: z.object({
      ok: z.literal(true),
      calendar: z.object({
        decreeDaysKnownThrough: z.number(),
        warning: z.string().optional(),
      }),
    }),
  },
  errors: [],
});

/** `GET /` (to the admin view; the Node entry's demo site answers it first) and `GET /health`. */
export function healthRoutes(clock: () => Date) {
  return new Hono<AppEnv>()
    .get(honoPath(HOME_DOC), (c) => c.redirect('/admin', 302))
    .get(honoPath(HEALTH_DOC), (c) => {
      const warning = calendarHorizonWarning(amsterdamDate(clock()));
      return c.json({
        ok: true as const,
        calendar: {
          decreeDaysKnownThrough: DECREE_DAYS_KNOWN_THROUGH,
          ...(warning ? { warning: warning.en } : {}),
        },
      });
    });
}
