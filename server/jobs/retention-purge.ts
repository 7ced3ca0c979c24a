import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { addDays, amsterdamDate, endOfAmsterdamDay } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
import { eraseComplaints } from '../complaints/erase';
import type { Db } from '../db/client';
import { complaints } from '../db/schema';

/**
 * The last moment a complaint may have been closed for its retention to be over by `now`:
 * retention runs through the Amsterdam closing date `years` later, so on the day after that
 * anniversary the complaint goes (closed on 29 February, it goes on 1 March).
 */
export function retentionCutoff(now: Date, years: number): string {
  const [y = 0, m = 1, d = 1] = amsterdamDate(now).split('-').map(Number);
  const anniversaryOfToday = new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
  return endOfAmsterdamDay(addDays(anniversaryOfToday, -1)).toISOString();
}

/** Erases complaints whose retention ended: closing date + the tenant's retention years. */
export async function purgeExpired(
  db: Db,
  now: Date,
  procedures: Map<string, { procedure: Procedure }>,
  batch: number,
  dryRun: boolean,
) {
  let purged = 0;
  for (const [tenantId, { procedure }] of procedures) {
    const cutoff = retentionCutoff(now, procedure.retention.years);
    const expired = await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(
          eq(complaints.tenantId, tenantId),
          isNull(complaints.erasedAt),
          isNotNull(complaints.closedAt),
          lte(complaints.closedAt, cutoff),
        ),
      )
      .limit(batch - purged);
    if (!dryRun) {
      await eraseComplaints(
        db,
        expired.map((r) => r.id),
        now,
        'retention',
      );
    }
    purged += expired.length;
    if (purged >= batch) break;
  }
  return purged;
}
