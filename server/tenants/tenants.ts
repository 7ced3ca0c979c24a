import type { Procedure } from '../../shared/procedure';
import { randomToken, sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { apiKeys, staff, tenants } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { TenantRecord } from '../http/context';
import { type KeyAudit, recordKeyEvent } from './key-events';
import { lookupTenant } from './tenant-lookup';

export async function findTenant(db: Db, slug: string): Promise<TenantRecord | null> {
  return (await lookupTenant(db, slug, null)).tenant;
}

/** A tenant as its row holds it (for code that reads rows itself, such as the jobs). */
export function tenantOfRow(row: typeof tenants.$inferSelect): TenantRecord {
  return { ...row, procedure: row.procedure as Procedure, version: row.procedureVersion };
}

/** A new API key: `kl_` + 256 random bits. Only its hash is stored. */
export async function newApiKey(tenantId: string, label: string) {
  const key = `kl_${randomToken(32)}`;
  const row = {
    id: newId(),
    tenantId,
    keyHash: await sha256Hex(key),
    prefix: key.slice(0, 10),
    label,
  };
  return { key, row };
}

/**
 * Creates a tenant with its first API key and, when given, its first admin, in one batch: either
 * all exist afterwards or none. Null when the slug is taken.
 */
export async function createTenant(
  db: Db,
  input: { slug: string; name: string; procedure: Procedure },
  firstAdmin?: (tenantId: string) => Promise<typeof staff.$inferInsert>,
  /** Who asked for it (the operator), recorded as the first key's creation. */
  audit?: KeyAudit,
): Promise<{ tenant: TenantRecord & { createdAt: string }; apiKey: string } | null> {
  const id = newId();
  const { key, row } = await newApiKey(id, 'created with the tenant');
  const admin = firstAdmin ? await firstAdmin(id) : undefined;
  try {
    const [inserted] = await db.batch([
      db
        .insert(tenants)
        .values({ id, ...input })
        .returning(),
      db.insert(apiKeys).values(row),
      ...(audit ? [recordKeyEvent(db, id, row.id, 'created', audit)] : []),
      ...(admin ? [db.insert(staff).values(admin)] : []),
    ]);
    const tenant = inserted[0];
    if (!tenant) throw new Error('tenant insert returned nothing');
    return {
      tenant: {
        ...tenantOfRow({ ...tenant, procedure: input.procedure }),
        createdAt: tenant.createdAt,
      },
      apiKey: key,
    };
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}
