import { and, asc, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../shared/localised';
import { findAttachment } from '../complaints/attachments';
import type { ComplaintRow } from '../complaints/complaint-records';
import type { Db } from '../db/client';
import { complaints, outbox } from '../db/schema';
import type { TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import type { LetterDocument } from '../letters/letter-document';
import { type KeptLetter, keptLetter } from '../letters/letter-parts';
import type { WriteLetter } from '../letters/letter-render';
import { acknowledgeDelivered } from '../mail/acknowledged';
import { compose } from '../mail/compose';
import { withLinkIn } from '../mail/frozen-message';
import { withoutLink } from '../tracking/sealed-link';
import { linkOf, type OutboxRow, textOf } from './correspondence';

/**
 * Any message of the case file as a letter on A4 (an e-mail too, for the file or to post a copy),
 * as it was written when its step was recorded: printed again, it is the same letter. A letter
 * still to be posted carries the personal tracking link when `withLink` (for whoever posts it);
 * every other copy leaves it out.
 */
export async function letterOf(
  db: Db,
  tenant: TenantRecord,
  row: OutboxRow,
  now: Date,
  write: WriteLetter,
  secretKey: string,
  options: { withLink: boolean; complaint?: ComplaintRow },
): Promise<Uint8Array> {
  const withLink = options.withLink && row.status === 'print';
  const complaint =
    options.complaint?.id === row.complaintId
      ? options.complaint
      : await db.query.complaints.findFirst({ where: eq(complaints.id, row.complaintId ?? '') });
  if (!complaint || complaint.erasedAt) throw new ApiError(404, 'not_found');
  const kept = row.pdLetter as KeptLetter | null;
  const letter =
    kept ?? (await letterWrittenNow(db, tenant, row, complaint, { withLink, secretKey, now }));
  if (!letter) throw new ApiError(404, 'not_found');
  const link = withLink ? linkOf(row, secretKey) : null;
  return (await write(await asPrinted(db, complaint.id, letter, link))).pdf;
}

/**
 * The letter of a message queued before messages were kept as written: written from the
 * complaint now, dated when it went out.
 */
async function letterWrittenNow(
  db: Db,
  tenant: TenantRecord,
  row: OutboxRow,
  complaint: ComplaintRow,
  options: { withLink: boolean; secretKey: string; now: Date },
): Promise<KeptLetter | null> {
  const known = { complaint, tenant };
  const composed = await compose(db, row, options.secretKey, options.now, known);
  const text = await textOf(db, row, { ...options, known });
  if (!text) return null;
  const dated = row.postedAt ?? row.sentAt;
  const parts = composed?.rendered.parts ?? {
    salutation: null,
    paragraphs: text.body.split('\n\n'),
    closing: '',
    signature: [],
  };
  return keptLetter(text.subject, parts, {
    locale: ((row.pdPayload as { locale?: Locale } | null)?.locale ??
      tenant.procedure.locale) as Locale,
    tenantName: tenant.name,
    procedure: tenant.procedure,
    number: complaint.number,
    receivedDate: complaint.receivedDate,
    recipient: { name: complaint.pdComplainantName, address: complaint.pdComplainantAddress },
    emailedTo: row.channel === 'email' ? row.pdRecipient : null,
    madeAt: dated ? new Date(dated) : options.now,
  });
}

/**
 * The letter as it is printed: the link put in (or left out), and the documents it encloses read
 * from the case file (one no longer there is listed, not added).
 */
async function asPrinted(
  db: Db,
  complaintId: string,
  letter: KeptLetter,
  link: string | null,
): Promise<LetterDocument> {
  const kinds = ['application/pdf', 'image/png', 'image/jpeg'] as const;
  const enclosures: LetterDocument['enclosures'] = await Promise.all(
    letter.enclosures.map(async ({ title, attachmentId }) => {
      const file = attachmentId ? await findAttachment(db, complaintId, attachmentId) : undefined;
      const type = kinds.find((kind) => kind === file?.contentType);
      return file?.pdContent && type
        ? { title, content: { type, bytes: new Uint8Array(file.pdContent) } }
        : { title };
    }),
  );
  return { ...letter, paragraphs: letter.paragraphs.map((p) => withLinkIn(p, link)), enclosures };
}

/**
 * Records that a letter was printed and posted: its text is kept as it went out (without the
 * personal link), and a posted acknowledgement meets the acknowledgement term. Marking it
 * again changes nothing.
 */
export async function markPosted(
  db: Db,
  row: OutboxRow,
  now: Date,
  secretKey: string,
): Promise<void> {
  if (row.status === 'posted') return;
  if (row.status !== 'print') throw new ApiError(409, 'not_a_letter_to_post');
  const text = await textOf(db, row, { withLink: false, secretKey, now });
  if (!text) throw new ApiError(404, 'not_found');
  const payload = withoutLink(row.pdPayload);
  const updated = await db
    .update(outbox)
    .set({
      status: 'posted',
      postedAt: now.toISOString(),
      // A letter kept as written already is what went out; an older one is kept now.
      ...(row.pdHtml === null ? { pdSubject: text.subject, pdBody: text.body } : {}),
      pdPayload: payload,
    })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'print')))
    .returning({ id: outbox.id });
  if (updated.length > 0 && row.kind === 'acknowledgement') {
    await acknowledgeDelivered(db, row, now, 'letter posted');
  }
}

/** The letters a tenant still has to print and post, oldest first, with their complaint. */
export function lettersToPrint(db: Db, tenantId: string) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      createdAt: outbox.createdAt,
      number: complaints.number,
      name: complaints.pdComplainantName,
      address: complaints.pdComplainantAddress,
    })
    .from(outbox)
    .innerJoin(complaints, eq(complaints.id, outbox.complaintId))
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.status, 'print')))
    .orderBy(asc(outbox.createdAt), sql`${outbox}.rowid`);
}
