import { Hono } from 'hono';
import * as z from 'zod';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { limitBody, mediaTypeOf, unsupportedMediaType } from '../http/body';
import type { AppEnv } from '../http/context';
import { MAX_MAIL_BYTES } from './limits';
import { QUARANTINE_REASONS } from './quarantine';
import { receiveMail } from './receive-mail';

const mailOutcomeSchema = z.object({
  outcome: z.enum(['complaint', 'reply', 'setAside', 'addressConfirmed']),
  number: z.string().optional().describe('The complaint registered or joined'),
  id: z.string().optional().describe('The set-aside message, for staff'),
  reason: z.enum(QUARANTINE_REASONS).optional(),
});

const INBOUND_DOCS = {
  receive: routeDoc({
    method: 'post',
    path: `${TENANT_PATH}/inbound-mail`,
    summary:
      "E-mail intake: one message to the tenant's complaint address (for any inbound-mail " +
      'provider; on Workers, Cloudflare Email Routing calls the same intake)',
    tag: 'E-mail',
    auth: 'tenantKey',
    rawBody: {
      contentType: 'message/rfc822',
      description: 'The whole message as received (RFC 5322, MIME), at most 25 MB',
    },
    ok: { status: 201, description: 'A new complaint (channel e-mail)', schema: mailOutcomeSchema },
    alsoOk: [
      {
        status: 200,
        description:
          'A reply that joined the complaint its reference names, or the confirmation message ' +
          "that proves the tenant's complaint address (outcome addressConfirmed)",
      },
      { status: 202, description: 'Kept whole for staff: it could not be taken in' },
    ],
    errors: [401, 403, 404, 413, 415, 429],
  }),
};
export const inboundDocs = Object.values(INBOUND_DOCS);

const STATUS = { complaint: 201, reply: 200, setAside: 202, addressConfirmed: 200 } as const;

/**
 * `POST /v1/tenants/{slug}/inbound-mail` (the Node entry): the raw message as
 * `message/rfc822`, with the tenant's key, so self-hosters can connect any inbound-mail
 * provider. A 2xx means the message is stored (as a complaint, a reply or set aside): the
 * provider may forget it. A retried delivery of the same message changes nothing more.
 */
export function inboundRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    honoPath(INBOUND_DOCS.receive),
    tenantAccess(deps, 'required'),
    async (c, next) => {
      if (mediaTypeOf(c) !== 'message/rfc822') {
        throw unsupportedMediaType(c, 'message/rfc822');
      }
      await next();
    },
    limitBody(MAX_MAIL_BYTES),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const result = await receiveMail(deps, c.get('tenant'), raw);
      return c.json(result, STATUS[result.outcome]);
    },
  );
}
