import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/* Tenants and their API keys. */

export const createdAt = () =>
  text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const tenants = sqliteTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** The full procedure, as validated by `procedureSchema` (JSON). */
    procedure: text('procedure', { mode: 'json' }).notNull(),
    /** Raised with every change of the procedure, so what is derived from it can be kept. */
    procedureVersion: integer('procedure_version').notNull().default(1),
    createdAt: createdAt(),
  },
  // A complaint address is one tenant's once confirmed: see inboundAddresses. An address named
  // but not confirmed blocks no one, so it is not unique here.
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** SHA-256 of the key, hex. The key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: text('prefix').notNull(),
    label: text('label').notNull(),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_tenant').on(t.tenantId)],
);

/**
 * Who created or revoked which API key, when, and from which network: a small log that the
 * hash-chained audit trail to come folds in. One event per key and action, so a retried
 * revocation records nothing twice.
 */
export const keyEvents = sqliteTable(
  'key_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id),
    /** created | revoked */
    action: text('action').notNull(),
    at: text('at').notNull(),
    /** apiKey | staff | operator */
    actorKind: text('actor_kind').notNull(),
    /** The id of the key or staff account that acted; null for the operator. */
    actorId: text('actor_id'),
    /** The client's network: its IPv4 address, or the /64 of its IPv6 address. */
    network: text('network').notNull(),
  },
  (t) => [
    uniqueIndex('key_events_key_action').on(t.keyId, t.action),
    index('key_events_tenant').on(t.tenantId, t.at),
  ],
);

/**
 * The monthly report's counts per tenant, month of registration and what is counted
 * ('received', 'closed', 'missed', 'category:<id>', 'classification:<id>',
 * 'admissible:yes|no|unknown'), kept in the same batch as every change that moves them, so the
 * report reads twelve months of counts instead of every complaint.
 */
export const reportCounts = sqliteTable(
  'report_counts',
  {
    tenantId: text('tenant_id').notNull(),
    month: text('month').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.key] })],
);
