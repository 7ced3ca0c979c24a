import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { amsterdamDate } from '../../shared/deadlines';
import type { Db } from '../db/client';
import { reportCounts } from '../db/schema';

export interface MonthReport {
  month: string;
  received: number;
  byCategory: Record<string, number>;
  byClassification: Record<string, number>;
  admissible: { yes: number; no: number; unknown: number };
  open: number;
  closed: number;
  overdue: number;
}

const NONE = 'none';

/**
 * The monthly report (000 "Rapportage", 004 §4) by month of registration. Its counts are kept as
 * complaints change (report-counts.ts), so this reads twelve months of counters; only what is
 * overdue today without having missed a term for good is counted, over the open complaints'
 * due-date index. A complaint "missed" a deadline when it was met after its date, or was still
 * unmet after it while the complaint was open (closing ends what was still to do). Erased
 * complaints keep their tombstone row, so they keep counting.
 */
export async function monthlyReport(db: Db, tenantId: string, year: number, now: Date) {
  const today = amsterdamDate(now);
  const [counters, overdueNow] = await db.batch([
    db
      .select({ month: reportCounts.month, key: reportCounts.key, n: reportCounts.n })
      .from(reportCounts)
      .where(
        and(
          eq(reportCounts.tenantId, tenantId),
          gte(reportCounts.month, `${year}-01`),
          lte(reportCounts.month, `${year}-12`),
        ),
      ),
    db.all<{ month: string; n: number }>(sqlOverdueNow(tenantId, year, today)),
  ]);
  const months: MonthReport[] = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const count = (key: string) =>
      Number(counters.find((c) => c.month === month && c.key === key)?.n ?? 0);
    const byPrefix = (prefix: string) =>
      Object.fromEntries(
        counters
          .filter((c) => c.month === month && c.key.startsWith(prefix) && c.n !== 0)
          .map((c) => [c.key.slice(prefix.length) || NONE, Number(c.n)]),
      );
    const received = count('received');
    const closed = count('closed');
    return {
      month,
      received,
      byCategory: byPrefix('category:'),
      byClassification: byPrefix('classification:'),
      admissible: {
        yes: count('admissible:yes'),
        no: count('admissible:no'),
        unknown: count('admissible:unknown'),
      },
      open: received - closed,
      closed,
      overdue: count('missed') + Number(overdueNow.find((r) => r.month === month)?.n ?? 0),
    };
  });
  return { year, months };
}

/** Open complaints past an unmet due date today that have not missed a term for good. */
function sqlOverdueNow(tenantId: string, year: number, today: string) {
  return sql`SELECT substr(registered_date, 1, 7) AS month, COUNT(*) AS n
    FROM complaints INDEXED BY complaints_tenant_open_due
    WHERE tenant_id = ${tenantId} AND status <> 'closed' AND next_due_date < ${today}
      AND missed = 0
      AND registered_date >= ${`${year}-01-01`} AND registered_date <= ${`${year}-12-31`}
    GROUP BY 1`;
}
