import type { AppDeps } from '../deps';
import { ApiError } from '../http/errors';
import { tenantByInboundAddress } from './inbound-address';
import { MAX_MAIL_BYTES } from './limits';
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

/**
 * The Worker's `email()` handler: finds the tenant by the envelope recipient and hands the
 * message to the same intake as `POST …/inbound-mail`. What cannot be accepted at all (an
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
  if (!tenant) {
    message.setReject('Unknown address');
    return null;
  }
  try {
    if (message.rawSize > MAX_MAIL_BYTES) throw new ApiError(413, 'payload_too_large');
    return await receiveMail(deps, tenant, await readAll(message.raw, MAX_MAIL_BYTES));
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
