import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { ApiError } from '../http/errors';
import type { KeptLetter } from '../letters/letter-parts';
import { type Composed, compose, type Known } from '../mail/compose';
import { withLinkIn } from '../mail/frozen-message';
import { keptText } from '../mail/relay';
import { openLink } from '../tracking/sealed-link';

export type OutboxRow = typeof outbox.$inferSelect;

/** One message of a complaint's case file, as the API lists it. */
export interface CorrespondenceItem {
  id: string;
  kind: string;
  channel: string;
  status: string;
  /** The e-mail address, or the name and postal address a letter goes to. */
  recipient: string | null;
  createdAt: string;
  sentAt: string | null;
  postedAt: string | null;
  lastError: string | null;
  subject: string | null;
  body: string | null;
}

/** Every message of a complaint, oldest first. */
export function messagesOf(db: Db, complaintId: string) {
  return db.query.outbox.findMany({
    where: eq(outbox.complaintId, complaintId),
    orderBy: [asc(outbox.createdAt), sql`rowid`],
  });
}

export async function findMessage(db: Db, complaintId: string, id: string): Promise<OutboxRow> {
  const row = await db.query.outbox.findFirst({
    where: and(eq(outbox.complaintId, complaintId), eq(outbox.id, id)),
  });
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** One message of the tenant's, by id (for the post book, which lists all complaints'). */
export async function findTenantMessage(db: Db, tenantId: string, id: string): Promise<OutboxRow> {
  const row = await db.query.outbox.findFirst({
    where: and(eq(outbox.tenantId, tenantId), eq(outbox.id, id)),
  });
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export interface MessageText {
  subject: string;
  body: string;
  composed: Composed | null;
}

/**
 * The text of a message: as it was written when its step was recorded (older messages: as it
 * went out once sent or posted, until then as it would be written now). The personal link is redacted unless `withLink` (the letter that is printed
 * must carry it; the case file does not keep it, as tracking tokens are stored only hashed).
 */
export async function textOf(
  db: Db,
  row: OutboxRow,
  options: { withLink: boolean; secretKey: string; now?: Date; known?: Known },
): Promise<MessageText | null> {
  // Kept as written when its step was recorded, the link put in only for the letter to post.
  if (row.pdHtml !== null && row.pdBody !== null) {
    const link = options.withLink ? (linkOf(row, options.secretKey) ?? null) : null;
    return { subject: row.pdSubject ?? '', body: withLinkIn(row.pdBody, link), composed: null };
  }
  if (row.pdBody !== null) {
    return { subject: row.pdSubject ?? '', body: row.pdBody, composed: null };
  }
  const composed = await compose(db, row, options.secretKey, options.now, options.known);
  if (!composed) return null;
  if (options.withLink) {
    return { subject: composed.rendered.subject, body: composed.rendered.text, composed };
  }
  const kept = keptText(composed.rendered, composed.trackingUrl);
  return { subject: kept.pdSubject, body: kept.pdBody, composed };
}

function recipientOf(row: OutboxRow, composed: Composed | null): string | null {
  if (row.channel === 'email') return row.pdRecipient;
  const letter = row.pdLetter as KeptLetter | null;
  if (letter)
    return [letter.recipient.name, ...letter.recipient.address].filter(Boolean).join(', ') || null;
  const to = composed?.addressee;
  return to ? [to.name, to.address].filter(Boolean).join(', ') || null : null;
}

/** The complaint's correspondence with each message's text (see `textOf`). */
export async function listCorrespondence(
  db: Db,
  complaintId: string,
  now: Date,
  secretKey: string,
): Promise<CorrespondenceItem[]> {
  const rows = await messagesOf(db, complaintId);
  return Promise.all(
    rows.map(async (row) => {
      const text = await textOf(db, row, { withLink: false, secretKey, now });
      return {
        id: row.id,
        kind: row.kind,
        channel: row.channel,
        status: row.status,
        recipient: recipientOf(row, text?.composed ?? null),
        createdAt: row.createdAt,
        sentAt: row.sentAt,
        postedAt: row.postedAt,
        lastError: row.lastError,
        subject: text?.subject ?? null,
        body: text?.body ?? null,
      };
    }),
  );
}

/** The tracking link a message waits with, opened (null: none, or it does not open). */
export function linkOf(row: OutboxRow, secretKey: string): string | null {
  const sealed = (row.pdPayload as { trackingSealed?: string } | null)?.trackingSealed;
  return sealed && row.complaintId ? openLink(sealed, secretKey, row.complaintId) : null;
}
