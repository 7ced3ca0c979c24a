import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import {
  attachments,
  complaints,
  events,
  inboundQuarantine,
  outbox,
  trackingTokens,
} from '../db/schema';

/** Every personal-data column of a table (`pd…`), set to null. */
function cleared<T extends object>(table: T): Record<string, null> {
  return Object.fromEntries(
    Object.keys(table)
      .filter((key) => key.startsWith('pd'))
      .map((key) => [key, null]),
  );
}

/** Cleared on erasure and at the end of retention: the complaint's and its messages' texts. */
const COMPLAINT_CLEARED = cleared(complaints) as Partial<typeof complaints.$inferInsert>;
const OUTBOX_CLEARED = cleared(outbox) as Partial<typeof outbox.$inferInsert>;

/** Complaints erased in one batch (each statement names them all). */
export const ERASE_CHUNK = 200;

/** Erases one complaint; see `eraseComplaints`. */
export async function eraseComplaint(db: Db, complaintId: string, now: Date, actor: string) {
  await eraseComplaints(db, [complaintId], now, actor);
}

/**
 * Erases complaints' personal data everywhere (complaint, timeline, correspondence, documents,
 * notes and replies set aside) and keeps anonymous tombstones: number, dates, status, category,
 * classification and deadlines stay, so the reports still count them. Messages not yet sent and
 * letters not yet posted are cancelled. Each chunk of complaints is one batch; afterwards a local
 * database file is checkpointed, so the erased data leaves the write-ahead log as well as the
 * file. Returns how many were erased.
 */
export async function eraseComplaints(
  db: Db,
  complaintIds: string[],
  now: Date,
  actor: string,
): Promise<number> {
  let erased = 0;
  for (let i = 0; i < complaintIds.length; i += ERASE_CHUNK) {
    const rows = await db
      .select({ id: complaints.id, tenantId: complaints.tenantId, version: complaints.version })
      .from(complaints)
      .where(
        and(
          inArray(complaints.id, complaintIds.slice(i, i + ERASE_CHUNK)),
          isNull(complaints.erasedAt),
        ),
      );
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const at = now.toISOString();
    await db.batch([
      db.insert(events).values(
        rows.map((row) => ({
          id: newId(),
          complaintId: row.id,
          tenantId: row.tenantId,
          seq: row.version + 1,
          type: 'erased',
          at,
          actor,
          public: false,
        })),
      ),
      db
        .update(complaints)
        .set({
          ...COMPLAINT_CLEARED,
          erasedAt: at,
          // A tombstone names no one, staff included.
          handler: null,
          handlerStaffId: null,
          handlerEmail: null,
          requestHash: null,
          replaySealed: null,
          version: sql`${complaints.version} + 1`,
        })
        .where(inArray(complaints.id, ids)),
      db.update(events).set({ pdData: null }).where(inArray(events.complaintId, ids)),
      db.delete(attachments).where(inArray(attachments.complaintId, ids)),
      // Replies to it that were set aside for staff.
      db.delete(inboundQuarantine).where(inArray(inboundQuarantine.complaintId, ids)),
      db
        .update(trackingTokens)
        .set({ revokedAt: at })
        .where(and(inArray(trackingTokens.complaintId, ids), isNull(trackingTokens.revokedAt))),
      db
        .update(outbox)
        .set({ status: 'cancelled' })
        .where(
          and(
            inArray(outbox.complaintId, ids),
            inArray(outbox.status, ['pending', 'held', 'failed', 'print']),
          ),
        ),
      db.update(outbox).set(OUTBOX_CLEARED).where(inArray(outbox.complaintId, ids)),
    ]);
    erased += rows.length;
  }
  if (erased > 0) await checkpoint(db);
  return erased;
}

/** Moves a local file's write-ahead log into the file and empties it (no-op for a server). */
async function checkpoint(db: Db) {
  if (db.$client.protocol === 'file') await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
}
