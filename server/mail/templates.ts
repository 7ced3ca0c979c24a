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
  /** The same message in its parts, for a letter: greeting, paragraphs, closing, who signs. */
  parts: MessageParts;
}

export interface MessageParts {
  /** "Geachte Ömer Kılıç," — only in messages to the complainant. */
  salutation: string | null;
  paragraphs: string[];
  /** "Met vriendelijke groet," */
  closing: string;
  /** Who signs, a line each: the staff member and their function where known, the organisation. */
  signature: string[];
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

/** The messages a complainant reads; the rest go to staff. */
const TO_COMPLAINANT = new Set<string>(Object.keys(MESSAGE_KINDS));

const GREETING = { nl: 'Met vriendelijke groet,', en: 'Kind regards,' } as const;

/**
 * "Geachte Ömer Kılıç," — by name where the reader's name is theirs to see; a message to an
 * address nobody has confirmed greets no one by a name a stranger typed.
 */
function salutationOf(ctx: MessageContext): string {
  const name = ctx.unconfirmedAddress
    ? ''
    : oneLine(ctx.complaint.complainantName ?? '').slice(0, 200);
  if (ctx.locale === 'nl') return name ? `Geachte ${name},` : 'Geachte heer of mevrouw,';
  return name ? `Dear ${name},` : 'Dear Sir or Madam,';
}

/** A tenant's wording that opens with its own greeting ("Beste {complainantName},"). */
const OWN_SALUTATION = /^(beste|geachte|dear|hallo|hello|hi)\b[^\n]{0,150},$/i;

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
  // A complainant is greeted by name; a tenant's own wording may bring its own greeting.
  const first = kept[0] ?? '';
  const ownGreeting = own !== null && OWN_SALUTATION.test(first);
  const salutation = TO_COMPLAINANT.has(ctx.kind)
    ? ownGreeting
      ? first
      : salutationOf(ctx)
    : null;
  const paragraphs = ownGreeting ? kept.slice(1) : kept;
  const organisation = values.organisation ?? ctx.tenantName;
  const signer = ctx.signedBy ? [ctx.signedBy.name, ctx.signedBy.role ?? ''] : [];
  const signature = [...signer, organisation]
    .map((line) => oneLine(line).slice(0, 100))
    .filter(Boolean);
  const closing = GREETING[ctx.locale];
  const parts = { salutation, paragraphs, closing, signature };
  const text = `${[salutation, ...paragraphs].filter(Boolean).join('\n\n')}\n\n${closing}\n${signature.join('\n')}\n`;
  const link = values.trackingUrl ?? '';
  const html = `<!doctype html><html lang="${ctx.locale}"><body>${[salutation, ...paragraphs]
    .filter((line): line is string => Boolean(line))
    .map((line) => paragraphHtml(line, link))
    .join('')}<p>${closing}<br>${signature.map(escapeHtml).join('<br>')}</p></body></html>`;
  return { subject: cut(oneLine(subject), MAX_SUBJECT_CHARS), text, html, parts };
}
