import { sql } from 'drizzle-orm';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { compiledWrite } from '../db/compiled-writes';
import { webhookDeliveries, webhookEndpoints } from '../db/schema';

/** The events a tenant can subscribe an endpoint to. */
export const WEBHOOK_EVENTS = [
  'complaint.received',
  'complaint.step_done',
  'complaint.term_overdue',
  'complaint.closed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

interface Queued {
  tenantId: string;
  complaintId: string;
  type: WebhookEvent;
  eventSeq?: number;
  term?: string;
  dueDate?: string;
}

/**
 * The statement that queues one event for every endpoint of the tenant that subscribed to it,
 * for the batch that records the event, so an event is queued if and only if it happened. The
 * delivery's id (the `webhook-id`) is derived from the event and the endpoint, so queueing the
 * same event again changes nothing. Tenants without endpoints pay one indexed look-up.
 */
export function queueWebhook(db: Db, event: Queued) {
  const key = sha256Hex(
    [
      event.complaintId,
      event.type,
      event.eventSeq ?? '',
      event.term ?? '',
      event.dueDate ?? '',
    ].join(':'),
  ).slice(0, 24);
  const slot = (name: string) => sql.placeholder(name);
  return compiledWrite(
    db,
    'webhook:queue',
    () =>
      db.run(sql`INSERT INTO ${webhookDeliveries}
      (id, tenant_id, endpoint_id, complaint_id, type, event_seq, term, due_date, status)
    SELECT ${slot('idPrefix')} || e.id, e.tenant_id, e.id, ${slot('complaintId')}, ${slot('type')},
      ${slot('eventSeq')}, ${slot('term')}, ${slot('dueDate')}, 'pending'
    FROM ${webhookEndpoints} e
    WHERE e.tenant_id = ${slot('tenantId')}
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = ${slot('type')})
    ON CONFLICT DO NOTHING`),
    {
      idPrefix: `msg_${key}_`,
      complaintId: event.complaintId,
      type: event.type,
      eventSeq: event.eventSeq ?? null,
      term: event.term ?? null,
      dueDate: event.dueDate ?? null,
      tenantId: event.tenantId,
    },
  );
}

/** The tenants with an endpoint subscribed to this event. */
export async function tenantsSubscribedTo(db: Db, type: WebhookEvent): Promise<Set<string>> {
  const rows = await db.all<{ tenant_id: string }>(sql`SELECT DISTINCT e.tenant_id
    FROM ${webhookEndpoints} e
    WHERE EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = ${type})`);
  return new Set(rows.map((r) => r.tenant_id));
}

/**
 * A lifecycle step's webhooks: `complaint.step_done`, and `complaint.closed` when it closes the
 * complaint (closing it, or declining to handle it).
 */
export function queueStepWebhooks(
  db: Db,
  tenantId: string,
  complaintId: string,
  eventSeq: number,
  closes: boolean,
) {
  const step = { tenantId, complaintId, eventSeq };
  return [
    queueWebhook(db, { ...step, type: 'complaint.step_done' }),
    ...(closes ? [queueWebhook(db, { ...step, type: 'complaint.closed' })] : []),
  ];
}
