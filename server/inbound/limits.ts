import type { Procedure } from '../../shared/procedure';
import type { Limit } from '../http/rate-limit';

/**
 * The most bytes of one inbound message that are read at all (what Cloudflare Email Routing
 * itself accepts). A larger one is refused unread: the route answers 413 and the Worker rejects
 * it, so the sender's mail server reports it to the sender; it is never silently dropped.
 */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;

/** Room for a message's text, HTML, headers and inline images, beyond the files it may bring. */
export const MAIL_TEXT_ALLOWANCE = 1024 * 1024;

/**
 * Set-aside messages kept per tenant, in number and in bytes. Beyond it, a message that would
 * be set aside is refused to its sender (429 on the route, a rejection on the Worker) until
 * staff have discarded some.
 */
export const QUARANTINE_LIMIT = { messages: 200, bytes: 100 * 1024 * 1024 };

/**
 * Replies that join one complaint per window. Anyone who got our acknowledgement holds the
 * complaint's reference; each reply adds to its timeline and files and tells its handler.
 * Beyond it, 429: the sender's mail server tries again later.
 */
export const REPLY_LIMIT: Limit = { max: 30, windowSeconds: 3600 };

/**
 * New complaints by e-mail per tenant per window, over all senders: a sender's address is its
 * own to choose, so the per-sender limits alone do not hold back a flood from many places (nor
 * the acknowledgements it would send to addresses made up for it). Only mail within every
 * per-sender limit counts here, so one flood cannot use it up for everyone else. Beyond it a
 * message is set aside for staff (`rate_limited`): no complaint, no acknowledgement, and never
 * refused, so a genuine sender's mail is not bounced.
 */
export const MAIL_COMPLAINT_LIMIT: Limit = { max: 100, windowSeconds: 600 };

/**
 * New complaints by e-mail per tenant per window from one sender domain (the From address's,
 * which anyone can write: `spammer1@…`, `spammer2@…` are one domain). Beyond it, set aside as
 * above. Generous, since many genuine senders share a mail provider's domain.
 */
export const MAIL_DOMAIN_LIMIT: Limit = { max: 20, windowSeconds: 600 };

/**
 * New complaints by e-mail per tenant per window from one connecting address (an IPv4 address
 * or an IPv6 /64), as the newest Received header names it: the one thing about a message its
 * sender does not choose, because our side's receiving server writes it. Beyond it, set aside.
 */
export const MAIL_SOURCE_LIMIT: Limit = { max: 20, windowSeconds: 600 };

/**
 * The most bytes a message to this tenant may have to be taken in: the text allowance plus the
 * attachments the procedure allows (count × size, in base64) when it allows any. A larger
 * message is set aside whole, unparsed.
 */
export function mailAllowance(procedure: Procedure): number {
  const { mode, maxCount, maxBytes } = procedure.form.attachments;
  const files = mode === 'hidden' ? 0 : Math.ceil((maxCount * maxBytes * 4) / 3);
  return Math.min(MAX_MAIL_BYTES, MAIL_TEXT_ALLOWANCE + files);
}

/**
 * MIME parts one message may have, counting every multipart and every part in it (nested
 * forwards too). A message with more is set aside unread (`too_complex`): whoever mails the
 * complaint address chooses the parts, and each costs the parser time and memory. Mail
 * programs write a handful; a complaint with every file a procedure may allow (ten) and a forwarded
 * thread stays far below.
 */
export const MAX_MAIL_PARTS = 100;

/** How deep multiparts may nest in one message (mail programs nest three or four); beyond it, set aside. */
export const MAX_MAIL_DEPTH = 20;

/**
 * Header bytes of one message, all parts together; the parser counts every header line as at
 * least 64 bytes, so this also bounds their number (2,048 lines, which cost the parser some
 * 30 ms). A message's own headers, with its Received and signature chains, take a few KB; a
 * long thread's References some more. Beyond it, set aside.
 */
export const MAX_MAIL_HEADER_BYTES = 128 * 1024;

/**
 * Confirmation messages per tenant per window (server/inbound/address-confirmation.ts). Each
 * goes to an address the tenant names, which may be another organisation's: at most a few a
 * day, so no tenant can fill someone else's mailbox (or set-aside mail) with them.
 */
export const ADDRESS_CONFIRMATION_LIMIT: Limit = { max: 5, windowSeconds: 86_400 };
