import type { AppDeps } from '../deps';
import type { TenantRecord } from '../http/context';
import { ApiError } from '../http/errors';
import { confirmFromMail } from './address-confirmation';
import { claimantsOf, tenantByInboundAddress } from './inbound-address';
import { MAIL_TEXT_ALLOWANCE, MAX_MAIL_BYTES } from './limits';
import { type ParsedMail, parseMail } from './parse-mail';
import { type MailOutcome, receiveMail } from './receive-mail';

/** What Cloudflare Email Routing hands a Worker's `email()` handler (ForwardableEmailMessage). */
export interface InboundEmail {
  /** The envelope recipient: the tenant's complaint address. */
  readonly to: string;
  readonly raw: ReadableStream<Uint8Array>;
  readonly rawSize: number;
  setReject(reason: string): void;
}

async function readAll(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ApiError(413, 'payload_too_large');
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Whether this message confirms one of the tenants that claimed its address. */
async function confirmsClaim(deps: AppDeps, claimants: TenantRecord[], raw: Uint8Array) {
  if (raw.byteLength > MAIL_TEXT_ALLOWANCE) return false;
  let mail: ParsedMail;
  try {
    mail = await (deps.parseMail ?? parseMail)(raw);
  } catch {
    return false;
  }
  for (const claimant of claimants) {
    if (await confirmFromMail(deps.db, deps.config.secretKey, claimant.id, mail, deps.clock())) {
      return true;
    }
  }
  return false;
}

/**
 * The Worker's `email()` handler: finds the tenant by the envelope recipient (its confirmed
 * complaint address) and hands the message to the same intake as `POST …/inbound-mail`. Mail to
 * an address only claimed, not confirmed, is taken in only as the message that confirms it. What cannot be accepted at all (an
 * unknown address, more than MAX_MAIL_BYTES, a complaint over its reply limit, a full
 * quarantine) is rejected, so the sender's mail server tells the sender; a new complaint over
 * a limit is set aside, not rejected (receive-mail.ts); an unexpected error is thrown, so
 * Email Routing reports a temporary failure and the sending server tries again.
 */
export async function handleEmail(
  deps: AppDeps,
  message: InboundEmail,
): Promise<MailOutcome | null> {
  const tenant = await tenantByInboundAddress(deps.db, message.to);
  const claimants = tenant ? [] : await claimantsOf(deps.db, message.to);
  if (!tenant && claimants.length === 0) {
    message.setReject('Unknown address');
    return null;
  }
  try {
    if (message.rawSize > MAX_MAIL_BYTES) throw new ApiError(413, 'payload_too_large');
    const raw = await readAll(message.raw, MAX_MAIL_BYTES);
    if (tenant) return await receiveMail(deps, tenant, raw);
    // An address not yet proven takes in nothing but the message that proves it.
    if (await confirmsClaim(deps, claimants, raw)) return { outcome: 'addressConfirmed' };
    message.setReject('Unknown address');
    return null;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    message.setReject(
      err.status === 413
        ? 'Message too large: at most 25 MB'
        : 'Too many messages at the moment; please try again later',
    );
    return null;
  }
}
