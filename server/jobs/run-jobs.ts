import { lt } from 'drizzle-orm';
import { makeCalendar, type WorkingCalendar } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
import { rateLimits, tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import { type RelayReport, relayOutbox } from '../mail/relay';
import { deliverWebhooks, type WebhookReport } from '../webhooks/deliver';
import { queueReminders } from './reminders';
import { purgeExpired } from './retention-purge';

export interface JobsReport {
  asOf: string;
  dryRun: boolean;
  outbox: RelayReport;
  webhooks: WebhookReport;
  reminders: number;
  escalations: number;
  purged: number;
  rateLimitsCleared: number;
}

export interface JobOptions {
  dryRun?: boolean;
  /** Upper bound of rows each job looks at per run; the next run continues. */
  batchSize?: number;
  /** Messages per second to the mail provider; the configured rate by default. */
  perSecond?: number;
  sleep?: (ms: number) => Promise<void>;
  /** How long a webhook receiver may take to answer. */
  webhookTimeoutMs?: number;
}

/**
 * The scheduled work, called by the Worker's cron trigger, a timer in the Node entry and
 * `npm run jobs`: reminders and escalations, the retention purge, the outbox and the webhooks.
 * Every job is idempotent: reminders and escalations have one outbox row per complaint, term and
 * due date (a fixed id), the purge skips what is already erased, and the relay and the webhooks
 * claim rows in one statement. Running twice, or concurrently, changes nothing more.
 */
export async function runJobs(
  deps: AppDeps,
  now: Date,
  options: JobOptions = {},
): Promise<JobsReport> {
  const dryRun = options.dryRun ?? false;
  const started = Date.now();
  // `now` moved on by the time the run has taken: leases start when their rows are claimed (the
  // webhooks, after a minute of sending mail), while due dates and backoff keep to `now`.
  const leaseFrom = () => new Date(now.getTime() + (Date.now() - started));
  const batch = options.batchSize ?? 500;
  const procedures = new Map<string, { procedure: Procedure; calendar: WorkingCalendar }>();
  for (const t of await deps.db.select().from(tenants)) {
    const procedure = t.procedure as Procedure;
    procedures.set(t.id, { procedure, calendar: makeCalendar(procedure.calendar) });
  }
  const { reminders, escalations } = await queueReminders(deps.db, now, procedures, batch, dryRun);
  const purged = await purgeExpired(deps.db, now, procedures, batch, dryRun);
  // Queued after reminders, so a run sends the reminders it just made.
  const report = await relayOutbox(deps.db, now, {
    leaseFrom,
    mailer: deps.mailer,
    from: deps.config.mailFrom,
    dryRun,
    batchSize: Math.min(batch, 100),
    perSecond: options.perSecond ?? deps.config.mailPerSecond,
    sleep: options.sleep,
    secretKey: deps.config.secretKey,
  });
  const webhooks = await deliverWebhooks(deps, now, {
    leaseFrom,
    dryRun,
    batchSize: Math.min(batch, 100),
    timeoutMs: options.webhookTimeoutMs,
  });
  let rateLimitsCleared = 0;
  if (!dryRun) {
    const cleared = await deps.db
      .delete(rateLimits)
      .where(lt(rateLimits.expiresAt, now.toISOString()))
      .returning({ key: rateLimits.key });
    rateLimitsCleared = cleared.length;
  }
  return {
    asOf: now.toISOString(),
    dryRun,
    outbox: report,
    webhooks,
    reminders,
    escalations,
    purged,
    rateLimitsCleared,
  };
}
