import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { reportCounts } from '../db/schema';

/** The yearly complaint report Awb 9:12a asks for: counts only, no personal data. */
export interface YearlyReport {
  year: number;
  received: number;
  /** Closed after handling. */
  handled: number;
  /** Closed without handling (Awb 9:8). */
  notHandled: number;
  open: number;
  byCategory: Record<string, number>;
  byClassification: Record<string, number>;
  admissible: { yes: number; no: number; unknown: number };
  /**
   * The procedure's statutory term (Awb 9:11, Wkkgz art. 17) when it names one: "within term"
   * then means that term; otherwise every term.
   */
  statutoryTerm: string | null;
  /** Handled complaints that met the term above, and their share of all handled (null: none). */
  handledWithinTerm: number;
  handledWithinTermShare: number | null;
  /** Handled complaints that met every term, its own terms (an acknowledgement) too. */
  handledWithinAllTerms: number;
  handledWithinAllTermsShare: number | null;
  /** Working days from receipt to closing, the median over handled complaints (null: none). */
  medianHandlingDays: number | null;
  /** Complaints of which a term was postponed. */
  postponed: number;
}

const NONE = 'none';

/**
 * The year's report over complaints registered in it, from the counters kept as complaints
 * change (report-counts.ts): one indexed read of at most twelve months of counters.
 */
export async function yearlyReport(
  db: Db,
  tenantId: string,
  year: number,
  procedure: { terms: Record<string, { statutory?: boolean }> },
): Promise<YearlyReport> {
  const rows = await db
    .select({ key: reportCounts.key, n: sql<number>`SUM(${reportCounts.n})` })
    .from(reportCounts)
    .where(
      and(
        eq(reportCounts.tenantId, tenantId),
        gte(reportCounts.month, `${year}-01`),
        lte(reportCounts.month, `${year}-12`),
      ),
    )
    .groupBy(reportCounts.key);
  const counts = new Map(rows.map((r) => [r.key, Number(r.n)]));
  const count = (key: string) => counts.get(key) ?? 0;
  const byPrefix = (prefix: string) =>
    Object.fromEntries(
      [...counts]
        .filter(([key, n]) => key.startsWith(prefix) && n !== 0)
        .map(([key, n]) => [key.slice(prefix.length) || NONE, n]),
    );
  const closed = count('closed');
  const notHandled = count('declined');
  const handled = closed - notHandled;
  const share = (n: number) => (handled > 0 ? n / handled : null);
  const statutoryTerm =
    Object.entries(procedure.terms).find(([, term]) => term.statutory === true)?.[0] ?? null;
  const withinKey = statutoryTerm ? 'inStatutoryTerm' : 'inTerm';
  const days = Object.entries(byPrefix('days:')).map(([d, n]) => [Number(d), n] as const);
  return {
    year,
    received: count('received'),
    handled,
    notHandled,
    open: count('received') - closed,
    byCategory: byPrefix('category:'),
    byClassification: byPrefix('classification:'),
    admissible: {
      yes: count('admissible:yes'),
      no: count('admissible:no'),
      unknown: count('admissible:unknown'),
    },
    statutoryTerm,
    handledWithinTerm: count(withinKey),
    handledWithinTermShare: share(count(withinKey)),
    handledWithinAllTerms: count('inTerm'),
    handledWithinAllTermsShare: share(count('inTerm')),
    medianHandlingDays: median(days),
    postponed: count('postponed'),
  };
}

/** The median of a histogram of [value, how often] (the mean of the middle two when even). */
export function median(histogram: (readonly [number, number])[]): number | null {
  const sorted = histogram.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted.at(-1)?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
