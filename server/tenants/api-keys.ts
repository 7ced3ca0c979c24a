import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { ApiError } from '../http/errors';
import { type KeyAudit, recordKeyEvent } from './key-events';
import type { KeyView } from './key-route-docs';
import { newApiKey } from './tenants';

/**
 * API keys alive at once per tenant: the one in use and its successor while a rotation is under
 * way. More would let a leaked key hide among keys nobody remembers; a third is refused (409)
 * until one is revoked.
 */
export const MAX_LIVE_KEYS = 2;

export type KeyRow = typeof apiKeys.$inferSelect;

export function keyView(row: KeyRow): KeyView {
  const { id, prefix, label, createdAt, revokedAt } = row;
  return { id, prefix, label, createdAt, revokedAt };
}

const live = (tenantId: string) =>
  sql`(SELECT COUNT(*) FROM api_keys WHERE tenant_id = ${tenantId} AND revoked_at IS NULL)`;

export function listKeys(db: Db, tenantId: string): Promise<KeyRow[]> {
  return db.query.apiKeys.findMany({
    where: eq(apiKeys.tenantId, tenantId),
    orderBy: [desc(apiKeys.createdAt), desc(apiKeys.id)],
  });
}

/**
 * A new key for the tenant, returned this once (only its hash is stored), with its event. The
 * count of live keys is checked in the statement that inserts, so two requests at once cannot
 * make a third.
 */
export async function createKey(db: Db, tenantId: string, label: string, audit: KeyAudit) {
  const { key, row } = await newApiKey(tenantId, label);
  const [inserted] = await db.batch([
    db.run(sql`INSERT INTO ${apiKeys} (id, tenant_id, key_hash, prefix, label)
      SELECT ${row.id}, ${tenantId}, ${row.keyHash}, ${row.prefix}, ${label}
      WHERE ${live(tenantId)} < ${MAX_LIVE_KEYS}`),
    recordKeyEvent(db, tenantId, row.id, 'created', audit),
  ]);
  if (inserted.rowsAffected === 0) throw new ApiError(409, 'too_many_keys');
  const created = await db.query.apiKeys.findFirst({ where: eq(apiKeys.id, row.id) });
  if (!created) throw new Error('key insert returned nothing');
  return { row: created, key };
}

/**
 * Revokes a key of the tenant at once (the next request with it is a 401), with its event. A key
 * revoked before stays as it was; the last live key is kept (409), so the tenant is never locked
 * out of its own API: create the next one first.
 */
export async function revokeKey(db: Db, tenantId: string, keyId: string, audit: KeyAudit) {
  const mine = and(eq(apiKeys.id, keyId), eq(apiKeys.tenantId, tenantId));
  const row = await db.query.apiKeys.findFirst({ where: mine });
  if (!row) throw new ApiError(404, 'not_found');
  if (row.revokedAt !== null) return row;
  await db.batch([
    db.run(sql`UPDATE ${apiKeys} SET revoked_at = ${audit.at}
      WHERE id = ${keyId} AND tenant_id = ${tenantId} AND revoked_at IS NULL
        AND ${live(tenantId)} > 1`),
    recordKeyEvent(db, tenantId, keyId, 'revoked', audit),
  ]);
  const after = await db.query.apiKeys.findFirst({ where: mine });
  if (!after?.revokedAt) throw new ApiError(409, 'last_key');
  return after;
}
