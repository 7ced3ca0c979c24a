import {
  fillPlaceholders,
  MAX_MESSAGE_CHARS,
  MAX_SUBJECT_CHARS,
  MESSAGE_KINDS,
  type MessageKind,
  oneLine,
  placeholdersIn,
  SIGNATURE_CHARS,
} from '../../shared/message-kinds';
import { builtIn, type Lines } from './built-in-texts';
import { type MessageContext, messageValues } from './message-values';

export type { MessageContext } from './message-values';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Room for the text above the greeting and the signature. */
const BODY_CHARS = MAX_MESSAGE_CHARS - SIGNATURE_CHARS;

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * The organisation's own wording of this message in this language, if it has one. The values
 * in its subject are made one line first (a name with a line break in it cannot add a header),
 * and both parts stop at their bound, also a wording saved before its worst case was checked.
 */
function ownWording(ctx: MessageContext, v: Record<string, string>): Lines | null {
  if (!(ctx.kind in MESSAGE_KINDS)) return null;
  const wording = ctx.procedure.messages[ctx.kind as MessageKind]?.[ctx.locale];
  if (!wording) return null;
  const inSubject = Object.fromEntries(
    placeholdersIn(wording.subject).map((name) => [
      name,
      oneLine(Object.hasOwn(v, name) ? (v[name] as string) : ''),
    ]),
  );
  return {
    subject: fillPlaceholders(wording.subject, inSubject, MAX_SUBJECT_CHARS),
    body: fillPlaceholders(wording.body, v, BODY_CHARS).split(/\n\s*\n/),
  };
}

/**
 * A paragraph as HTML: escaped, with our tracking link as the only link. Nothing else becomes
 * an `<a>`, whoever wrote it: an address in a complaint's text must not turn into a link in
 * mail that goes out under the organisation's name.
 */
function paragraphHtml(line: string, trackingUrl: string): string {
  const parts = trackingUrl ? line.split(trackingUrl) : [line];
  const link = `<a href="${escapeHtml(trackingUrl)}">${escapeHtml(trackingUrl)}</a>`;
  return `<p>${parts.map(escapeHtml).join(link).replace(/\r?\n/g, '<br>')}</p>`;
}

/** Plain text and HTML of one message, in the tenant's (or the request's) language. */
export function renderMessage(ctx: MessageContext): RenderedMessage {
  const values = messageValues(ctx);
  const own = ownWording(ctx, values);
  const { subject, body } = own ?? builtIn(ctx, values);
  const lines = body.map((line) => line?.trim()).filter((line): line is string => Boolean(line));
  // The built-in texts fit by construction (a test renders each with every value at its
  // longest); what is cut here is a wording's, which already stopped at the bound.
  const whole = lines.join('\n\n');
  const kept = whole.length > BODY_CHARS ? cut(whole, BODY_CHARS).split('\n\n') : lines;
  const signature = values.organisation ?? ctx.tenantName;
  const greeting = ctx.locale === 'nl' ? 'Met vriendelijke groet,' : 'Kind regards,';
  const text = `${kept.join('\n\n')}\n\n${greeting}\n${signature}\n`;
  const link = values.trackingUrl ?? '';
  const html = `<!doctype html><html lang="${ctx.locale}"><body>${kept
    .map((line) => paragraphHtml(line, link))
    .join('')}<p>${greeting}<br>${escapeHtml(signature)}</p></body></html>`;
  return { subject: cut(oneLine(subject), MAX_SUBJECT_CHARS), text, html };
}
