import { sql } from 'drizzle-orm';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';

/** Complaints read and written per step of the export. */
export const CSV_PAGE = 1_000;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Spreadsheets run cells that start with these as formulas.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const bool = (v: unknown) => (v === null || v === undefined ? '' : Number(v) ? 'yes' : 'no');

/**
 * The anonymised export for team meetings (004 §4): no contact details, no description and no
 * other free text, unless staff explicitly include the handling texts (cause, summary, measures).
 * Streamed a page of complaints at a time, in number order (the year's own index), so a year of
 * a million complaints takes as little memory as a year of ten.
 */
export function anonymisedCsv(
  db: Db,
  tenantId: string,
  procedure: Procedure,
  year: number,
  includeText: boolean,
): ReadableStream<Uint8Array> {
  const terms = Object.keys(procedure.terms);
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
    'declined',
    'satisfied',
    'erased',
    ...terms.flatMap((term) => [`${term}_due`, `${term}_met`]),
    ...(includeText ? ['cause', 'summary', 'preventiveMeasures'] : []),
  ];
  const encoder = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${header.join(',')}\r\n`));
    },
    async pull(controller) {
      const rows = await db.all<Record<string, unknown>>(sql`
        SELECT c.id, c.seq, c.number, c.registered_date, c.received_date, c.channel, c.category,
          c.status, c.classification, c.admissible, c.remedy,
          substr(c.closed_at, 1, 10) AS closed_date, c.declined, c.satisfied,
          c.erased_at IS NOT NULL AS erased, c.pd_cause, c.pd_summary, c.pd_preventive_measures
        FROM complaints c
        WHERE c.tenant_id = ${tenantId} AND c.year = ${year} AND c.seq > ${after}
        ORDER BY c.seq LIMIT ${CSV_PAGE}`);
      const last = Number(rows.at(-1)?.seq ?? after);
      // The page's deadlines by the same range of numbers, not by a list of its ids: libSQL's
      // Node binding keeps the memory of every bound value (tursodatabase/libsql-js#153), so
      // a thousand ids a page would make a year's export grow the server by hundreds of MB.
      const met =
        rows.length > 0
          ? await db.all<{
              complaintId: string;
              term: string;
              dueDate: string;
              metDate: string | null;
            }>(sql`
              SELECT d.complaint_id AS complaintId, d.term, d.due_date AS dueDate,
                d.met_date AS metDate
              FROM complaints c JOIN deadlines d ON d.complaint_id = c.id
              WHERE c.tenant_id = ${tenantId} AND c.year = ${year}
                AND c.seq > ${after} AND c.seq <= ${last}`)
          : [];
      const byComplaint = new Map<
        string,
        Map<string, { dueDate: string; metDate: string | null }>
      >();
      for (const d of met) {
        const own = byComplaint.get(d.complaintId) ?? new Map();
        own.set(d.term, d);
        byComplaint.set(d.complaintId, own);
      }
      const lines = rows.map((r) => {
        const own = byComplaint.get(String(r.id));
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
          bool(r.declined),
          bool(r.satisfied),
          bool(r.erased),
          ...terms.flatMap((term) => [own?.get(term)?.dueDate, own?.get(term)?.metDate]),
          ...(includeText ? [r.pd_cause, r.pd_summary, r.pd_preventive_measures] : []),
        ]
          .map(csvCell)
          .join(',');
      });
      if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
      if (rows.length < CSV_PAGE) controller.close();
      else after = last;
    },
  });
}
