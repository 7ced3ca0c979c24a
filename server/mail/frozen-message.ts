import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { compiledWrite } from '../db/compiled-writes';
import { complaints, outbox } from '../db/schema';
import type { MessageContext } from './message-values';
import { type RenderedMessage, renderMessage } from './templates';

/*
 * A message is written once, when the step that causes it is recorded, and kept as written:
 * sending, printing, printing again and the case file all show exactly that text, whatever
 * happens to the complaint afterwards. Two things are not known when it is written and stand in
 * it as marks (private-use characters, which nobody types):
 * - the complainant's tracking link: its token is stored only hashed, so the link waits sealed
 *   beside the text and is put in when the message goes out, or redacted in the case file;
 * - a new complaint's number, which the same batch that stores the message takes.
 */

/** Where the tracking link stands in a kept message. */
export const LINK_MARK = '\uE000link\uE000';
/** Where a new complaint's number stands until the batch that takes it fills it in. */
export const NUMBER_MARK = '\uE000nr\uE000';

/** What the case file shows where a message carried the complainant's personal link. */
export const REDACTED_LINK = '[persoonlijke link / personal link]';

/** A message as written: its text and HTML with the link mark, its parts for a letter. */
export interface FrozenMessage {
  pdSubject: string;
  pdBody: string;
  pdHtml: string;
  rendered: RenderedMessage;
}

/** Writes a message for keeping; `withLink` when it will carry the complainant's link. */
export function freezeMessage(ctx: MessageContext, withLink: boolean): FrozenMessage {
  const rendered = renderMessage({
    ...ctx,
    ...(withLink ? { trackingUrl: LINK_MARK } : { trackingUrl: undefined }),
  });
  return { pdSubject: rendered.subject, pdBody: rendered.text, pdHtml: rendered.html, rendered };
}

/** A kept text with the link put in (null: redacted, as the case file keeps it). */
export function withLinkIn(text: string, link: string | null): string {
  return text.replaceAll(LINK_MARK, link ?? REDACTED_LINK);
}

/**
 * The statement, for the batch that stores a new complaint, that puts its number into the
 * messages written for it: the number is taken in that same batch (MAX+1 under the write lock).
 */
export function fillNumber(db: Db, complaintId: string) {
  const slot = (name: string) => sql.placeholder(name);
  const put = (column: string) =>
    sql.raw(`${column} = replace(${column}, '${NUMBER_MARK}', c.number)`);
  return compiledWrite(
    db,
    'outbox:number',
    () =>
      db.run(sql`UPDATE ${outbox} SET ${put('pd_subject')}, ${put('pd_body')}, ${put('pd_html')},
        ${put('pd_letter')}
      FROM (SELECT number FROM ${complaints} WHERE id = ${slot('complaintId')}) AS c
      WHERE ${outbox.complaintId} = ${slot('complaintId')}`),
    { complaintId },
  );
}
