import { and, eq, isNull } from 'drizzle-orm';
import type { Procedure } from '../../shared/procedure';
import { hmacSha256, randomToken, timingSafeEqual, toBase64Url } from '../crypto';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { inboundAddresses, outbox, tenants } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { withinLimit } from '../http/rate-limit';
import { ADDRESS_CONFIRMATION_LIMIT } from './limits';

/*
 * A complaint address is proven before it is used (issue 22, item 15). Naming an address in the
 * procedure claims it and sends a confirmation message to it; when the address is set up right,
 * that message comes back in through this tenant's own intake (Email Routing or the tenant's
 * provider posting to its inbound-mail route), and its tag confirms the claim. Only someone
 * whose mail for that address reaches this tenant's intake can make that happen: the tag is an
 * HMAC under the server secret, and the tenant never sees it (it is written when the message is
 * sent, and the kept copy has it redacted). Until then mail to the address makes no complaints
 * and our messages do not name it as Reply-To; an unconfirmed claim blocks no other tenant.
 */

/** The outbox kind of the confirmation message (no complaint: written by the relay from here). */
export const ADDRESS_CONFIRMATION_KIND = 'inboundAddressConfirmation';

const TAG_LENGTH = 22;
const TAG_IN_TEXT = new RegExp(`klacht-bevestiging:([A-Za-z0-9_-]{${TAG_LENGTH}})`, 'g');

function confirmationTag(secretKey: string, tenantId: string, address: string, nonce: string) {
  const mac = hmacSha256(secretKey, `inbound-confirm:${tenantId}:${address}:${nonce}`);
  return toBase64Url(mac).slice(0, TAG_LENGTH);
}

/** The tenant's confirmed complaint address, or null (none named, or not proven yet). */
export async function confirmedAddress(db: Db, tenantId: string): Promise<string | null> {
  const row = await db.query.inboundAddresses.findFirst({
    where: eq(inboundAddresses.tenantId, tenantId),
  });
  return row?.confirmedAt ? row.address : null;
}

/**
 * Records the address the procedure now names (after it was saved). A new address starts a
 * new claim; while it is not confirmed, every save sends a confirmation message, at most
 * ADDRESS_CONFIRMATION_LIMIT a day (beyond it the claim stands and waits for the next day's
 * save). No address: the claim, confirmed or not, is gone.
 */
export async function claimAddress(db: Db, tenantId: string, procedure: Procedure, now: Date) {
  const address = procedure.inbound?.address;
  const current = await db.query.inboundAddresses.findFirst({
    where: eq(inboundAddresses.tenantId, tenantId),
  });
  if (!address) {
    if (current) await db.delete(inboundAddresses).where(eq(inboundAddresses.tenantId, tenantId));
    return;
  }
  if (current?.address === address && current.confirmedAt) return;
  const claim = {
    tenantId,
    address,
    nonce: current?.address === address ? current.nonce : randomToken(16),
    requestedAt: now.toISOString(),
    confirmedAt: null,
  };
  const send = await withinLimit(
    db,
    `address-confirm:${tenantId}`,
    ADDRESS_CONFIRMATION_LIMIT,
    now,
  );
  await db.batch([
    db
      .insert(inboundAddresses)
      .values(claim)
      .onConflictDoUpdate({ target: inboundAddresses.tenantId, set: claim }),
    ...(send
      ? [
          db.insert(outbox).values({
            id: newId(),
            tenantId,
            complaintId: null,
            kind: ADDRESS_CONFIRMATION_KIND,
            status: 'pending',
            pdRecipient: address,
            pdPayload: {},
          }),
        ]
      : []),
  ]);
}

/**
 * Confirms the tenant's claim when this message carries its tag (in the subject or the text,
 * which forwarding keeps): true when it did. The address of another tenant's confirmed claim
 * stays theirs (a unique index).
 */
export async function confirmFromMail(
  db: Db,
  secretKey: string,
  tenantId: string,
  mail: { subject: string; text: string },
  now: Date,
): Promise<boolean> {
  const claim = await db.query.inboundAddresses.findFirst({
    where: and(eq(inboundAddresses.tenantId, tenantId), isNull(inboundAddresses.confirmedAt)),
  });
  if (!claim) return false;
  const expected = confirmationTag(secretKey, tenantId, claim.address, claim.nonce);
  const tags = [...`${mail.subject}\n${mail.text}`.matchAll(TAG_IN_TEXT)].slice(0, 20);
  if (!tags.some((m) => timingSafeEqual(m[1] as string, expected))) return false;
  try {
    const done = await db
      .update(inboundAddresses)
      .set({ confirmedAt: now.toISOString() })
      .where(and(eq(inboundAddresses.tenantId, tenantId), eq(inboundAddresses.nonce, claim.nonce)))
      .returning({ tenantId: inboundAddresses.tenantId });
    return done.length > 0;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

const TEXT = {
  subject: (name: string, tag: string) =>
    `Bevestig het klachtadres van ${name} / Confirm the complaint address [klacht-bevestiging:${tag}]`,
  body: (name: string, address: string, tag: string) =>
    [
      `${name} wil e-mail aan ${address} als klachten laten binnenkomen in zijn klachtenregeling.`,
      'Is dit adres goed ingesteld, dan komt dit bericht vanzelf bij de klachtenregeling binnen en is het adres daarmee bevestigd. U hoeft niets te doen.',
      `Leest u dit als persoon? Dan stuurt dit adres nog niet door naar de klachtenregeling. Hoort ${address} niet bij ${name}, dan kunt u dit bericht negeren: zonder bevestiging wordt er niets met e-mail aan dit adres gedaan.`,
      `${name} wants e-mail to ${address} to come in as complaints in its complaint procedure. When the address is set up right, this message reaches the procedure by itself and so confirms the address; nothing needs to be done. If you read this in person, the address does not forward to the procedure yet; if it is not ${name}'s, ignore this message: without confirmation nothing is done with mail to it.`,
      `klacht-bevestiging:${tag}`,
    ].join('\n\n'),
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The confirmation message of an outbox row, written when it is sent; null when there is
 * nothing to confirm any more (the address changed, or is confirmed). `redact` is the tag, which
 * the copy the outbox keeps must not hold.
 */
export async function confirmationMessage(
  db: Db,
  row: typeof outbox.$inferSelect,
  secretKey: string,
) {
  const [claim, tenant] = await Promise.all([
    db.query.inboundAddresses.findFirst({ where: eq(inboundAddresses.tenantId, row.tenantId) }),
    db.query.tenants.findFirst({ where: eq(tenants.id, row.tenantId) }),
  ]);
  if (!claim || !tenant || claim.confirmedAt || claim.address !== row.pdRecipient) return null;
  const tag = confirmationTag(secretKey, row.tenantId, claim.address, claim.nonce);
  const text = TEXT.body(tenant.name, claim.address, tag);
  return {
    to: claim.address,
    senderName: tenant.name,
    rendered: {
      subject: TEXT.subject(tenant.name, tag),
      text,
      html: `<!doctype html><html lang="nl"><body>${text
        .split('\n\n')
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join('')}</body></html>`,
    },
    // Out-of-office replies and other intakes leave an automatic message alone.
    headers: { 'Auto-Submitted': 'auto-generated' },
    redact: tag,
  };
}
