import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  type complaints,
  complaints as complaintsTable,
  type deadlines,
  type events,
} from '../db/schema';
import type { Actor } from '../http/context';
import { ApiError } from '../http/errors';

export type ComplaintRow = typeof complaints.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type DeadlineRow = typeof deadlines.$inferSelect;

/** A tenant's complaint by its number; an unknown or erased one is 404. */
export async function findComplaint(db: Db, tenantId: string, number: string) {
  const row = await db.query.complaints.findFirst({
    where: and(eq(complaintsTable.tenantId, tenantId), eq(complaintsTable.number, number)),
  });
  if (!row || row.erasedAt) throw new ApiError(404, 'not_found');
  return row;
}

/** Who did it, as the timeline records it. */
export function actorName(actor: Actor): string {
  if (actor.kind === 'staff') return `staff:${actor.name}`;
  if (actor.kind === 'system') return `system:${actor.name}`;
  return actor.kind === 'apiKey' ? `apiKey:${actor.label}` : 'complainant';
}
