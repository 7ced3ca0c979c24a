import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, tenants } from './core';

/* Who may get in: staff accounts and sessions, and the counters that keep guessers out. */

/** Fixed-window counters for rate limits (public submissions, sign-ins, tracking look-ups). */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    /** SHA-256 of what is limited (e.g. tenant + client address) and the window's start. */
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  // Expired windows are deleted after failed sign-ins and by the jobs: without it, a scan of
  // every counter of every tenant.
  (t) => [index('rate_limits_expires').on(t.expiresAt)],
);

/**
 * Failed sign-ins per account and client address. An address that keeps guessing is locked out
 * of that account, for longer each time; the account stays open to everyone else, its owner
 * included, so nobody can lock a colleague out.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    /** SHA-256 of the account id and the client address. */
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lockedUntil: text('locked_until'),
    /** Forgotten a day after the last failure. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sign_in_failures_expires').on(t.expiresAt)],
);

/** Staff accounts of a tenant, for the admin view. */
export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /**
     * The name in lower case with its spaces tidied (`staffNameKey`): one account per name in a
     * tenant, so nobody picks a colleague's name to pass for them in a list of handlers.
     */
    nameKey: text('name_key').notNull().default(''),
    /** receiver | handler | appealBody | admin */
    role: text('role').notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`: scheme and parameters travel with it. */
    passwordHash: text('password_hash').notNull(),
    /** Unused since lockouts are per address (sign_in_failures); kept for older rows. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    /** The latest lockout of some address from this account, shown to admins. */
    lockedUntil: text('locked_until'),
    disabledAt: text('disabled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_tenant_email').on(t.tenantId, t.email),
    uniqueIndex('staff_tenant_name').on(t.tenantId, t.nameKey),
  ],
);

/** Staff sessions; the cookie holds the token, the table only its hash. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    tenantId: text('tenant_id').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_staff').on(t.staffId), index('sessions_expires').on(t.expiresAt)],
);
