import { sql } from 'drizzle-orm';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';

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
