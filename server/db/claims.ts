import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

/**
 * A row claimed from a queue (the outbox, webhook deliveries) by
 * `UPDATE … SET status = 'sending' … RETURNING id, created_at AS createdAt, rowid AS n`.
 */
export interface ClaimedRow {
  id: string;
  createdAt: string;
  n: number;
}

/**
 * The ids of at most `limit` rows of `table` that match `due`, taken in turns across tenants:
 * every tenant's oldest row, then every tenant's second, and so on, oldest first within a turn. A
 * tenant with a backlog (ten thousand acknowledgements of an import, a receiver that is down)
 * then never keeps another tenant's messages waiting for runs on end.
 */
export function inTenantTurns(table: SQLiteTable, due: SQL, limit: number): SQL {
  return sql`SELECT id FROM (
      SELECT id, created_at, rowid AS r,
        ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY created_at, rowid) AS turn
      FROM ${table} WHERE ${due})
    ORDER BY turn, created_at, r LIMIT ${limit}`;
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
