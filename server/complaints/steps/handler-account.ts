import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { staff } from '../../db/schema';
import type { TenantRecord } from '../../http/context';
import { mayHandle, roleRules } from '../../staff/policy';
import type { StaffRole } from '../../staff/roles';

/** The account a complaint is forwarded to: it handles the complaint from then on. */
export interface HandlerAccount {
  id: string;
  name: string;
  email: string;
}

/**
 * The staff account `handlerId` names, when it is one of this tenant's, active, and of a role
 * that may handle complaints under its procedure; otherwise null (the step refuses it).
 */
export async function handlerAccountOf(
  db: Db,
  tenant: TenantRecord,
  handlerId: string,
): Promise<HandlerAccount | null> {
  const row = await db.query.staff.findFirst({
    columns: { id: true, name: true, email: true, role: true },
    where: and(eq(staff.tenantId, tenant.id), eq(staff.id, handlerId), isNull(staff.disabledAt)),
  });
  if (!row || !mayHandle(row.role as StaffRole, roleRules(tenant.procedure))) return null;
  return { id: row.id, name: row.name, email: row.email };
}
