import { sql } from 'drizzle-orm';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/**
 * The part of a client address that limits count under: an IPv4 address whole, an IPv6 address by
 * its /64 network. One subscriber holds at least a /64, so counting per IPv6 address would give
 * one client 2^64 fresh allowances (sign-in failures, submissions, tracking look-ups). An
 * IPv4-mapped IPv6 address counts as its IPv4 address; what does not parse is kept as it is.
 */
export function addressNetwork(address: string): string {
  const bare = (address.split('%')[0] ?? '').toLowerCase();
  if (!bare.includes(':')) return address;
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return mapped[1];
  const halves = bare.split('::');
  if (halves.length > 2) return address;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return address;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!all.slice(0, 4).every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${all
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
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

/**
 * Keys (a tenant and a client network) the in-process attempt count holds at once. An entry is a
 * few dozen bytes; past this the oldest windows go first, so a sender with many networks costs
 * memory up to here and no further (what it wins back is an allowance that is counted again).
 */
export const ATTEMPT_KEYS = 10_000;

/**
 * Counts attempts per key in fixed windows, in this process only: for refusing a request before
 * its body is read, without a database round trip. The database's counts stay the rule; this
 * only keeps a sender from making the server read, parse and hash body after body.
 */
export class AttemptCounter {
  /** In insertion order, which is the order of the windows' starts: the oldest come first. */
  #windows = new Map<string, { start: number; count: number }>();

  constructor(readonly maxKeys = ATTEMPT_KEYS) {}

  /** Counts one attempt under `key`; whether it is within `limit`. */
  hit(key: string, limit: Limit, now: Date): boolean {
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    let window = this.#windows.get(key);
    if (window?.start !== start) {
      this.#windows.delete(key);
      this.#makeRoom(start);
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count <= limit.max;
  }

  /** How many keys are held (for the tests of the bound). */
  get size(): number {
    return this.#windows.size;
  }

  #makeRoom(start: number) {
    for (const [key, window] of this.#windows) {
      if (this.#windows.size < this.maxKeys && window.start >= start) return;
      this.#windows.delete(key);
    }
  }
}
