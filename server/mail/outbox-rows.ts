import type { Db } from '../db/client';
import { insertRows } from '../db/compiled-writes';
import { newId } from '../db/ids';
import { outbox } from '../db/schema';

/** How a message reaches its reader: e-mail through the relay, or a letter staff print and post. */
export type Route = { channel: 'email'; to: string } | { channel: 'letter' };

/**
 * How the complainant is answered: by e-mail when they gave an address, else on paper when they
 * gave a postal address (Awb 9:6 and 9:12 ask for a written acknowledgement and decision, and
 * paper is writing), else not at all (an oral complaint answered by phone).
 */
export function complainantRoute(complaint: {
  pdComplainantEmail: string | null;
  pdComplainantAddress: string | null;
}): Route | null {
  if (complaint.pdComplainantEmail) return { channel: 'email', to: complaint.pdComplainantEmail };
  if (complaint.pdComplainantAddress) return { channel: 'letter' };
  return null;
}

export interface QueuedMessage {
  tenantId: string;
  complaintId: string;
  kind: string;
  route: Route;
  /** The event it is about, its language and the sealed tracking link. */
  payload: Record<string, unknown>;
  /** The message as written when its step was recorded (see frozen-message.ts). */
  written?: { pdSubject: string; pdBody: string; pdHtml: string; pdLetter: unknown };
}

/** The outbox row of one message: e-mail waits for the relay, a letter for the printer. */
export function queueMessage(db: Db, message: QueuedMessage) {
  const { route } = message;
  return insertRows(db, outbox, [
    {
      id: newId(),
      tenantId: message.tenantId,
      complaintId: message.complaintId,
      kind: message.kind,
      channel: route.channel,
      status: route.channel === 'email' ? 'pending' : 'print',
      pdRecipient: route.channel === 'email' ? route.to : null,
      pdPayload: message.payload,
      pdSubject: message.written?.pdSubject ?? null,
      pdBody: message.written?.pdBody ?? null,
      pdHtml: message.written?.pdHtml ?? null,
      pdLetter: message.written?.pdLetter ?? null,
    },
  ]);
}
