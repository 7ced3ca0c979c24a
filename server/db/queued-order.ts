/** A row claimed from a queue (outbox, webhook deliveries) by `UPDATE … RETURNING id, created_at AS createdAt, rowid AS n`. */
export interface ClaimedRow {
  id: string;
  createdAt: string;
  n: number;
}

/**
 * The claimed rows in the order they were queued. RETURNING gives rows in no promised order, and
 * rows queued in one batch share their created_at, so the rowid breaks ties: a closing step's
 * `step_done` before its `closed`, a receipt before the reminder queued after it.
 */
export function inQueuedOrder<T extends ClaimedRow>(rows: T[]): T[] {
  return [...rows].sort((a, b) =>
    a.createdAt === b.createdAt ? a.n - b.n : a.createdAt < b.createdAt ? -1 : 1,
  );
}
