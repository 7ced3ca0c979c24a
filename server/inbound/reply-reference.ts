import { and, eq, isNull } from 'drizzle-orm';
import { hmacSha256, timingSafeEqual, toBase64Url } from '../crypto';
import type { Db } from '../db/client';
import { complaints } from '../db/schema';

/*
 * How a reply finds its complaint. Every message to the complainant of a tenant with an inbound
 * address carries a reference: `[2026-0042#<tag>]` at the end of its subject and
 * `<klacht.2026-0042.<tag>@<domain>>` in its References header, which mail programs carry into
 * the In-Reply-To and References of a reply. The tag is an HMAC of tenant and number under the
 * server secret, so nobody can make one for a complaint they were not written about, and it
 * never works for another tenant. The sender's address plays no part.
 */

const TAG_LENGTH = 16;
const NUMBER = '\\d{4}-\\d{4,6}';
const TAG = `[A-Za-z0-9_-]{${TAG_LENGTH}}`;
const IN_SUBJECT = new RegExp(`\\[(${NUMBER})#(${TAG})\\]`, 'g');
const IN_HEADER = new RegExp(`^<klacht\\.(${NUMBER})\\.(${TAG})@[^<>\\s]+>$`);

/** The reference tag of one complaint (96 bits of HMAC-SHA256, base64url). */
export function replyTag(secretKey: string, tenantId: string, number: string): string {
  return toBase64Url(hmacSha256(secretKey, `reply:${tenantId}:${number}`)).slice(0, TAG_LENGTH);
}

/** What a message to the complainant carries: the subject's tag and the References header. */
export function outgoingReference(
  secretKey: string,
  tenantId: string,
  number: string,
  domain: string,
) {
  const tag = replyTag(secretKey, tenantId, number);
  return { subjectTag: `[${number}#${tag}]`, references: `<klacht.${number}.${tag}@${domain}>` };
}

/** The references a message names, in its headers first, then in its subject (at most 20). */
export function referencesIn(mail: { subject: string; references: string[] }) {
  const found: { number: string; tag: string }[] = [];
  for (const id of mail.references) {
    const m = id.match(IN_HEADER);
    if (m) found.push({ number: m[1] as string, tag: m[2] as string });
  }
  for (const m of mail.subject.matchAll(IN_SUBJECT)) {
    found.push({ number: m[1] as string, tag: m[2] as string });
  }
  return found.slice(0, 20);
}

/**
 * The complaint (of this tenant, not erased) that one of the references really points to, or
 * null: an unknown, forged or foreign reference matches nothing.
 */
export async function complaintOfReply(
  db: Db,
  secretKey: string,
  tenantId: string,
  found: { number: string; tag: string }[],
) {
  for (const { number, tag } of found) {
    if (!timingSafeEqual(tag, replyTag(secretKey, tenantId, number))) continue;
    const row = await db.query.complaints.findFirst({
      where: and(
        eq(complaints.tenantId, tenantId),
        eq(complaints.number, number),
        isNull(complaints.erasedAt),
      ),
    });
    if (row) return row;
  }
  return null;
}
