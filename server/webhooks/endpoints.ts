import { and, count, desc, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Locale } from '../../shared/localised';
import { plainText } from '../../shared/text';
import { randomToken } from '../crypto';
import type { Db } from '../db/client';
import { webhookDeliveries, webhookEndpoints } from '../db/schema';
import type { AppConfig } from '../deps';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { WEBHOOK_EVENTS } from './events';
import { newSigningSecret, sealSecret } from './signing';
import { checkWebhookUrl } from './url-check';

/** Endpoints a tenant may register. */
export const MAX_WEBHOOK_ENDPOINTS = 10;
/** Deliveries the log shows per endpoint, newest first. */
export const DELIVERY_LOG_SIZE = 50;

export const createEndpointSchema = z.strictObject({
  /** A public https URL (http and local addresses only with WEBHOOKS_ALLOW_LOCAL). */
  url: z.string().max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  /** Payloads carry the complainant's details and the steps' free texts: off unless asked. */
  includePersonalData: z.boolean().default(false),
  description: plainText(200).optional(),
});

export const endpointViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  includePersonalData: z.boolean(),
  description: z.string().nullable(),
  createdAt: z.string(),
});

export const deliveryViewSchema = z.object({
  id: z.string(),
  type: z.enum(WEBHOOK_EVENTS),
  status: z.enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function endpointView(row: EndpointRow): z.infer<typeof endpointViewSchema> {
  return {
    id: row.id,
    url: row.url,
    events: row.events as z.infer<typeof endpointViewSchema>['events'],
    includePersonalData: row.includePersonalData,
    description: row.description,
    createdAt: row.createdAt,
  };
}

/**
 * Registers an endpoint and returns it with its signing secret, which is shown only now (it is
 * kept sealed, see the table). The URL must be a public https URL unless the service allows
 * local targets (development).
 */
export async function createEndpoint(
  db: Db,
  config: AppConfig,
  tenantId: string,
  input: z.infer<typeof createEndpointSchema>,
  locale: Locale,
) {
  const check = checkWebhookUrl(input.url, config.allowLocalWebhooks);
  if (!check.ok) {
    const message = check.reason === 'not port 443' ? 'webhookPort' : 'webhookUrl';
    throw new ApiError(422, 'validation_failed', { url: fieldMessage(message, locale) });
  }
  const [existing] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId));
  if ((existing?.n ?? 0) >= MAX_WEBHOOK_ENDPOINTS) throw new ApiError(409, 'too_many_endpoints');
  const id = `ep_${randomToken(12)}`;
  const secret = newSigningSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      tenantId,
      url: check.url.href,
      events: [...new Set(input.events)],
      includePersonalData: input.includePersonalData,
      description: input.description ?? null,
      secretSealed: sealSecret(secret, config.secretKey, id),
    })
    .returning();
  return { endpoint: endpointView(row as EndpointRow), secret };
}

export function listEndpoints(db: Db, tenantId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(webhookEndpoints.createdAt, sql`${webhookEndpoints}.rowid`);
}

/** The endpoint with this id of this tenant; 404 otherwise (another tenant's included). */
export async function findEndpoint(db: Db, tenantId: string, id: string) {
  const row = await db.query.webhookEndpoints.findFirst({
    where: and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)),
  });
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** Removes an endpoint with its queue and its log. */
export async function deleteEndpoint(db: Db, row: EndpointRow) {
  await db.batch([
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id)),
  ]);
}

/** The endpoint's latest deliveries, newest first. */
export function deliveryLog(db: Db, endpointId: string, limit = DELIVERY_LOG_SIZE) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(sql`${webhookDeliveries}.rowid`))
    .limit(limit);
}

export function deliveryView(row: typeof webhookDeliveries.$inferSelect) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  } as z.infer<typeof deliveryViewSchema>;
}

/**
 * Puts one delivery back in line, from the first attempt (the re-send button): for when the
 * receiver has been fixed, or to send an event again. 404 for another tenant's delivery.
 */
export async function resendDelivery(
  db: Db,
  scope: { tenantId: string; endpointId?: string },
  id: string,
  now: Date,
) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), lastError: null })
    .where(
      and(
        eq(webhookDeliveries.tenantId, scope.tenantId),
        scope.endpointId ? eq(webhookDeliveries.endpointId, scope.endpointId) : undefined,
        eq(webhookDeliveries.id, id),
      ),
    )
    .returning();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}
