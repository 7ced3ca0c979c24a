import { and, eq } from 'drizzle-orm';
import { attachmentRows, type IncomingFile } from '../complaints/attachments';
import type { ComplaintRow } from '../complaints/complaint-records';
import { keyHashOf } from '../complaints/idempotency';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { attachments, complaints, events, outbox } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { TenantRecord } from '../http/context';

/** The timeline event of a reply by e-mail: internal, its text kept as personal data. */
export const REPLY_EVENT = 'replyReceived';

export interface Reply {
  from: string;
  subject: string;
  text: string;
  /** Checked already (checkAttachments). */
  files: IncomingFile[];
  /** SHA-256 of the message: the same message delivered twice joins once. */
  sha256: string;
  at: Date;
}

/**
 * A reply joins its complaint's case file: an internal timeline event (`replyReceived`, the
 * sender, subject and text in `pd_data`), its files in the attachments, and a message to the
 * handler (or, before there is one, to the staff who hear of new complaints), in one batch. The
 * status and the terms do not change. The event's sequence number is the complaint's next, so a
 * step at the same moment makes one of the two try again.
 */
export async function joinReply(
  db: Db,
  tenant: TenantRecord,
  complaint: ComplaintRow,
  reply: Reply,
): Promise<void> {
  const keyHash = keyHashOf(complaint.id, `mail:${reply.sha256}`);
  let row = complaint;
  for (let attempt = 0; ; attempt++) {
    const seq = row.version + 1;
    const files = attachmentRows(tenant.id, row.id, reply.files);
    const staff = tenant.procedure.notifications?.staff?.received ?? [];
    const notify = row.handlerEmail ? [row.handlerEmail] : staff;
    try {
      await db.batch([
        db.insert(events).values({
          id: newId(),
          complaintId: row.id,
          tenantId: tenant.id,
          seq,
          type: REPLY_EVENT,
          at: reply.at.toISOString(),
          actor: 'system:e-mail',
          public: false,
          idempotencyKeyHash: keyHash,
          data: { channel: 'email', attachments: files.map((f) => f.id) },
          pdData: { from: reply.from, subject: reply.subject, text: reply.text },
        }),
        db
          .update(complaints)
          .set({ version: seq })
          .where(and(eq(complaints.id, row.id), eq(complaints.version, row.version))),
        ...(files.length > 0 ? [db.insert(attachments).values(files)] : []),
        ...notify.map((to) =>
          db.insert(outbox).values({
            id: newId(),
            tenantId: tenant.id,
            complaintId: row.id,
            kind: REPLY_EVENT,
            status: 'pending',
            pdRecipient: to,
            pdPayload: { eventSeq: seq, locale: tenant.procedure.locale },
          }),
        ),
      ]);
      return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Joined before (a retried delivery), or a step took this sequence number: look again.
      const joined = await db.query.events.findFirst({
        where: and(eq(events.complaintId, row.id), eq(events.idempotencyKeyHash, keyHash ?? '')),
      });
      if (joined || attempt >= 3) {
        if (joined) return;
        throw err;
      }
      row = (await db.query.complaints.findFirst({ where: eq(complaints.id, row.id) })) ?? row;
    }
  }
}
