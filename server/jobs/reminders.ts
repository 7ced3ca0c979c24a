import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { amsterdamDate, type WorkingCalendar } from '../../shared/deadlines';
import type { Procedure } from '../../shared/procedure';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { complaints, deadlines, outbox, staff } from '../db/schema';
import { queueWebhook, tenantsSubscribedTo } from '../webhooks/events';

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

/** Outbox rows per INSERT statement (seven values each, well within SQLite's limit). */
export const OUTBOX_ROWS_PER_INSERT = 1_000;

// Reminder windows are at most 30 working days, which never span more than 45 calendar days.
const REMINDER_HORIZON_DAYS = 45;

/**
 * Queues reminders before due dates and escalations after them. Each deadline row remembers the
 * due date it was dealt with for (remindedFor / escalatedFor), so it is looked at once per due
 * date, a backlog cannot crowd out new work, and a postponement (a new due date) starts afresh.
 * Messages have an id derived from complaint, term, due date and recipient, so concurrent runs
 * queue each one once.
 */
export async function queueReminders(
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
  // Tenants nobody could hear an escalation from (no escalation address, no staff notified of
  // overdue terms, no admin, no webhook for passed terms): their overdue complaints without a
  // handler wait, unmarked, until someone can be told, without crowding out the work that can be
  // done.
  const admins = await adminsByTenant(db);
  const hooked = await tenantsSubscribedTo(db, 'complaint.term_overdue');
  const mute = [...procedures]
    .filter(
      ([id, { procedure }]) =>
        procedure.reminders.escalateTo.length === 0 &&
        (procedure.notifications?.staff.overdue ?? []).length === 0 &&
        (admins.get(id) ?? []).length === 0 &&
        !hooked.has(id),
    )
    .map(([id, { procedure }]) =>
      procedure.appeal.term && procedure.appeal.body
        ? sql`(${deadlines.tenantId} = ${id} AND ${deadlines.term} <> ${procedure.appeal.term})`
        : sql`${deadlines.tenantId} = ${id}`,
    );
  const waiting =
    mute.length > 0
      ? sql`NOT (${deadlines.dueDate} < ${today} AND ${complaints.handlerEmail} IS NULL
          AND (${sql.join(mute, sql` OR `)}))`
      : sql`1 = 1`;
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
        waiting,
      ),
    )
    .orderBy(deadlines.dueDate)
    .limit(batch);
  const rows: (typeof outbox.$inferInsert)[] = [];
  const marks: {
    tenantId: string;
    complaintId: string;
    term: string;
    dueDate: string;
    overdue: boolean;
  }[] = [];
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
    const mark = {
      tenantId: d.tenantId,
      complaintId: d.complaintId,
      term: d.term,
      dueDate: d.dueDate,
      overdue,
    };
    if (overdue && !procedure.reminders.escalateWhenOverdue) {
      marks.push(mark);
      continue;
    }
    const kind = overdue ? 'overdue' : 'reminder';
    const notify = procedure.notifications?.staff ?? {};
    // The appeal body decides appeals, so the appeal term's messages go to it.
    const appealBody = d.term === procedure.appeal.term ? procedure.appeal.body?.email : null;
    const recipients = new Set(
      [appealBody ?? d.handlerEmail, ...(notify[kind] ?? [])].filter((x): x is string => !!x),
    );
    // Nobody is forgotten: an overdue complaint nobody answers for goes to the escalation
    // address, else to the tenant's admins, else only to its webhook; without any of them it is
    // not marked escalated.
    if (overdue && recipients.size === 0) {
      const fallback = procedure.reminders.escalateTo.length
        ? procedure.reminders.escalateTo
        : (admins.get(d.tenantId) ?? []);
      for (const to of fallback) recipients.add(to);
      if (recipients.size === 0 && !hooked.has(d.tenantId)) continue;
    }
    marks.push(mark);
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
  // SQLite binds at most 32,766 values per statement: the rows go in slices.
  const inserts = Array.from({ length: Math.ceil(rows.length / OUTBOX_ROWS_PER_INSERT) }, (_, i) =>
    db
      .insert(outbox)
      .values(rows.slice(i * OUTBOX_ROWS_PER_INSERT, (i + 1) * OUTBOX_ROWS_PER_INSERT))
      .onConflictDoNothing()
      .returning({ kind: outbox.kind }),
  );
  if (inserts.length + markStatements.length === 0) return { reminders: 0, escalations: 0 };
  // A term that passed is a webhook event, escalated by e-mail or not; each (term, due date)
  // is marked here once, and its delivery id is derived from them.
  const webhooks = marks
    .filter((m) => m.overdue)
    .map((m) =>
      queueWebhook(db, {
        tenantId: m.tenantId,
        complaintId: m.complaintId,
        type: 'complaint.term_overdue',
        term: m.term,
        dueDate: m.dueDate,
      }),
    );
  const results: unknown[] = await db.batch([...inserts, ...markStatements, ...webhooks] as never);
  const inserted = (results.slice(0, inserts.length) as { kind: string }[][]).flat();
  return {
    reminders: inserted.filter((r) => r.kind === 'reminder').length,
    escalations: inserted.filter((r) => r.kind === 'overdue').length,
  };
}

/** The e-mail addresses of each tenant's active admins. */
async function adminsByTenant(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ tenantId: staff.tenantId, email: staff.email })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), isNull(staff.disabledAt)));
  const byTenant = new Map<string, string[]>();
  for (const r of rows) byTenant.set(r.tenantId, [...(byTenant.get(r.tenantId) ?? []), r.email]);
  return byTenant;
}
