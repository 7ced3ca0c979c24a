import { and, asc, eq, sql } from 'drizzle-orm';
import { amsterdamDate, formatLongDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { ComplaintRow } from '../complaints/complaint-records';
import type { Db } from '../db/client';
import { complaints, outbox } from '../db/schema';
import type { TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import type { RenderLetter } from '../letters/letter-pdf';
import { acknowledgeDelivered } from '../mail/acknowledged';
import { withoutLink } from '../tracking/sealed-link';
import { type OutboxRow, textOf } from './correspondence';

const LABELS = {
  nl: { reference: 'Ons kenmerk', subject: 'Onderwerp' },
  en: { reference: 'Our reference', subject: 'Subject' },
} as const;

/** The sender's lines under its name: postal address, then phone, e-mail and website. */
function letterheadLines(tenant: TenantRecord): string[] {
  const head = tenant.procedure.letterhead;
  if (!head) return [];
  return [...head.address, head.phone, head.email, head.website].filter((line): line is string =>
    Boolean(line),
  );
}

/**
 * Any message of the case file as a letter on A4 (an e-mail too, for the file or to post a copy):
 * the organisation's letterhead, the addressee, the date it went out (or today), the complaint
 * number and the text. A letter still to be posted carries the personal tracking link when
 * `withLink` (for whoever posts it); every other copy leaves it out.
 */
export async function letterOf(
  db: Db,
  tenant: TenantRecord,
  row: OutboxRow,
  now: Date,
  render: RenderLetter,
  secretKey: string,
  options: { withLink: boolean; complaint?: ComplaintRow },
): Promise<Uint8Array> {
  const withLink = options.withLink && row.status === 'print';
  const known = { complaint: options.complaint, tenant };
  const text = await textOf(db, row, { withLink, secretKey, now, known });
  const complaint =
    options.complaint?.id === row.complaintId
      ? options.complaint
      : await db.query.complaints.findFirst({ where: eq(complaints.id, row.complaintId ?? '') });
  if (!text || !complaint || complaint.erasedAt) throw new ApiError(404, 'not_found');
  const locale = ((row.pdPayload as { locale?: Locale } | null)?.locale ??
    tenant.procedure.locale) as Locale;
  const dated = row.postedAt ?? row.sentAt;
  const addressLine =
    row.channel === 'email' ? (row.pdRecipient ?? '') : (complaint.pdComplainantAddress ?? '');
  return render({
    from: {
      name: tenant.procedure.notifications?.senderName ?? tenant.name,
      lines: letterheadLines(tenant),
    },
    to: {
      name: (row.channel === 'email' ? null : complaint.pdComplainantName) ?? '',
      address: addressLine,
    },
    date: formatLongDate(amsterdamDate(dated ? new Date(dated) : now), locale),
    reference: { label: LABELS[locale].reference, value: complaint.number },
    subject: { label: LABELS[locale].subject, value: text.subject },
    body: text.body,
  });
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
      pdSubject: text.subject,
      pdBody: text.body,
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
