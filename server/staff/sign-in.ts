import { and, eq, lt, sql } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { rateLimits, sessions, signInFailures, staff } from '../db/schema';
import { addressNetwork, type Limit, withinLimit } from '../http/rate-limit';
import type { StaffRow } from './accounts';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { SESSION_HOURS } from './sessions';

/** After this many wrong passwords from one address, that address is locked out of the account. */
export const ACCOUNT_FAILURES = 5;
/** The first lockout; every next one (after ACCOUNT_FAILURES more) lasts twice as long. */
export const LOCK_MINUTES = 15;
/** The longest lockout. */
export const MAX_LOCK_HOURS = 24;
/** Failed sign-ins per client address per window, over all accounts and tenants. */
export const ADDRESS_FAILURES = 20;
export const WINDOW_MINUTES = 15;
/** Password checks (PBKDF2) run at the same time in one process; others wait their turn. */
export const CONCURRENT_PASSWORD_CHECKS = 2;

const ADDRESS_LIMIT: Limit = { max: ADDRESS_FAILURES, windowSeconds: WINDOW_MINUTES * 60 };
const addressKey = (address: string) => `signin:${addressNetwork(address)}`;

/** Failures so far in this window; the same key `withinLimit` counts them under. */
async function addressFailures(db: Db, address: string, now: Date): Promise<number> {
  const windowMs = ADDRESS_LIMIT.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const key = await sha256Hex(`${addressKey(address)}:${start}`);
  const row = await db.query.rateLimits.findFirst({ where: eq(rateLimits.key, key) });
  return row?.count ?? 0;
}

async function countAddressFailure(db: Db, address: string, now: Date) {
  await withinLimit(db, addressKey(address), ADDRESS_LIMIT, now);
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now.toISOString()));
}

/**
 * Failures are counted per tenant, e-mail address (as typed, normalised) and client network,
 * whether or not an account has that address: an unknown address is counted and locked like a
 * known one, so nothing in the work done tells the two apart.
 */
const failureKey = (tenantId: string, email: string, address: string) =>
  sha256Hex(`${tenantId}:${email}:${addressNetwork(address)}`);

/** How long the n-th lockout lasts: 15 minutes, 30, 60, … at most a day. */
export function lockMinutes(failures: number): number {
  const lockouts = Math.floor(failures / ACCOUNT_FAILURES);
  return Math.min(LOCK_MINUTES * 2 ** Math.max(0, lockouts - 1), MAX_LOCK_HOURS * 60);
}

interface Attempt {
  tenantId: string;
  /** Trimmed and lower case. */
  email: string;
  /** The failure key of this e-mail address and client network. */
  key: string;
  now: Date;
}

/** Counts a failure for this address; every ACCOUNT_FAILURES-th locks it out for a while. */
async function countAccountFailure(db: Db, { tenantId, email, key, now }: Attempt) {
  const expiresAt = new Date(now.getTime() + MAX_LOCK_HOURS * 3600_000).toISOString();
  const [row] = await db
    .insert(signInFailures)
    .values({ key, failures: 1, expiresAt })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: { failures: sql`${signInFailures.failures} + 1`, expiresAt },
    })
    .returning({ failures: signInFailures.failures });
  const failures = row?.failures ?? 1;
  if (failures % ACCOUNT_FAILURES !== 0) return;
  const lockedUntil = new Date(now.getTime() + lockMinutes(failures) * 60_000).toISOString();
  await db.batch([
    db.update(signInFailures).set({ lockedUntil }).where(eq(signInFailures.key, key)),
    // Admins see that someone is being kept out (of an account there is); it stays open.
    db
      .update(staff)
      .set({ lockedUntil })
      .where(and(eq(staff.tenantId, tenantId), eq(staff.email, email))),
    db.delete(signInFailures).where(lt(signInFailures.expiresAt, now.toISOString())),
  ]);
}

async function lockedOut(db: Db, { key, now }: Attempt) {
  const row = await db.query.signInFailures.findFirst({ where: eq(signInFailures.key, key) });
  return row?.lockedUntil ? row.lockedUntil > now.toISOString() : false;
}

/**
 * Runs password checks one at a time per client address and at most `limit` at a time in all,
 * so a burst of sign-ins costs its sender time, not every other tenant.
 */
export class PasswordCheckGate {
  #running = 0;
  #waiting: (() => void)[] = [];
  #perAddress = new Map<string, Promise<unknown>>();

  constructor(readonly limit = CONCURRENT_PASSWORD_CHECKS) {}

  run<T>(address: string, work: () => Promise<T>): Promise<T> {
    const before = this.#perAddress.get(address) ?? Promise.resolve();
    const mine = before.then(() => this.#slot(work));
    const settled = mine.catch(() => undefined);
    this.#perAddress.set(address, settled);
    void settled.then(() => {
      if (this.#perAddress.get(address) === settled) this.#perAddress.delete(address);
    });
    return mine;
  }

  async #slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

export type SignInResult = { ok: true; token: string; staff: StaffRow } | { ok: false };

/**
 * Checks e-mail and password. A wrong password, an unknown or disabled account, an address
 * locked out of the account and a throttled address all give the same `{ ok: false }`, so the
 * answer tells nobody which accounts exist, and so does the work: every attempt from an address
 * within its allowance derives PBKDF2 once (against a dummy hash when there is no usable
 * account, also when the address is locked out) and counts its failure alike. A throttled
 * address costs no derivation, for any account, so guessing from one address is bounded
 * (ADDRESS_FAILURES per window) and cannot slow the service for others.
 */
export async function signIn(
  db: Db,
  gate: PasswordCheckGate,
  input: { tenantId: string; email: string; password: string; address: string; now: Date },
): Promise<SignInResult> {
  const { tenantId, now, address } = input;
  const email = input.email.trim().toLowerCase();
  const account = await db.query.staff.findFirst({
    where: and(eq(staff.tenantId, tenantId), eq(staff.email, email)),
  });
  const usable = account && account.disabledAt === null ? account : undefined;
  const attempt: Attempt = {
    tenantId,
    email,
    key: await failureKey(tenantId, email, address),
    now,
  };
  const verified = await gate.run(address, async () => {
    // Read inside the gate, so a burst from one address sees the failures before it.
    if ((await addressFailures(db, address, now)) >= ADDRESS_FAILURES) return false;
    const locked = await lockedOut(db, attempt);
    const check = await verifyPassword(input.password, usable?.passwordHash ?? dummyHash());
    if (!usable || locked || !check.ok) {
      await countAddressFailure(db, address, now);
      await countAccountFailure(db, attempt);
      return false;
    }
    return check;
  });
  if (!verified || !usable) return { ok: false };
  const token = randomToken(32);
  const passwordHash = verified.needsRehash
    ? await hashPassword(input.password)
    : usable.passwordHash;
  await db.batch([
    db.update(staff).set({ passwordHash }).where(eq(staff.id, usable.id)),
    db.delete(signInFailures).where(eq(signInFailures.key, attempt.key)),
    db.insert(sessions).values({
      tokenHash: await sha256Hex(token),
      staffId: usable.id,
      tenantId,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    }),
    db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())),
  ]);
  return { ok: true, token, staff: usable };
}
