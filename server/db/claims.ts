import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

/** A row claimed from a queue by `claimDue`: its line (whose turns it takes) and its place in it. */
export interface ClaimedRow {
  id: string;
  line: string;
  createdAt: string;
  n: number;
}

/** What a run claimed: the rows, in turns, and how to give back what it did not start. */
export interface Claim<T extends ClaimedRow> {
  rows: T[];
  /**
   * The moment (ms) after which the run starts none of the rows: half their lease. A claimed row
   * is the run's until its lease ends, and then any run may take it again; so what a slow
   * receiver or provider kept this run from starting goes back in line instead of being sent
   * while another run may send it too.
   */
  startBy: number;
  /**
   * Rows this run did not start, back in line as if never claimed: due, attempt not counted.
   * Only those this claim still holds: a row another run took after the lease is left alone.
   */
  release: (ids: string[]) => Promise<void>;
}

export interface ClaimOptions {
  limit: number;
  /** When the lease starts (on the run's clock); it ends `leaseMs` later. */
  from: Date;
  leaseMs: number;
  /** The lines that take turns (default: tenants). */
  line?: SQL;
  /** More columns for each row. */
  returning?: SQL;
}

/**
 * Claims at most `limit` rows of a queue (`table`: the outbox, webhook deliveries) that match
 * `due`, in one statement, so concurrent runs never take the same row: each becomes `sending`,
 * this run's until its lease ends, with its attempt counted. Lines take turns: every line's
 * oldest row, then every line's second, and so on, so one tenant's backlog (the acknowledgements
 * of an import, a receiver that is down) never keeps another's waiting, in the claim or in the
 * order the run works through it.
 */
export async function claimDue<T extends ClaimedRow>(
  db: Db,
  table: SQLiteTable,
  due: SQL,
  options: ClaimOptions,
): Promise<Claim<T>> {
  const line = options.line ?? sql`tenant_id`;
  const lease = new Date(options.from.getTime() + options.leaseMs).toISOString();
  const rows = await db.all<T>(sql`UPDATE ${table}
    SET status = 'sending', next_attempt_at = ${lease}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM (
        SELECT id, created_at, rowid AS r,
          ROW_NUMBER() OVER (PARTITION BY ${line} ORDER BY created_at, rowid) AS turn
        FROM ${table} WHERE ${due})
      ORDER BY turn, created_at, r LIMIT ${options.limit})
    RETURNING id, ${line} AS line, created_at AS createdAt, rowid AS n
      ${options.returning ? sql`, ${options.returning}` : sql``}`);
  return {
    rows: inTurns(rows),
    startBy: Date.now() + options.leaseMs / 2,
    async release(ids) {
      if (ids.length === 0) return;
      const list = sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      );
      await db.run(sql`UPDATE ${table}
        SET status = 'pending', attempts = attempts - 1, next_attempt_at = NULL
        WHERE status = 'sending' AND next_attempt_at = ${lease} AND id IN (${list})`);
    },
  };
}

/**
 * Claimed rows in the order a run works through them: lines in turns, each line's rows in the
 * order they were queued. RETURNING promises no order, and rows queued in one batch share their
 * created_at, so the rowid breaks ties (a closing step's `step_done` before its `closed`).
 */
export function inTurns<T extends ClaimedRow>(rows: T[]): T[] {
  const queued = [...rows].sort((a, b) =>
    a.createdAt === b.createdAt ? a.n - b.n : a.createdAt < b.createdAt ? -1 : 1,
  );
  const taken = new Map<string, number>();
  const withTurns = queued.map((row) => {
    const turn = (taken.get(row.line) ?? 0) + 1;
    taken.set(row.line, turn);
    return { row, turn };
  });
  // A stable sort: within a turn, rows stay in the order they were queued.
  return withTurns.sort((a, b) => a.turn - b.turn).map(({ row }) => row);
}
