import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, tenants } from './core';

export const complaints = sqliteTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    status: text('status').notNull(),
    channel: text('channel').notNull(),
    /** Instant of receipt (ISO 8601); `receivedDate` is its Amsterdam date, day 0 of the terms. */
    receivedAt: text('received_at').notNull(),
    receivedDate: text('received_date').notNull(),
    registeredAt: text('registered_at').notNull(),
    /** Amsterdam date of registration: the month a complaint counts in for the reports. */
    registeredDate: text('registered_date').notNull(),
    /** The earliest due date not yet met (null when closed or none): the register's sort key. */
    nextDueDate: text('next_due_date'),
    /**
     * Whether a term was missed for good: met after its date, or closed while past its date
     * unmet. (An open complaint past an unmet date is overdue too, read from next_due_date.)
     */
    missed: integer('missed', { mode: 'boolean' }).notNull().default(false),
    /** Whether the procedure's statutory term (if it names one) was missed for good, as above. */
    missedStatutory: integer('missed_statutory', { mode: 'boolean' }).notNull().default(false),
    /** Closed without being handled (Awb 9:8): counted as "not handled" in the reports. */
    declined: integer('declined', { mode: 'boolean' }).notNull().default(false),
    /** Whether a term of it was postponed (the yearly report counts postponements). */
    postponed: integer('postponed', { mode: 'boolean' }).notNull().default(false),
    /** Working days from receipt to closing, for a handled complaint (the yearly median). */
    handlingDays: integer('handling_days'),
    /** From when the preventive measures take effect (recorded on closing). */
    measuresEffectiveOn: text('measures_effective_on'),
    /** Number of timeline events; an action must extend it by exactly one (optimistic lock). */
    version: integer('version').notNull().default(1),
    category: text('category'),
    /** The language it was filed in (`nl`, `en`): its tracking page opens in it. */
    locale: text('locale'),
    /** The handler's name as it was when the complaint was forwarded (shown, never trusted). */
    handler: text('handler'),
    /**
     * The staff account the complaint was forwarded to: its holder handles it. Null when it was
     * forwarded to someone without an account (by name), and before it was forwarded.
     */
    handlerStaffId: text('handler_staff_id'),
    /** Where reminders and escalations for the handler go (staff data, not the complainant's). */
    handlerEmail: text('handler_email'),
    forwardedAt: text('forwarded_at'),
    feedbackAt: text('feedback_at'),
    classification: text('classification'),
    admissible: integer('admissible', { mode: 'boolean' }),
    remedy: text('remedy'),
    satisfied: integer('satisfied', { mode: 'boolean' }),
    closedAt: text('closed_at'),
    /** Set when personal data was erased (on request or at the end of retention). */
    erasedAt: text('erased_at'),
    /**
     * When the complainant's e-mail address was shown to be theirs: registered by staff or a
     * tenant key, or a tracking link we mailed to it was opened. Until then, mail to it quotes
     * nothing the sender wrote (anyone can type someone else's address into the form).
     */
    emailConfirmedAt: text('email_confirmed_at'),
    /** SHA-256 of tenant + Idempotency-Key, and of the request body it came with. */
    idempotencyKeyHash: text('idempotency_key_hash'),
    requestHash: text('request_hash'),
    /** The tracking token, encrypted with a key only the original request can derive. */
    replaySealed: text('replay_sealed'),
    pdReceiverName: text('pd_receiver_name'),
    /** Who the complaint is about (Awb 9:7: they may not handle it). */
    pdSubject: text('pd_subject'),
    pdComplainantName: text('pd_complainant_name'),
    pdComplainantInitials: text('pd_complainant_initials'),
    pdComplainantAddress: text('pd_complainant_address'),
    pdComplainantPhone: text('pd_complainant_phone'),
    pdComplainantEmail: text('pd_complainant_email'),
    pdOnBehalfOfName: text('pd_on_behalf_of_name'),
    pdOnBehalfOfInitials: text('pd_on_behalf_of_initials'),
    pdOnBehalfOfAddress: text('pd_on_behalf_of_address'),
    pdOnBehalfOfPhone: text('pd_on_behalf_of_phone'),
    pdOnBehalfOfEmail: text('pd_on_behalf_of_email'),
    pdDescription: text('pd_description'),
    pdDesiredSolution: text('pd_desired_solution'),
    pdCause: text('pd_cause'),
    pdProposedSolution: text('pd_proposed_solution'),
    pdSummary: text('pd_summary'),
    pdPreventiveMeasures: text('pd_preventive_measures'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('complaints_tenant_number').on(t.tenantId, t.number),
    uniqueIndex('complaints_tenant_year_seq').on(t.tenantId, t.year, t.seq),
    uniqueIndex('complaints_tenant_idempotency').on(t.tenantId, t.idempotencyKeyHash),
    index('complaints_tenant_received').on(t.tenantId, t.receivedDate),
    // The register's order: the next due date first (none last), then newest first.
    index('complaints_register')
      .on(
        t.tenantId,
        sql`(${t.nextDueDate} IS NULL)`,
        t.nextDueDate,
        sql`${t.year} DESC`,
        sql`${t.seq} DESC`,
      )
      .where(sql`${t.erasedAt} IS NULL`),
    // Open complaints by due date: what is overdue today, for the register and the reports;
    // with all the monthly report asks of each (missed, month, status): it never reads the table.
    index('complaints_tenant_open_due')
      .on(t.tenantId, t.nextDueDate, t.missed, t.registeredDate, t.status)
      .where(sql`${t.status} <> 'closed'`),
    // What the retention purge looks for: closed, not yet erased, oldest first.
    index('complaints_tenant_purge')
      .on(t.tenantId, t.closedAt)
      .where(sql`${t.erasedAt} IS NULL AND ${t.closedAt} IS NOT NULL`),
  ],
);

/** One row per term of a complaint: what is due when, and when it was met. */
export const deadlines = sqliteTable(
  'deadlines',
  {
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    tenantId: text('tenant_id').notNull(),
    term: text('term').notNull(),
    dueDate: text('due_date').notNull(),
    /** The engine's DueDate (explanation in nl and en, skipped days). */
    detail: text('detail', { mode: 'json' }).notNull(),
    metAt: text('met_at'),
    /** Amsterdam date of metAt, compared with dueDate to tell late from on time. */
    metDate: text('met_date'),
    postponed: integer('postponed', { mode: 'boolean' }).notNull().default(false),
    /** The due date a reminder / an escalation was dealt with for (a postponement resets it). */
    remindedFor: text('reminded_for'),
    escalatedFor: text('escalated_for'),
  },
  (t) => [
    uniqueIndex('deadlines_complaint_term').on(t.complaintId, t.term),
    index('deadlines_tenant_due').on(t.tenantId, t.metAt, t.dueDate),
  ],
);

/** The timeline of a complaint: who did what, when. */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    tenantId: text('tenant_id').notNull(),
    /** 1, 2, 3… per complaint; unique, so two concurrent actions cannot both append. */
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: text('at').notNull(),
    /** Whether the complainant sees this event on the tracking page. */
    public: integer('public', { mode: 'boolean' }).notNull().default(true),
    /** SHA-256 of the action's Idempotency-Key, so a retried action is not applied twice. */
    idempotencyKeyHash: text('idempotency_key_hash'),
    /** SHA-256 of the action and its body: the same key with another request is refused. */
    requestHash: text('request_hash'),
    actor: text('actor').notNull(),
    /** Data without personal details (ids, dates, choices). */
    data: text('data', { mode: 'json' }),
    /** Free text and anything that may identify a person. */
    pdData: text('pd_data', { mode: 'json' }),
  },
  (t) => [
    uniqueIndex('events_complaint_seq').on(t.complaintId, t.seq),
    uniqueIndex('events_complaint_idempotency').on(t.complaintId, t.idempotencyKeyHash),
  ],
);

/**
 * Messages to send, written in the same batch as the event that causes them: e-mail (relayed
 * through the mail provider) or a letter (printed and posted by staff). With the message's text
 * as it went out, this is the correspondence of the complaint's case file.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    complaintId: text('complaint_id').references(() => complaints.id),
    kind: text('kind').notNull(),
    /** 'email' or 'letter'. */
    channel: text('channel', { enum: ['email', 'letter'] })
      .notNull()
      .default('email'),
    /** pending | held | sending | sent | failed | cancelled; letters: print | posted. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    /** Recipient address and the rendered message's variables. */
    pdRecipient: text('pd_recipient'),
    pdPayload: text('pd_payload', { mode: 'json' }),
    /**
     * The message as written when its step was recorded (server/mail/frozen-message.ts), with a
     * mark where the complainant's link goes: what is sent, printed and shown in the case file.
     * Rows queued before messages were kept as written have them only once sent or posted.
     */
    pdSubject: text('pd_subject'),
    pdBody: text('pd_body'),
    pdHtml: text('pd_html'),
    /** The same message as a letter on paper (server/letters/letter-parts.ts KeptLetter). */
    pdLetter: text('pd_letter', { mode: 'json' }),
    /** When staff marked the letter as posted. */
    postedAt: text('posted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_status').on(t.status, t.nextAttemptAt),
    index('outbox_complaint').on(t.complaintId),
    // The letters a tenant still has to print and post.
    index('outbox_tenant_to_print').on(t.tenantId, t.createdAt).where(sql`${t.status} = 'print'`),
  ],
);

/**
 * Tracking links of a complaint. Each message to the complainant that carries a link mints one,
 * so only hashes are kept; the plain token lives in the outbox row until the message is sent.
 */
export const trackingTokens = sqliteTable(
  'tracking_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    tenantId: text('tenant_id').notNull(),
    /** Sent by e-mail to the complainant's address: opening it confirms that address. */
    mailed: integer('mailed', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('tracking_tokens_complaint').on(t.complaintId)],
);

/**
 * The documents of a complaint's case file: files sent with it, and files staff add on any step
 * or with an internal note. Their name and content are personal data.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    tenantId: text('tenant_id').notNull(),
    /** 'intake' (with the complaint), 'step' (added by staff with a step) or 'note' (internal). */
    source: text('source', { enum: ['intake', 'step', 'note'] })
      .notNull()
      .default('intake'),
    /** The timeline event it came with (null for intake). */
    eventSeq: integer('event_seq'),
    /** The type found from the content (magic bytes), not the one the client claimed. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    pdFilename: text('pd_filename'),
    pdContent: blob('pd_content', { mode: 'buffer' }),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_complaint').on(t.complaintId)],
);
