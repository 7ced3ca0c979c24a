import { and, eq, isNull } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import { complaints, trackingTokens } from '../db/schema';

/**
 * A new tracking token (256 random bits) and the row that stores only its hash; `mailed` when it
 * goes by e-mail to the complainant's address (opening it then confirms that address).
 */
export async function mintTrackingToken(tenantId: string, complaintId: string, mailed = false) {
  const token = randomToken(32);
  return { token, row: { tokenHash: await sha256Hex(token), complaintId, tenantId, mailed } };
}

export function trackingUrl(linkBase: string, token: string): string {
  return `${linkBase}/track/${token}`;
}

/**
 * The complaint a token opens, or null for an unknown, revoked or erased one (all alike). A
 * token we mailed to the complainant's address confirms that address the first time it is used:
 * whoever opens it reads the mail that goes there.
 */
export async function complaintForToken(db: Db, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ complaint: complaints, mailed: trackingTokens.mailed })
    .from(trackingTokens)
    .innerJoin(complaints, eq(complaints.id, trackingTokens.complaintId))
    .where(
      and(eq(trackingTokens.tokenHash, await sha256Hex(token)), isNull(trackingTokens.revokedAt)),
    )
    .limit(1);
  if (!row || row.complaint.erasedAt) return null;
  if (row.mailed && row.complaint.emailConfirmedAt === null) {
    const at = now.toISOString();
    await db
      .update(complaints)
      .set({ emailConfirmedAt: at })
      .where(and(eq(complaints.id, row.complaint.id), isNull(complaints.emailConfirmedAt)));
    return { ...row.complaint, emailConfirmedAt: at };
  }
  return row.complaint;
}
