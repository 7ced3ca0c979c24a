import { sql } from 'drizzle-orm';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import type { TenantRecord } from '../http/context';

export interface LookedUp {
  tenant: TenantRecord | null;
  /** The API key of the token, when one was given and is active (of whichever tenant). */
  key: { id: string; label: string; tenantId: string } | null;
}

/** Tenants whose parsed procedure a process keeps at most, per database. */
export const CACHED_TENANTS = 1_000;

interface Cached {
  id: string;
  version: number;
  procedure: Procedure;
}

// Per database (so each app and each test has its own); the procedure is parsed once per version.
const caches = new WeakMap<Db, Map<string, Cached>>();

/**
 * The tenant of a slug and, for a bearer token's hash, its active API key: one query, one round
 * trip. The procedure travels and is parsed only when this process has not seen this version of
 * it (PUT /procedure raises the version); otherwise the parsed one is shared, read-only.
 */
export async function lookupTenant(
  db: Db,
  slug: string,
  keyHash: string | null,
): Promise<LookedUp> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const known = cache.get(slug);
  const [row] = await db.all<{
    id: string | null;
    name: string;
    version: number;
    procedure: string | null;
    keyId: string | null;
    keyLabel: string | null;
    keyTenant: string | null;
  }>(sql`SELECT t.id AS id, t.name AS name, t.procedure_version AS version,
      CASE WHEN t.id = ${known?.id ?? ''} AND t.procedure_version = ${known?.version ?? -1}
        THEN NULL ELSE t.procedure END AS procedure,
      k.id AS keyId, k.label AS keyLabel, k.tenant_id AS keyTenant
    FROM (SELECT 1) AS one
    LEFT JOIN tenants t ON t.slug = ${slug}
    LEFT JOIN api_keys k ON ${keyHash !== null} AND k.key_hash = ${keyHash ?? ''}
      AND k.revoked_at IS NULL`);
  const key =
    row?.keyId && row.keyTenant
      ? { id: row.keyId, label: row.keyLabel ?? '', tenantId: row.keyTenant }
      : null;
  if (!row?.id) return { tenant: null, key };
  let entry = known;
  if (row.procedure !== null || !entry) {
    entry = {
      id: row.id,
      version: Number(row.version),
      procedure: JSON.parse(row.procedure ?? 'null') as Procedure,
    };
    if (cache.size >= CACHED_TENANTS) cache.delete(cache.keys().next().value as string);
    cache.set(slug, entry);
  }
  return {
    tenant: {
      id: entry.id,
      slug,
      name: row.name,
      procedure: entry.procedure,
      version: entry.version,
    },
    key,
  };
}
