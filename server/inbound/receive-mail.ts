import { and, eq } from 'drizzle-orm';
import { FIELD_LIMITS } from '../../shared/field-rules';
import { checkAttachments } from '../complaints/attachments';
import { keyHashOf } from '../complaints/idempotency';
import { submitComplaint } from '../complaints/submit';
import { sha256Hex } from '../crypto';
import { complaints } from '../db/schema';
import type { AppDeps } from '../deps';
import type { TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import { addressNetwork, type Limit, retryAfter, withinLimit } from '../http/rate-limit';
import { confirmedAddress, confirmFromMail } from './address-confirmation';
import { joinReply } from './join-reply';
import {
  MAIL_COMPLAINT_LIMIT,
  MAIL_DOMAIN_LIMIT,
  MAIL_SOURCE_LIMIT,
  mailAllowance,
  REPLY_LIMIT,
} from './limits';
import { type ParsedMail, parseMail, TooComplexMail } from './parse-mail';
import { type QuarantineReason, setAside } from './quarantine';
import { complaintOfReply, referencesIn } from './reply-reference';

export type MailOutcome =
  | { outcome: 'complaint'; number: string }
  | { outcome: 'reply'; number: string }
  | { outcome: 'setAside'; id: string; reason: QuarantineReason }
  | { outcome: 'addressConfirmed' };

/** A reply's own words: without the lines that quote earlier messages. */
function ownWords(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('>'))
    .join('\n')
    .trim();
}

/** The field names of a 422 (never the messages, which may quote a file's name). */
function fieldsOf(err: ApiError): string {
  return Object.keys(err.fields ?? {}).join(', ');
}

/** The complaint this very message became before (a redelivery), if any. */
function complaintOfMessage(deps: AppDeps, tenantId: string, idempotencyKey: string) {
  const hash = keyHashOf(tenantId, idempotencyKey) ?? '';
  return deps.db.query.complaints.findFirst({
    where: and(eq(complaints.tenantId, tenantId), eq(complaints.idempotencyKeyHash, hash)),
    columns: { number: true },
  });
}

/**
 * Which limit on new complaints by e-mail this message is over, counting it: its From address
 * (SUBMIT_RATE_LIMIT), its domain, the server that handed it over, then, only for mail within
 * those, the tenant's allowance over all senders. Null when it is within all of them.
 */
async function overMailLimit(
  deps: AppDeps,
  tenantId: string,
  mail: Pick<ParsedMail, 'connectingAddress'> & { sender: string },
  now: Date,
): Promise<string | null> {
  const sender = mail.sender.toLowerCase();
  const limits: [string, string, Limit][] = [
    ['sender', `mail:${tenantId}:${sender}`, deps.config.submitLimit],
    [
      'domain',
      `mail-domain:${tenantId}:${sender.slice(sender.lastIndexOf('@') + 1)}`,
      MAIL_DOMAIN_LIMIT,
    ],
  ];
  if (mail.connectingAddress) {
    const network = addressNetwork(mail.connectingAddress);
    limits.push(['source', `mail-source:${tenantId}:${network}`, MAIL_SOURCE_LIMIT]);
  }
  limits.push(['tenant', `mail:${tenantId}`, MAIL_COMPLAINT_LIMIT]);
  for (const [name, what, limit] of limits) {
    if (!(await withinLimit(deps.db, what, limit, now))) return name;
  }
  return null;
}

/**
 * E-mail intake, the same for the Worker's `email()` handler and `POST …/inbound-mail`: one
 * message to a tenant's complaint address becomes
 * - the confirmation of the tenant's complaint address, when it carries the tag of the message
 *   sent to prove it (address-confirmation.ts);
 * - a reply joining its complaint, when it carries a valid reference of ours (headers or
 *   subject; see reply-reference.ts), never by its sender alone;
 * - otherwise a new complaint through `submitComplaint` (channel e-mail, the receipt moment from
 *   the message, the sender as complainant, its files after the same content checks), once per
 *   message however often it is delivered;
 * - or, when it cannot be taken in whole (too large, unreadable, no sender, automatic, no text,
 *   too long, files refused, other fields refused, the complaint address not yet confirmed, or
 *   over a limit on new complaints by e-mail: see overMailLimit), a message set aside for staff.
 * Refused outright (an ApiError): a complaint over `REPLY_LIMIT`, or a full quarantine.
 */
export async function receiveMail(
  deps: AppDeps,
  tenant: TenantRecord,
  raw: Uint8Array,
): Promise<MailOutcome> {
  const now = deps.clock();
  const sha256 = sha256Hex(raw);
  const keep = async (
    reason: QuarantineReason,
    mail?: ParsedMail,
    more: { detail?: string; complaintId?: string } = {},
  ): Promise<MailOutcome> => {
    const { id } = await setAside(deps.db, {
      tenantId: tenant.id,
      raw,
      sha256,
      reason,
      ...more,
      from: mail?.from?.address,
      subject: mail?.subject,
      receivedAt: now,
    });
    return { outcome: 'setAside', id, reason };
  };
  if (raw.byteLength > mailAllowance(tenant.procedure)) return keep('too_large');
  let mail: ParsedMail;
  try {
    mail = await (deps.parseMail ?? parseMail)(raw);
  } catch (err) {
    return keep(err instanceof TooComplexMail ? 'too_complex' : 'unreadable');
  }
  if (await confirmFromMail(deps.db, deps.config.secretKey, tenant.id, mail, now)) {
    return { outcome: 'addressConfirmed' };
  }
  const locale = tenant.procedure.locale;
  const refuseOver = async (what: string, limit: Limit) => {
    if (!(await withinLimit(deps.db, what, limit, now))) {
      throw new ApiError(429, 'rate_limited', undefined, { retryAfter: retryAfter(limit, now) });
    }
  };

  const replyTo = await complaintOfReply(
    deps.db,
    deps.config.secretKey,
    tenant.id,
    referencesIn(mail),
  );
  if (replyTo) {
    const text = ownWords(mail.text);
    const complaintId = replyTo.id;
    if (text.length > FIELD_LIMITS.description) return keep('too_long', mail, { complaintId });
    let files: ReturnType<typeof checkAttachments>;
    try {
      files = checkAttachments(mail.files, tenant.procedure, locale);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return keep('attachments', mail, { complaintId, detail: fieldsOf(err) });
    }
    await refuseOver(`reply:${complaintId}`, REPLY_LIMIT);
    await joinReply(deps.db, tenant, replyTo, {
      from: mail.from?.address ?? '',
      subject: mail.subject,
      text,
      files,
      sha256,
      at: now,
    });
    return { outcome: 'reply', number: replyTo.number };
  }

  // Out-of-office replies and bounces never become complaints (and so never get an answer).
  if (mail.automatic) return keep('automatic', mail);
  if (!mail.from) return keep('no_sender', mail);
  const description = [mail.subject, mail.text].filter(Boolean).join('\n\n');
  if (description === '') return keep('empty', mail);
  if (description.length > FIELD_LIMITS.description) return keep('too_long', mail);
  // Until the tenant has proven its complaint address, mail makes no complaints (nor answers).
  if (!(await confirmedAddress(deps.db, tenant.id))) return keep('address_unconfirmed', mail);
  const idempotencyKey = `mail:${sha256}`;
  const earlier = await complaintOfMessage(deps, tenant.id, idempotencyKey);
  if (earlier) return { outcome: 'complaint', number: earlier.number };
  const overLimit = await overMailLimit(
    deps,
    tenant.id,
    { sender: mail.from.address, connectingAddress: mail.connectingAddress },
    now,
  );
  if (overLimit) return keep('rate_limited', mail, { detail: overLimit });
  const name = mail.from.name.replace(/\s+/g, ' ').trim().slice(0, FIELD_LIMITS.name);
  const receivedAt = mail.receivedAt && mail.receivedAt <= now ? mail.receivedAt : null;
  try {
    const answer = await submitComplaint(deps, {
      tenant,
      actor: { kind: 'system', name: 'e-mail' },
      body: {
        channel: 'email',
        ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
        complainant: { email: mail.from.address, ...(name ? { name } : {}) },
        description,
      },
      files: mail.files,
      idempotencyKey,
      locale,
      clientAddress: 'e-mail',
      byMail: true,
    });
    return { outcome: 'complaint', number: answer.number };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 422) throw err;
    const fields = fieldsOf(err);
    return keep(fields.startsWith('attachments') ? 'attachments' : 'invalid', mail, {
      detail: fields,
    });
  }
}
