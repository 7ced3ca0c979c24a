import * as z from 'zod';
import { plainText } from '../../shared/text';
import { routeDoc } from '../docs/route-doc';

/*
 * The complainant's routes apart from their handlers: the app registers them up front and loads
 * the tracking code on its first request (the Worker's script every request starts does without).
 */

export const appealBodySchema = z.strictObject({ grounds: plainText(10_000) });
export const satisfactionBodySchema = z.strictObject({
  satisfied: z.boolean(),
  comment: plainText(2_000, 0).optional(),
});

/** Look-ups and steps through tracking links per client address. */
export const TRACK_LIMIT = { max: 60, windowSeconds: 600 };

export const TRACK_DOCS = {
  view: routeDoc({
    method: 'get',
    path: '/v1/track/{token}',
    summary: "The complainant's view: status, public timeline, due dates, proposed solution",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'What the link holder may see' },
    errors: [404, 429],
  }),
  step: routeDoc({
    method: 'post',
    path: '/v1/track/{token}/{step}',
    summary:
      'A step by the complainant: accept, appeal ({ grounds }), satisfaction ({ satisfied, comment? }) or erasure',
    tag: 'Tracking',
    auth: 'public',
    body: z.union([appealBodySchema, satisfactionBodySchema, z.strictObject({})]),
    idempotent: true,
    ok: { status: 200, description: 'The updated view (201 for an appeal, 202 for erasure)' },
    errors: [404, 409, 422, 429],
  }),
  page: routeDoc({
    method: 'get',
    path: '/track/{token}',
    summary: 'The tracking page (HTML, works without JavaScript)',
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [404, 429],
  }),
  pageStep: routeDoc({
    method: 'post',
    path: '/track/{token}/{step}',
    summary: "The tracking page's forms (post/redirect/get)",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 303, description: 'Back to the page' },
    errors: [404, 409, 422, 429],
  }),
  css: routeDoc({
    method: 'get',
    path: '/track.css',
    summary: "The tracking page's style sheet",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'CSS', contentType: 'text/css' },
    errors: [],
  }),
};
export const trackDocs = Object.values(TRACK_DOCS);
