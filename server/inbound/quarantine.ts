import { Buffer } from 'node:buffer';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { complaints, inboundQuarantine } from '../db/schema';
import { ApiError } from '../http/errors';
import { QUARANTINE_LIMIT } from './limits';

/** Why a message was set aside instead of taken in. */
export const QUARANTINE_REASONS = [
  'too_large',
  'too_complex',
  'unreadable',
  'no_sender',
  'automatic',
  'empty',
  'too_long',
  'attachments',
  'invalid',
  'rate_limited',
  'address_unconfirmed',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export interface SetAside {
  tenantId: string;
  raw: Uint8Array;
  sha256: string;
  reason: QuarantineReason;
  detail?: string;
  /** The complaint it is a reply to, when its reference was valid. */
  complaintId?: string;
  from?: string;
  subject?: string;
  receivedAt: Date;
}

/**
 * Keeps a message whole for staff to look at. The same message delivered again is kept once.
 * When the tenant's quarantine is full (QUARANTINE_LIMIT) it is refused with 429, so it goes
 * back to its sender rather than being dropped.
 */
export async function setAside(db: Db, mail: SetAside): Promise<{ id: string }> {
  const same = and(
    eq(inboundQuarantine.tenantId, mail.tenantId),
    eq(inboundQuarantine.sha256, mail.sha256),
  );
  const existing = await db.query.inboundQuarantine.findFirst({
    where: same,
    columns: { id: true },
  });
  if (existing) return existing;
  const [held] = await db
    .select({
      n: sql<number>`COUNT(*)`,
      bytes: sql<number>`COALESCE(SUM(${inboundQuarantine.size}), 0)`,
    })
    .from(inboundQuarantine)
    .where(eq(inboundQuarantine.tenantId, mail.tenantId));
  if (
    Number(held?.n ?? 0) >= QUARANTINE_LIMIT.messages ||
    Number(held?.bytes ?? 0) + mail.raw.byteLength > QUARANTINE_LIMIT.bytes
  ) {
    throw new ApiError(429, 'mailbox_full', undefined, { retryAfter: 3600 });
  }
  const id = newId();
  await db
    .insert(inboundQuarantine)
    .values({
      id,
      tenantId: mail.tenantId,
      reason: mail.reason,
      detail: mail.detail?.slice(0, 500) ?? null,
      complaintId: mail.complaintId ?? null,
      size: mail.raw.byteLength,
      sha256: mail.sha256,
      receivedAt: mail.receivedAt.toISOString(),
      pdFrom: mail.from?.slice(0, 320) ?? null,
      pdSubject: mail.subject?.slice(0, 500) ?? null,
      pdRaw: Buffer.from(mail.raw),
    })
    .onConflictDoNothing();
  return (
    (await db.query.inboundQuarantine.findFirst({ where: same, columns: { id: true } })) ?? { id }
  );
}

/** The tenant's set-aside messages, newest first, without their bytes. */
export function listSetAside(db: Db, tenantId: string, limit = QUARANTINE_LIMIT.messages) {
  return db
    .select({
      id: inboundQuarantine.id,
      reason: inboundQuarantine.reason,
      detail: inboundQuarantine.detail,
      complaintNumber: complaints.number,
      size: inboundQuarantine.size,
      receivedAt: inboundQuarantine.receivedAt,
      from: inboundQuarantine.pdFrom,
      subject: inboundQuarantine.pdSubject,
    })
    .from(inboundQuarantine)
    .leftJoin(complaints, eq(complaints.id, inboundQuarantine.complaintId))
    .where(eq(inboundQuarantine.tenantId, tenantId))
    .orderBy(desc(inboundQuarantine.receivedAt), desc(sql`${inboundQuarantine}.rowid`))
    .limit(limit);
}

/** One set-aside message of this tenant, with its bytes; null for anything else. */
export async function findSetAside(db: Db, tenantId: string, id: string) {
  return (
    (await db.query.inboundQuarantine.findFirst({
      where: and(eq(inboundQuarantine.tenantId, tenantId), eq(inboundQuarantine.id, id)),
    })) ?? null
  );
}

/** Discards a set-aside message (staff have dealt with it). Whether there was one. */
export async function discardSetAside(db: Db, tenantId: string, id: string): Promise<boolean> {
  const gone = await db
    .delete(inboundQuarantine)
    .where(and(eq(inboundQuarantine.tenantId, tenantId), eq(inboundQuarantine.id, id)))
    .returning({ id: inboundQuarantine.id });
  return gone.length > 0;
}
