import { sql } from 'drizzle-orm';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * Counts one hit in a fixed window and answers whether it is within the limit. One upsert, so it
 * holds across Worker isolates and Node processes that share the database; only a hash of what
 * is limited (which may include a client address) is stored.
 */
export async function withinLimit(db: Db, what: string, limit: Limit, now: Date): Promise<boolean> {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const key = await sha256Hex(`${what}:${start}`);
  const expiresAt = new Date(start + windowMs).toISOString();
  const [row] = await db.all<{ count: number }>(sql`
    INSERT INTO rate_limits (key, count, expires_at) VALUES (${key}, 1, ${expiresAt})
    ON CONFLICT(key) DO UPDATE SET count = count + 1 RETURNING count`);
  return Number(row?.count ?? 1) <= limit.max;
}

/** Seconds until the current window ends, for Retry-After. */
export function retryAfter(limit: Limit, now: Date): number {
  const windowMs = limit.windowSeconds * 1000;
  return Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000);
}
