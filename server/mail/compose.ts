import { and, asc, eq, inArray } from 'drizzle-orm';
import { amsterdamDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import { complaints, deadlines, events, type outbox, tenants } from '../db/schema';
import type { KeptLetter } from '../letters/letter-parts';
import { openLink } from '../tracking/sealed-link';
import { LINK_MARK, withLinkIn } from './frozen-message';
import { messageContextOf, PROPOSAL_EVENTS } from './message-context';
import { type RenderedMessage, renderMessage } from './templates';

type OutboxRow = typeof outbox.$inferSelect;

/**
 * What the caller has already read (a route has the complaint and the tenant at hand), so a
 * letter asked for over and over does not read them again; used only when they are the row's.
 */
export interface Known {
  complaint?: typeof complaints.$inferSelect;
  tenant?: { id: string; name: string; procedure: unknown };
}

export interface Composed {
  /** The e-mail address (null for a letter). */
  to: string | null;
  /** Whether it is an e-mail to the complainant (the address they gave). */
  toComplainant: boolean;
  senderName: string;
  replyTo?: string;
  rendered: RenderedMessage;
  /** For letters: whom and where to (the complainant's name and postal address). */
  addressee: { name: string | null; address: string | null };
  tenantName: string;
  procedure: Procedure;
  number: string;
  /** The personal tracking link the text carries, if any (the case file keeps it redacted). */
  trackingUrl?: string;
  /** The message had a sealed link that did not open (the server secret changed). */
  linkLost?: boolean;
}

/**
 * Writes one message of the outbox from the complaint as it is now (so an erased complaint sends
 * nothing): null when there is nothing to send it about any more. `secretKey` opens the sealed
 * tracking link; one that does not open (the server secret changed) is written without it and
 * marked `linkLost`, for the relay to hold the message back.
 */
export async function compose(
  db: Db,
  row: OutboxRow,
  secretKey: string,
  now = new Date(),
  known: Known = {},
): Promise<Composed | null> {
  if (!row.complaintId || (row.channel === 'email' && !row.pdRecipient)) return null;
  const complaint =
    known.complaint?.id === row.complaintId
      ? known.complaint
      : await db.query.complaints.findFirst({ where: eq(complaints.id, row.complaintId) });
  if (!complaint || complaint.erasedAt) return null;
  const tenant =
    known.tenant?.id === row.tenantId
      ? known.tenant
      : await db.query.tenants.findFirst({ where: eq(tenants.id, row.tenantId) });
  if (!tenant) return null;
  const procedure = tenant.procedure as Procedure;
  const payload = (row.pdPayload ?? {}) as {
    eventSeq?: number;
    locale?: Locale;
    trackingSealed?: string;
    /** Written before links were sealed; still read. */
    trackingUrl?: string;
    term?: string;
  };
  const opened = payload.trackingSealed
    ? openLink(payload.trackingSealed, secretKey, complaint.id)
    : payload.trackingUrl;
  const trackingUrl = opened ?? undefined;
  const toComplainant =
    row.channel === 'email' &&
    row.pdRecipient !== null &&
    row.pdRecipient === complaint.pdComplainantEmail;
  const common = {
    to: row.pdRecipient,
    toComplainant,
    senderName: procedure.notifications?.senderName ?? tenant.name,
    replyTo: procedure.notifications?.replyTo,
    addressee: { name: complaint.pdComplainantName, address: complaint.pdComplainantAddress },
    tenantName: tenant.name,
    procedure,
    number: complaint.number,
    ...(trackingUrl ? { trackingUrl } : {}),
    ...(opened === null ? { linkLost: true } : {}),
  };
  // Written when its step was recorded: only the link is put in (see frozen-message.ts).
  if (row.pdHtml !== null && row.pdBody !== null) {
    const link = trackingUrl ?? null;
    return {
      ...common,
      // Never sent with its link left out: the relay holds it, saying why.
      ...(link === null && row.pdBody.includes(LINK_MARK) ? { linkLost: true } : {}),
      rendered: {
        subject: row.pdSubject ?? '',
        text: withLinkIn(row.pdBody, link),
        html: withLinkIn(row.pdHtml, link),
        parts: partsOfKept(row),
      },
    };
  }
  const [deadlineRows, timeline] = await Promise.all([
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, complaint.id) }),
    db.query.events.findMany({
      where: and(eq(events.complaintId, complaint.id), inArray(events.type, [...PROPOSAL_EVENTS])),
      orderBy: asc(events.seq),
    }),
  ]);
  const event = payload.eventSeq
    ? await db.query.events.findFirst({
        where: and(eq(events.complaintId, complaint.id), eq(events.seq, payload.eventSeq)),
      })
    : undefined;
  const rendered = renderMessage(
    messageContextOf({
      kind: row.kind,
      locale: payload.locale ?? procedure.locale,
      tenant: { name: tenant.name, procedure },
      complaint,
      deadlines: deadlineRows,
      timeline,
      event,
      trackingUrl,
      term: payload.term,
      unconfirmedAddress: toComplainant && complaint.emailConfirmedAt === null,
      today: amsterdamDate(now),
    }),
  );
  return { ...common, rendered };
}

/** A kept message's parts for a letter: its letter's, or its text's paragraphs (staff mail). */
function partsOfKept(row: OutboxRow): RenderedMessage['parts'] {
  const letter = row.pdLetter as KeptLetter | null;
  if (letter) {
    return {
      salutation: letter.salutation,
      paragraphs: letter.paragraphs,
      closing: letter.closing,
      signature: [
        ...new Set([
          letter.signature.name,
          letter.signature.role ?? '',
          letter.signature.organisation,
        ]),
      ].filter(Boolean),
    };
  }
  return {
    salutation: null,
    paragraphs: (row.pdBody ?? '').split('\n\n'),
    closing: '',
    signature: [],
  };
}
