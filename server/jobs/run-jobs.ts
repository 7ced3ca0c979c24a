import { and, eq, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import {
  addDays,
  amsterdamDate,
  endOfAmsterdamDay,
  makeCalendar,
  type WorkingCalendar,
} from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
import { eraseComplaint } from '../complaints/erase';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { complaints, deadlines, outbox, rateLimits, tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import { type RelayReport, relayOutbox } from '../mail/relay';

export interface JobsReport {
  asOf: string;
  dryRun: boolean;
  outbox: RelayReport;
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
}

/**
 * The scheduled work, called by the Worker's cron trigger, a timer in the Node entry and
 * `npm run jobs`. Every job is idempotent: reminders and escalations have one outbox row per
 * complaint, term and due date (a fixed id), the purge skips what is already erased, and the
 * relay claims rows in one statement. Running twice, or concurrently, changes nothing more.
 */
export async function runJobs(
  deps: AppDeps,
  now: Date,
  options: JobOptions = {},
): Promise<JobsReport> {
  const dryRun = options.dryRun ?? false;
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
    mailer: deps.mailer,
    from: deps.config.mailFrom,
    dryRun,
    batchSize: Math.min(batch, 100),
    perSecond: options.perSecond ?? deps.config.mailPerSecond,
    sleep: options.sleep,
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
    reminders,
    escalations,
    purged,
    rateLimitsCleared,
  };
}

function workingDaysBefore(calendar: WorkingCalendar, date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0; ) {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    day = d.toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

// Reminder windows are at most 30 working days, which never span more than 45 calendar days.
const REMINDER_HORIZON_DAYS = 45;

/**
 * Queues reminders before due dates and escalations after them. Each deadline row remembers the
 * due date it was dealt with for (remindedFor / escalatedFor), so it is looked at once per due
 * date, a backlog cannot crowd out new work, and a postponement (a new due date) starts afresh.
 * Messages have an id derived from complaint, term, due date and recipient, so concurrent runs
 * queue each one once.
 */
async function queueReminders(
  db: Db,
  now: Date,
  procedures: Map<string, { procedure: Procedure; calendar: WorkingCalendar }>,
  batch: number,
  dryRun: boolean,
) {
  const today = amsterdamDate(now);
  const horizon = new Date(now.getTime() + REMINDER_HORIZON_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const candidates = await db
    .select({
      complaintId: deadlines.complaintId,
      tenantId: deadlines.tenantId,
      term: deadlines.term,
      dueDate: deadlines.dueDate,
      handlerEmail: complaints.handlerEmail,
    })
    .from(deadlines)
    .innerJoin(complaints, eq(complaints.id, deadlines.complaintId))
    .where(
      and(
        isNull(deadlines.metAt),
        ne(complaints.status, 'closed'),
        isNull(complaints.erasedAt),
        sql`((${deadlines.dueDate} >= ${today} AND ${deadlines.dueDate} <= ${horizon}
              AND ${deadlines.remindedFor} IS NOT ${deadlines.dueDate})
          OR (${deadlines.dueDate} < ${today}
              AND ${deadlines.escalatedFor} IS NOT ${deadlines.dueDate}))`,
      ),
    )
    .orderBy(deadlines.dueDate)
    .limit(batch);
  const rows: (typeof outbox.$inferInsert)[] = [];
  const marks: { complaintId: string; term: string; dueDate: string; overdue: boolean }[] = [];
  let reminders = 0;
  let escalations = 0;
  for (const d of candidates) {
    const tenant = procedures.get(d.tenantId);
    if (!tenant) continue;
    const { procedure, calendar } = tenant;
    const overdue = d.dueDate < today;
    const reminderDay = workingDaysBefore(
      calendar,
      d.dueDate,
      procedure.reminders.workingDaysBefore,
    );
    // Not yet: the deadline comes back on a later run, when its reminder day has come.
    if (!overdue && today < reminderDay) continue;
    marks.push({ complaintId: d.complaintId, term: d.term, dueDate: d.dueDate, overdue });
    if (overdue && !procedure.reminders.escalateWhenOverdue) continue;
    const kind = overdue ? 'overdue' : 'reminder';
    const staff = procedure.notifications?.staff ?? {};
    // The appeal body decides appeals, so the appeal term's messages go to it.
    const appealBody = d.term === procedure.appeal.term ? procedure.appeal.body?.email : null;
    const recipients = new Set(
      [appealBody ?? d.handlerEmail, ...(staff[kind] ?? [])].filter((x): x is string => !!x),
    );
    if (recipients.size === 0) continue;
    if (overdue) escalations++;
    else reminders++;
    for (const to of recipients) {
      rows.push({
        id: `${kind}:${await sha256Hex(`${d.complaintId}:${d.term}:${d.dueDate}:${to}`)}`,
        tenantId: d.tenantId,
        complaintId: d.complaintId,
        kind,
        status: 'pending',
        pdRecipient: to,
        pdPayload: { term: d.term, locale: procedure.locale },
      });
    }
  }
  if (dryRun) return { reminders, escalations };
  const markStatements = marks.map((m) =>
    db
      .update(deadlines)
      .set(m.overdue ? { escalatedFor: m.dueDate } : { remindedFor: m.dueDate })
      .where(and(eq(deadlines.complaintId, m.complaintId), eq(deadlines.term, m.term))),
  );
  const inserts =
    rows.length > 0
      ? [db.insert(outbox).values(rows).onConflictDoNothing().returning({ kind: outbox.kind })]
      : [];
  if (inserts.length + markStatements.length === 0) return { reminders: 0, escalations: 0 };
  const results = await db.batch([...inserts, ...markStatements] as never);
  const inserted = (rows.length > 0 ? results[0] : []) as { kind: string }[];
  return {
    reminders: inserted.filter((r) => r.kind === 'reminder').length,
    escalations: inserted.filter((r) => r.kind === 'overdue').length,
  };
}

/**
 * The last moment a complaint may have been closed for its retention to be over by `now`:
 * retention runs through the Amsterdam closing date `years` later, so on the day after that
 * anniversary the complaint goes (closed on 29 February, it goes on 1 March).
 */
export function retentionCutoff(now: Date, years: number): string {
  const [y = 0, m = 1, d = 1] = amsterdamDate(now).split('-').map(Number);
  const anniversaryOfToday = new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
  return endOfAmsterdamDay(addDays(anniversaryOfToday, -1)).toISOString();
}

/** Erases complaints whose retention ended: closing date + the tenant's retention years. */
async function purgeExpired(
  db: Db,
  now: Date,
  procedures: Map<string, { procedure: Procedure }>,
  batch: number,
  dryRun: boolean,
) {
  let purged = 0;
  for (const [tenantId, { procedure }] of procedures) {
    const cutoff = retentionCutoff(now, procedure.retention.years);
    const expired = await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(
          eq(complaints.tenantId, tenantId),
          isNull(complaints.erasedAt),
          isNotNull(complaints.closedAt),
          lte(complaints.closedAt, cutoff),
        ),
      )
      .limit(batch - purged);
    for (const { id } of expired) {
      if (!dryRun) await eraseComplaint(db, id, now, 'retention');
      purged++;
    }
    if (purged >= batch) break;
  }
  return purged;
}
