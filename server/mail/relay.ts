import { and, eq, sql } from 'drizzle-orm';
import { claimDue } from '../db/claims';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { logError } from '../http/errors';
import {
  ADDRESS_CONFIRMATION_KIND,
  confirmationMessage,
  confirmedAddress,
} from '../inbound/address-confirmation';
import { outgoingReference } from '../inbound/reply-reference';
import { withoutLink } from '../tracking/sealed-link';
import { acknowledgeDelivered } from './acknowledged';
import { type Composed, compose } from './compose';
import { type Mailer, mailbox } from './mailer';

type OutboxRow = typeof outbox.$inferSelect;

export interface RelayOptions {
  mailer?: Mailer;
  /** The sending address, e.g. klachten@klachtenregeling.nl (verified at Resend). */
  from: string;
  batchSize?: number;
  /** Resend allows 2 requests per second by default. */
  perSecond?: number;
  maxAttempts?: number;
  dryRun?: boolean;
  sleep?: (ms: number) => Promise<void>;
  /** How long a claimed message is this run's (tests shorten it). */
  leaseMs?: number;
  /** When the lease starts: `now`, or later in a run that did other work first. */
  leaseFrom?: () => Date;
  /**
   * The server secret: it opens the sealed tracking links, and messages to the complainant of a
   * tenant with an inbound address carry a reference made with it, so a reply finds its
   * complaint (inbound/reply-reference.ts).
   */
  secretKey: string;
}

export interface RelayReport {
  sent: number;
  retrying: number;
  failed: number;
  held: number;
  cancelled: number;
}

// A claimed row is ours for this long; a process that dies mid-send leaves it to the next run,
// which resends with the same Idempotency-Key, so the provider delivers it once.
const LEASE_MS = 10 * 60_000;

function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Sends what the outbox holds, oldest first, in a bounded batch. Without a mailer (no
 * RESEND_API_KEY) messages are marked "held": kept and visible, never pretended to be sent.
 */
export async function relayOutbox(db: Db, now: Date, options: RelayOptions): Promise<RelayReport> {
  const report: RelayReport = { sent: 0, retrying: 0, failed: 0, held: 0, cancelled: 0 };
  const iso = now.toISOString();
  if (options.dryRun) {
    const [row] = await db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM outbox
      WHERE status IN ('pending', 'sending', 'held') AND (next_attempt_at IS NULL OR next_attempt_at <= ${iso})`);
    report[options.mailer ? 'sent' : 'held'] = Number(row?.n ?? 0);
    return report;
  }
  if (!options.mailer) {
    const held = await db
      .update(outbox)
      .set({ status: 'held' })
      .where(eq(outbox.status, 'pending'))
      .returning({ id: outbox.id });
    report.held = held.length;
    return report;
  }
  const due = sql`status IN ('pending', 'held', 'sending')
    AND (next_attempt_at IS NULL OR next_attempt_at <= ${iso})`;
  const claim = await claimDue(db, outbox, due, {
    limit: options.batchSize ?? 50,
    from: options.leaseFrom?.() ?? now,
    leaseMs: options.leaseMs ?? LEASE_MS,
  });
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const gap = 1000 / (options.perSecond ?? 2);
  let first = true;
  for (const [i, { id }] of claim.rows.entries()) {
    if (Date.now() > claim.startBy) {
      await claim.release(claim.rows.slice(i).map((row) => row.id));
      break;
    }
    const row = await db.query.outbox.findFirst({ where: eq(outbox.id, id) });
    if (!row) continue;
    let message: Outgoing | null;
    try {
      message = await outgoing(db, row, options.secretKey, now);
    } catch (err) {
      // One message that cannot be written must not hold up the others; it is retried later.
      await db
        .update(outbox)
        .set({
          status: 'pending',
          lastError: `render: ${(err as Error).message}`,
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)).toISOString(),
        })
        .where(eq(outbox.id, id));
      report.retrying++;
      continue;
    }
    if (!message?.to) {
      await db
        .update(outbox)
        .set({ status: 'cancelled', pdRecipient: null, pdPayload: null })
        .where(eq(outbox.id, id));
      report.cancelled++;
      continue;
    }
    if (!first) await sleep(gap);
    first = false;
    const result = await options.mailer.send(
      {
        from: mailbox(message.senderName, options.from),
        to: message.to,
        replyTo: message.replyTo,
        subject: message.rendered.subject,
        text: message.rendered.text,
        html: message.rendered.html,
        ...(message.headers ? { headers: message.headers } : {}),
      },
      row.id,
    );
    const at = new Date();
    if (result.ok) {
      // The link's token is only needed to write the message; keep nothing usable after sending.
      const payload = withoutLink(row.pdPayload);
      await db
        .update(outbox)
        .set({
          status: 'sent',
          sentAt: at.toISOString(),
          lastError: null,
          nextAttemptAt: null,
          pdPayload: payload,
          // The case file keeps what was sent, without the link's token (stored only hashed); a
          // message kept as written when its step was recorded already is.
          ...(row.pdHtml === null ? keptText(message.rendered, message.redact) : {}),
        })
        .where(eq(outbox.id, id));
      report.sent++;
      if (row.kind === 'acknowledgement') {
        // Sent is sent: recording the acknowledgement must not make the relay stop here.
        await acknowledgeDelivered(db, row, at, 'acknowledgement e-mail').catch((err: Error) =>
          logError(`acknowledgement of outbox ${row.id} not recorded`, err),
        );
      }
    } else if (result.retryable && row.attempts < (options.maxAttempts ?? 20)) {
      const wait = result.retryAfterSeconds
        ? result.retryAfterSeconds * 1000
        : backoffMs(row.attempts);
      await db
        .update(outbox)
        .set({
          status: 'pending',
          lastError: result.error,
          nextAttemptAt: new Date(at.getTime() + wait).toISOString(),
        })
        .where(eq(outbox.id, id));
      report.retrying++;
    } else {
      await db
        .update(outbox)
        .set({ status: 'failed', lastError: result.error })
        .where(eq(outbox.id, id));
      report.failed++;
    }
  }
  return report;
}

/** The subject and text of a message as the case file keeps them: the personal link redacted. */
export function keptText(
  rendered: { subject: string; text: string },
  trackingUrl: string | undefined,
) {
  const redact = (text: string) =>
    trackingUrl ? text.replaceAll(trackingUrl, '[persoonlijke link / personal link]') : text;
  return { pdSubject: redact(rendered.subject), pdBody: redact(rendered.text) };
}

/**
 * Puts a tenant's failed messages back in line, from the first attempt: for when the cause (a
 * key, a domain, a mailbox) has been fixed. Returns how many.
 */
export async function requeueFailed(db: Db, tenantId: string): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: null })
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  return rows.length;
}

/** A message as the relay sends it; `redact` is what the kept copy must not hold (a token). */
interface Outgoing {
  to: string | null;
  senderName: string;
  replyTo?: string;
  rendered: { subject: string; text: string; html: string };
  headers?: Record<string, string>;
  redact?: string;
}

/** Writes one outbox row's message; null when there is nothing to send any more. */
async function outgoing(
  db: Db,
  row: OutboxRow,
  secretKey: string,
  now: Date,
): Promise<Outgoing | null> {
  if (row.kind === ADDRESS_CONFIRMATION_KIND) return confirmationMessage(db, row, secretKey);
  const composed = await compose(db, row, secretKey, now);
  // Never without its link: the message waits, saying why.
  if (composed?.linkLost) {
    throw new Error('the tracking link does not open (KLACHT_SECRET_KEY changed?)');
  }
  if (!composed) return null;
  const inbound = await confirmedAddress(db, row.tenantId);
  return { ...withReference(composed, row, secretKey, inbound), redact: composed.trackingUrl };
}

/**
 * A message to the complainant of a tenant with a confirmed complaint address goes with that
 * address as Reply-To and carries the complaint's reference (inbound/reply-reference.ts), so the
 * complainant's replies go to the complaint address and find their complaint. An address the
 * tenant has not proven is never named (inbound/address-confirmation.ts).
 */
function withReference(
  message: Composed,
  row: OutboxRow,
  secretKey: string,
  inbound: string | null,
) {
  if (!inbound || !message.toComplainant) return { ...message, headers: undefined };
  const reference = outgoingReference(
    secretKey,
    row.tenantId,
    message.number,
    inbound.split('@')[1] ?? '',
  );
  return {
    ...message,
    replyTo: inbound,
    rendered: {
      ...message.rendered,
      subject: `${message.rendered.subject} ${reference.subjectTag}`,
    },
    headers: { References: reference.references },
  };
}
