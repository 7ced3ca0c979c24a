import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import { inboundAddresses, tenants } from '../db/schema';
import type { TenantRecord } from '../http/context';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { findTenant } from '../tenants/tenants';

async function tenantById(db: Db, tenantId: string) {
  const row = await db.query.tenants.findFirst({
    where: eq(tenants.id, tenantId),
    columns: { slug: true },
  });
  return row ? findTenant(db, row.slug) : null;
}

/** The tenant whose confirmed complaint address this is (addresses are kept in lower case). */
export async function tenantByInboundAddress(
  db: Db,
  address: string,
): Promise<TenantRecord | null> {
  const owner = await db.query.inboundAddresses.findFirst({
    where: and(
      eq(inboundAddresses.address, address.trim().toLowerCase()),
      isNotNull(inboundAddresses.confirmedAt),
    ),
  });
  return owner ? tenantById(db, owner.tenantId) : null;
}

/** The tenants that named this address and have not confirmed it yet (any number of them). */
export async function claimantsOf(db: Db, address: string): Promise<TenantRecord[]> {
  const claims = await db.query.inboundAddresses.findMany({
    where: and(
      eq(inboundAddresses.address, address.trim().toLowerCase()),
      isNull(inboundAddresses.confirmedAt),
    ),
    limit: 20,
  });
  const found = await Promise.all(claims.map((claim) => tenantById(db, claim.tenantId)));
  return found.filter((tenant): tenant is TenantRecord => tenant !== null);
}

/**
 * A confirmed complaint address belongs to one tenant: 422 on `inbound.address` when another
 * tenant has confirmed it (a unique index holds the line against a race). An address only
 * named by others is free to claim: whoever proves it first has it.
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
