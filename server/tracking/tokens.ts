import { and, eq, isNull } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { complaints, trackingTokens } from '../db/schema';

/** A new tracking token (256 random bits) and the row that stores only its hash. */
export async function mintTrackingToken(tenantId: string, complaintId: string) {
  const token = randomToken(32);
  return { token, row: { tokenHash: await sha256Hex(token), complaintId, tenantId } };
}

export function trackingUrl(linkBase: string, token: string): string {
  return `${linkBase}/track/${token}`;
}

/** The complaint a token opens, or null for an unknown, revoked or erased one (all alike). */
export async function complaintForToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ complaint: complaints })
    .from(trackingTokens)
    .innerJoin(complaints, eq(complaints.id, trackingTokens.complaintId))
    .where(
      and(eq(trackingTokens.tokenHash, await sha256Hex(token)), isNull(trackingTokens.revokedAt)),
    )
    .limit(1);
  if (!row || row.complaint.erasedAt) return null;
  return row.complaint;
}
