import { sql } from 'drizzle-orm';
import { amsterdamDate } from '../../shared/deadlines';
import type { Db } from '../db/client';

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

// A complaint "missed" a deadline when it was met after its date, or was still unmet after it
// while the complaint was open (closing ends what was still to do). Erased complaints keep their
// tombstone row and deadlines, so they keep counting.
const missedDeadline = (today: string) => sql`EXISTS (
  SELECT 1 FROM deadlines d WHERE d.complaint_id = c.id
    AND (d.met_date > d.due_date
      OR (d.met_date IS NULL AND d.due_date < COALESCE(substr(c.closed_at, 1, 10), ${today}))))`;

/**
 * The monthly report (000 "Rapportage", 004 §4) by month of registration, counted in SQL over the
 * (tenant, registered_date) index: nothing loads the complaints themselves.
 */
export async function monthlyReport(db: Db, tenantId: string, year: number, now: Date) {
  const today = amsterdamDate(now);
  const range = sql`c.tenant_id = ${tenantId}
    AND c.registered_date >= ${`${year}-01-01`} AND c.registered_date <= ${`${year}-12-31`}`;
  const month = sql`substr(c.registered_date, 1, 7)`;
  const [totals, categories, classifications] = await db.batch([
    db.all<{
      month: string;
      received: number;
      open: number;
      closed: number;
      yes: number;
      no: number;
      unknown: number;
      overdue: number;
    }>(sql`SELECT ${month} AS month, COUNT(*) AS received,
        SUM(c.status <> 'closed') AS open, SUM(c.status = 'closed') AS closed,
        SUM(c.admissible = 1) AS yes, SUM(c.admissible = 0) AS no,
        SUM(c.admissible IS NULL) AS unknown, SUM(${missedDeadline(today)}) AS overdue
      FROM complaints c WHERE ${range} GROUP BY 1`),
    db.all<{ month: string; key: string | null; n: number }>(
      sql`SELECT ${month} AS month, c.category AS key, COUNT(*) AS n
        FROM complaints c WHERE ${range} GROUP BY 1, 2`,
    ),
    db.all<{ month: string; key: string | null; n: number }>(
      sql`SELECT ${month} AS month, c.classification AS key, COUNT(*) AS n
        FROM complaints c WHERE ${range} GROUP BY 1, 2`,
    ),
  ]);
  const months: MonthReport[] = Array.from({ length: 12 }, (_, i) => {
    const key = `${year}-${String(i + 1).padStart(2, '0')}`;
    const row = totals.find((r) => r.month === key);
    const counts = (rows: typeof categories) =>
      Object.fromEntries(
        rows.filter((r) => r.month === key).map((r) => [r.key ?? NONE, Number(r.n)]),
      );
    return {
      month: key,
      received: Number(row?.received ?? 0),
      byCategory: counts(categories),
      byClassification: counts(classifications),
      admissible: {
        yes: Number(row?.yes ?? 0),
        no: Number(row?.no ?? 0),
        unknown: Number(row?.unknown ?? 0),
      },
      open: Number(row?.open ?? 0),
      closed: Number(row?.closed ?? 0),
      overdue: Number(row?.overdue ?? 0),
    };
  });
  return { year, months };
}
