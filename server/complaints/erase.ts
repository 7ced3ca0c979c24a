import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { attachments, complaints, events, outbox, trackingTokens } from '../db/schema';

/** Every personal-data column of a complaint, cleared on erasure and at the end of retention. */
const CLEARED = Object.fromEntries(
  Object.entries(complaints)
    .filter(([key]) => key.startsWith('pd'))
    .map(([key]) => [key, null]),
) as Partial<typeof complaints.$inferInsert>;

/**
 * Erases a complaint's personal data everywhere (complaint, timeline, outbox, attachments) and keeps an
 * anonymous tombstone: number, dates, status, category, classification and deadlines stay, so
 * the reports still count it. Messages not yet sent are cancelled.
 */
export async function eraseComplaint(db: Db, complaintId: string, now: Date, actor: string) {
  const row = await db.query.complaints.findFirst({ where: eq(complaints.id, complaintId) });
  if (!row || row.erasedAt) return;
  await db.batch([
    db.insert(events).values({
      id: crypto.randomUUID(),
      complaintId,
      tenantId: row.tenantId,
      seq: row.version + 1,
      type: 'erased',
      at: now.toISOString(),
      actor,
      public: false,
    }),
    db
      .update(complaints)
      .set({
        ...CLEARED,
        erasedAt: now.toISOString(),
        // A tombstone names no one, staff included.
        handler: null,
        handlerEmail: null,
        requestHash: null,
        replaySealed: null,
        version: row.version + 1,
      })
      .where(eq(complaints.id, complaintId)),
    db.update(events).set({ pdData: null }).where(eq(events.complaintId, complaintId)),
    db.delete(attachments).where(eq(attachments.complaintId, complaintId)),
    db
      .update(trackingTokens)
      .set({ revokedAt: now.toISOString() })
      .where(eq(trackingTokens.complaintId, complaintId)),
    db
      .update(outbox)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(outbox.complaintId, complaintId),
          inArray(outbox.status, ['pending', 'held', 'failed']),
        ),
      ),
    db
      .update(outbox)
      .set({ pdRecipient: null, pdPayload: null })
      .where(eq(outbox.complaintId, complaintId)),
  ]);
}
