import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, tenants } from './core';

/* What connects a tenant to other systems: webhook endpoints and their deliveries, and the
   e-mail that came in but could not be taken in. */

/** Where a tenant wants to hear of events (Standard Webhooks). */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** A public https URL (checked when registered and again at every delivery). */
    url: text('url').notNull(),
    /** The event types it receives (JSON array of `complaint.*`). */
    events: text('events', { mode: 'json' }).notNull(),
    /** Whether payloads carry the complainant's details and free texts (off unless asked). */
    includePersonalData: integer('include_personal_data', { mode: 'boolean' })
      .notNull()
      .default(false),
    description: text('description'),
    /**
     * The signing secret (`whsec_…`), AES-GCM under a key derived from KLACHT_SECRET_KEY and the
     * endpoint's id: it must be usable to sign, so it cannot be a hash; a copy of the database
     * alone does not give it away.
     */
    secretSealed: text('secret_sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_endpoints_tenant').on(t.tenantId)],
);

/**
 * One event for one endpoint: the outbox of webhooks and their delivery log at once. The id is
 * the `webhook-id` (the same on every attempt) and is derived from the event, so an event is
 * queued once per endpoint however often the code that queues it runs. The body is composed at
 * delivery from the complaint as it then is, so an erased complaint sends no personal data.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    complaintId: text('complaint_id').notNull(),
    type: text('type').notNull(),
    /** The timeline event it is about (steps, receipt). */
    eventSeq: integer('event_seq'),
    /** For `complaint.term_overdue`: the term and the due date that passed. */
    term: text('term'),
    dueDate: text('due_date'),
    /** pending | sending | delivered | failed */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    /** The HTTP status of the last attempt (null: no answer). */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt),
  ],
);

/**
 * Inbound e-mail that did not become a complaint or a reply (too large, unreadable, no sender,
 * automatic, attachments refused, …): kept whole for staff to look at, never dropped. Bounded
 * per tenant (QUARANTINE_LIMIT); staff discard what they have dealt with.
 */
export const inboundQuarantine = sqliteTable(
  'inbound_quarantine',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Why it was kept aside: a code the admin view explains. */
    reason: text('reason').notNull(),
    /** More about the reason (e.g. which attachment was refused), without personal data. */
    detail: text('detail'),
    /** The complaint a valid reference pointed to, when it was a reply (erased with it). */
    complaintId: text('complaint_id'),
    size: integer('size').notNull(),
    /** SHA-256 of the message: the same message delivered twice is kept once. */
    sha256: text('sha256').notNull(),
    receivedAt: text('received_at').notNull(),
    pdFrom: text('pd_from'),
    pdSubject: text('pd_subject'),
    /** The message as received (RFC 5322). */
    pdRaw: blob('pd_raw', { mode: 'buffer' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inbound_quarantine_tenant_sha').on(t.tenantId, t.sha256),
    index('inbound_quarantine_complaint').on(t.complaintId),
  ],
);

/**
 * The complaint address a tenant's procedure names, and whether it is proven: mail to it makes
 * complaints, and our messages name it as Reply-To, only once our own intake for this tenant
 * received the confirmation message sent to it (inbound/address-confirmation.ts). A claim that
 * is not confirmed blocks no one; a confirmed address is one tenant's.
 */
export const inboundAddresses = sqliteTable(
  'inbound_addresses',
  {
    tenantId: text('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    /** In lower case, as the procedure keeps it. */
    address: text('address').notNull(),
    /** Random, new for every address claimed; the confirmation tag is an HMAC over it. */
    nonce: text('nonce').notNull(),
    requestedAt: text('requested_at').notNull(),
    confirmedAt: text('confirmed_at'),
  },
  (t) => [
    uniqueIndex('inbound_addresses_confirmed')
      .on(t.address)
      .where(sql`${t.confirmedAt} IS NOT NULL`),
    index('inbound_addresses_address').on(t.address),
  ],
);
