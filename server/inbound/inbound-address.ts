import { sql } from 'drizzle-orm';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import type { TenantRecord } from '../http/context';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { findTenant } from '../tenants/tenants';

/** The tenant whose procedure names this complaint address (addresses are kept in lower case). */
export async function tenantByInboundAddress(
  db: Db,
  address: string,
): Promise<TenantRecord | null> {
  const [row] = await db.all<{ slug: string }>(
    sql`SELECT slug FROM tenants WHERE (procedure ->> '$.inbound.address') = ${address.trim().toLowerCase()}`,
  );
  return row ? findTenant(db, row.slug) : null;
}

/**
 * A complaint address belongs to one tenant: 422 on `inbound.address` when another tenant has
 * it (a unique index on the tenants table holds the line against a race).
 */
export async function checkInboundAddress(
  db: Db,
  procedure: Procedure,
  tenantId: string | null,
  locale: Locale,
) {
  const address = procedure.inbound?.address;
  if (!address) return;
  const owner = await tenantByInboundAddress(db, address);
  if (owner && owner.id !== tenantId) {
    throw new ApiError(422, 'validation_failed', {
      'inbound.address': fieldMessage('addressTaken', locale),
    });
  }
}
