import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { compiledWrite, placeholders } from '../db/compiled-writes';
import { reportCounts } from '../db/schema';

/** What the monthly report counts of one complaint. */
export interface Counted {
  registeredDate: string;
  status: string;
  category: string | null;
  classification: string | null;
  admissible: boolean | null;
  missed: boolean;
  /** Missed the statutory term (false when the procedure names none). */
  missedStatutory: boolean;
  declined: boolean;
  postponed: boolean;
  handlingDays: number | null;
}

/** The counters a complaint adds one to. */
export function countKeys(c: Counted): string[] {
  const admissible = c.admissible === true ? 'yes' : c.admissible === false ? 'no' : 'unknown';
  const handled = c.status === 'closed' && !c.declined;
  return [
    'received',
    ...(c.status === 'closed' ? ['closed'] : []),
    ...(c.missed ? ['missed'] : []),
    ...(c.status === 'closed' && c.declined ? ['declined'] : []),
    ...(c.postponed ? ['postponed'] : []),
    // The yearly report: handled within every term, and a histogram of handling times.
    ...(handled && !c.missed ? ['inTerm'] : []),
    ...(handled && !c.missedStatutory ? ['inStatutoryTerm'] : []),
    ...(handled && c.handlingDays !== null ? [`days:${c.handlingDays}`] : []),
    `category:${c.category ?? ''}`,
    `classification:${c.classification ?? ''}`,
    `admissible:${admissible}`,
  ];
}

/**
 * The statements that move the report's counters from `before` (null for a new complaint) to
 * `after`, for the same batch as the change itself: nothing when nothing counted changed.
 */
export function countChanges(db: Db, tenantId: string, before: Counted | null, after: Counted) {
  const delta = new Map<string, number>();
  for (const key of countKeys(after)) delta.set(key, (delta.get(key) ?? 0) + 1);
  for (const key of before ? countKeys(before) : []) delta.set(key, (delta.get(key) ?? 0) - 1);
  const month = after.registeredDate.slice(0, 7);
  const rows = [...delta]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => ({ tenantId, month, key, n }));
  if (rows.length === 0) return [];
  return [
    compiledWrite(
      db,
      `reportCounts:${rows.length}`,
      () =>
        db
          .insert(reportCounts)
          .values(rows.map((_, i) => placeholders(['tenantId', 'month', 'key', 'n'], `${i}:`)))
          .onConflictDoUpdate({
            target: [reportCounts.tenantId, reportCounts.month, reportCounts.key],
            set: { n: sql`${reportCounts.n} + excluded.n` },
          }),
      rows,
    ),
  ];
}

/**
 * Whether a complaint missed a term for good: one was met after its date, or the complaint was
 * closed (on `closedDate`) while a term was past its date unmet. An open complaint past an unmet
 * date is overdue as well; the report reads that from its next due date, which changes with time.
 */
export function missedFor(
  terms: { dueDate: string; metDate: string | null }[],
  closedDate: string | null,
): boolean {
  return terms.some(
    (d) =>
      (d.metDate !== null && d.metDate > d.dueDate) ||
      (closedDate !== null && d.metDate === null && d.dueDate < closedDate),
  );
}

/** What a complaint's terms say for the counters: any term missed, and the statutory one. */
export function missedTerms(
  terms: { term: string; dueDate: string; metDate: string | null }[],
  closedDate: string | null,
  procedure: { terms: Record<string, { statutory?: boolean }> },
) {
  return {
    missed: missedFor(terms, closedDate),
    missedStatutory: missedFor(
      terms.filter((t) => procedure.terms[t.term]?.statutory === true),
      closedDate,
    ),
  };
}
