import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

/** A row claimed from a queue by `claimDue`. */
export interface ClaimedRow {
  id: string;
  createdAt: string;
  n: number;
}

/**
 * Claims at most `limit` rows of a queue (`table`: the outbox, webhook deliveries) that match
 * `due`, in one statement, so concurrent runs never take the same row: each becomes `sending`,
 * this run's until `lease`, with its attempt counted. Tenants take turns: every tenant's oldest
 * row, then every tenant's second, and so on, so one tenant's backlog (the acknowledgements of an
 * import, a receiver that is down) never keeps another's waiting for runs on end. The rows come
 * back in the order they were queued: RETURNING promises none, and rows queued in one batch share
 * their created_at, so the rowid breaks ties (a closing step's `step_done` before its `closed`).
 * `returning` adds columns to each row.
 */
export async function claimDue<T extends ClaimedRow>(
  db: Db,
  table: SQLiteTable,
  due: SQL,
  options: { limit: number; lease: string; returning?: SQL },
): Promise<T[]> {
  const rows = await db.all<T>(sql`UPDATE ${table}
    SET status = 'sending', next_attempt_at = ${options.lease}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM (
        SELECT id, created_at, rowid AS r,
          ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY created_at, rowid) AS turn
        FROM ${table} WHERE ${due})
      ORDER BY turn, created_at, r LIMIT ${options.limit})
    RETURNING id, created_at AS createdAt, rowid AS n${options.returning ? sql`, ${options.returning}` : sql``}`);
  return inQueuedOrder(rows);
}

/** Claimed rows in the order they were queued: by created_at, then rowid. */
export function inQueuedOrder<T extends ClaimedRow>(rows: T[]): T[] {
  return [...rows].sort((a, b) =>
    a.createdAt === b.createdAt ? a.n - b.n : a.createdAt < b.createdAt ? -1 : 1,
  );
}

/**
 * The moment after which a run starts none of the rows it claimed: half their lease. A claimed
 * row is the run's until its lease ends, and then any run may take it again; so what a slow
 * receiver or provider kept this run from starting goes back in line (`releaseUnstarted`)
 * instead of being sent while another run may send it too.
 */
export function startBy(leaseMs: number): number {
  return Date.now() + leaseMs / 2;
}

/** Claimed rows this run did not start, back in line as if never claimed: due, attempt not counted. */
export async function releaseUnstarted(db: Db, table: SQLiteTable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list: SQL = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.run(sql`UPDATE ${table}
    SET status = 'pending', attempts = attempts - 1, next_attempt_at = NULL
    WHERE status = 'sending' AND id IN (${list})`);
}
