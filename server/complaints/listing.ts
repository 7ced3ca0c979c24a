import { and, asc, desc, eq, gte, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import * as z from 'zod';
import { isoDateSchema } from '../../shared/deadlines';
import type { Db } from '../db/client';
import { complaints } from '../db/schema';
import { registerLine } from './complaint-view';

export const registerQuerySchema = z.object({
  status: z.string().max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  category: z.string().max(60).optional(),
  handler: z.string().max(200).optional(),
  /** The staff account it was forwarded to ("my complaints"). */
  handlerId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

/**
 * One page of the register, sorted by the next due date (then newest first), over the
 * (tenant, next_due_date) index. Overdue means still open with a due date passed and not met;
 * `next_due_date` is the earliest such date, kept with every write.
 */
export async function listComplaints(db: Db, tenantId: string, q: RegisterQuery, today: string) {
  const overdue = and(ne(complaints.status, 'closed'), lt(complaints.nextDueDate, today));
  const rows = await db
    .select()
    .from(complaints)
    .where(
      and(
        eq(complaints.tenantId, tenantId),
        isNull(complaints.erasedAt),
        q.status ? eq(complaints.status, q.status) : undefined,
        q.category ? eq(complaints.category, q.category) : undefined,
        q.handler ? eq(complaints.handler, q.handler) : undefined,
        q.handlerId ? eq(complaints.handlerStaffId, q.handlerId) : undefined,
        q.from ? gte(complaints.receivedDate, q.from) : undefined,
        q.to ? lte(complaints.receivedDate, q.to) : undefined,
        q.overdue === 'true' ? overdue : undefined,
        q.overdue === 'false'
          ? or(
              eq(complaints.status, 'closed'),
              isNull(complaints.nextDueDate),
              sql`${complaints.nextDueDate} >= ${today}`,
            )
          : undefined,
      ),
    )
    .orderBy(
      sql`${complaints.nextDueDate} IS NULL`,
      asc(complaints.nextDueDate),
      desc(complaints.year),
      desc(complaints.seq),
    )
    .limit(q.limit + 1)
    .offset(q.offset);
  return {
    items: rows.slice(0, q.limit).map((row) => registerLine(row)),
    nextOffset: rows.length > q.limit ? q.offset + q.limit : null,
  };
}
