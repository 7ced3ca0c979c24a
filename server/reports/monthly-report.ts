import { sql } from 'drizzle-orm';
import { amsterdamDate } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
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

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Spreadsheets run cells that start with these as formulas.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The anonymised export for team meetings (004 §4): no contact details, no description and no
 * other free text, unless staff explicitly include the handling texts (cause, summary, measures).
 */
export async function anonymisedCsv(
  db: Db,
  tenantId: string,
  procedure: Procedure,
  year: number,
  includeText: boolean,
): Promise<string> {
  const terms = Object.keys(procedure.terms);
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT c.id, c.number, c.registered_date, c.received_date, c.channel, c.category, c.status,
      c.classification, c.admissible, c.remedy, substr(c.closed_at, 1, 10) AS closed_date,
      c.satisfied, c.erased_at IS NOT NULL AS erased, c.pd_cause, c.pd_summary,
      c.pd_preventive_measures
    FROM complaints c
    WHERE c.tenant_id = ${tenantId}
      AND c.registered_date >= ${`${year}-01-01`} AND c.registered_date <= ${`${year}-12-31`}
    ORDER BY c.year, c.seq`);
  const deadlines = await db.all<{
    complaint_id: string;
    term: string;
    due_date: string;
    met_date: string | null;
  }>(
    sql`SELECT d.complaint_id, d.term, d.due_date, d.met_date FROM deadlines d
      JOIN complaints c ON c.id = d.complaint_id
      WHERE c.tenant_id = ${tenantId}
        AND c.registered_date >= ${`${year}-01-01`} AND c.registered_date <= ${`${year}-12-31`}`,
  );
  const header = [
    'number',
    'registered',
    'received',
    'channel',
    'category',
    'status',
    'classification',
    'admissible',
    'remedy',
    'closed',
    'satisfied',
    'erased',
    ...terms.flatMap((term) => [`${term}_due`, `${term}_met`]),
    ...(includeText ? ['cause', 'summary', 'preventiveMeasures'] : []),
  ];
  const lines = rows.map((r) => {
    const own = deadlines.filter((d) => d.complaint_id === r.id);
    const bool = (v: unknown) => (v === null || v === undefined ? '' : Number(v) ? 'yes' : 'no');
    return [
      r.number,
      r.registered_date,
      r.received_date,
      r.channel,
      r.category,
      r.status,
      r.classification,
      bool(r.admissible),
      r.remedy,
      r.closed_date,
      bool(r.satisfied),
      bool(r.erased),
      ...terms.flatMap((term) => {
        const d = own.find((x) => x.term === term);
        return [d?.due_date, d?.met_date];
      }),
      ...(includeText ? [r.pd_cause, r.pd_summary, r.pd_preventive_measures] : []),
    ]
      .map(csvCell)
      .join(',');
  });
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
