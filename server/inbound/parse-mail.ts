import { isInvisible } from '../../shared/field-rules';
import type { IncomingFile } from '../complaints/attachments';
import { sha256Hex } from '../crypto';
import { MAX_MAIL_DEPTH, MAX_MAIL_HEADER_BYTES, MAX_MAIL_PARTS } from './limits';

/** What intake needs from a message, read with postal-mime. */
export interface ParsedMail {
  from: { address: string; name: string } | null;
  subject: string;
  /** The plain text (postal-mime derives it from the HTML when there is none). */
  text: string;
  /** When our side received it: the newest Received header's date, else the Date header. */
  receivedAt: Date | null;
  /**
   * The address of the server that handed the message to ours, as the newest Received header
   * (the one our side's receiving server wrote) names it; null when it names none.
   */
  connectingAddress: string | null;
  /** Message ids named in In-Reply-To and References. */
  references: string[];
  /** An auto-reply, a bounce or a list message (RFC 3834 and the usual headers). */
  automatic: boolean;
  /** The files sent with it (not the images an HTML body shows inline). */
  files: IncomingFile[];
}

/** Text as typed: line breaks as \n, no control characters, no broken UTF-16. */
export function cleanText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const code = ch.charCodeAt(0);
    const loneSurrogate = ch.length === 1 && code >= 0xd800 && code <= 0xdfff;
    if (!loneSurrogate && (!isInvisible(code) || ch === '\t')) out += ch;
  }
  return out.trim();
}

/** `from host (host [192.0.2.10]) by mx…`: the bracketed address of the from clause. */
function connectingAddressOf(received: string | undefined): string | null {
  const from = received?.split(/\sby\s/i)[0] ?? '';
  return from.match(/\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]/)?.[1]?.toLowerCase() ?? null;
}

function dateOf(text: string | undefined): Date | null {
  const at = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(at) ? new Date(at) : null;
}

const AUTOMATIC_SENDER = /^(mailer-daemon|postmaster|no-?reply|bounces?)([+@.-]|$)/i;

/** A message over MAX_MAIL_PARTS, MAX_MAIL_DEPTH or MAX_MAIL_HEADER_BYTES: read no further. */
export class TooComplexMail extends Error {}

// The codes postal-mime throws when a limit it was given is reached.
const LIMIT_CODES = new Set([
  'EMAXPARTCOUNT',
  'EMAXNESTINGDEPTH',
  'EMAXHEADERSIZE',
  'EMAXFORWARDEDADDRESSES',
]);

/**
 * Parses a message (RFC 5322, MIME) with postal-mime, loaded only when mail arrives. Its work
 * grows linearly with the message (version 2 finished every earlier part again at each
 * boundary: 8,000 parts took 16 s), and it counts parts, depth and header bytes as it reads,
 * stopping at our limits: then TooComplexMail. Throws otherwise when the bytes cannot be read as
 * a message at all.
 */
export async function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  const { default: PostalMime } = await import('postal-mime');
  const email = await PostalMime.parse(raw, {
    attachmentEncoding: 'arraybuffer',
    maxPartCount: MAX_MAIL_PARTS,
    maxNestingDepth: MAX_MAIL_DEPTH,
    maxHeadersSize: MAX_MAIL_HEADER_BYTES,
  }).catch((err: { code?: string }) => {
    throw LIMIT_CODES.has(err?.code ?? '') ? new TooComplexMail(String(err)) : err;
  });
  const header = (key: string) => email.headers.find((h) => h.key === key)?.value;
  const from = email.from && 'address' in email.from && email.from.address ? email.from : null;
  const received = email.headers.find((h) => h.key === 'received')?.value;
  const auto = (header('auto-submitted') ?? 'no').trim().toLowerCase();
  const precedence = (header('precedence') ?? '').trim().toLowerCase();
  const files: IncomingFile[] = [];
  for (const part of email.attachments) {
    // Images the HTML body shows (multipart/related with a Content-ID) are part of the text.
    if (part.related) continue;
    const bytes = new Uint8Array(part.content as ArrayBuffer);
    files.push({
      name: (part.filename ?? '').slice(0, 1000) || 'bestand',
      type: part.mimeType,
      bytes,
      sha256: sha256Hex(bytes),
    });
  }
  return {
    from: from ? { address: from.address ?? '', name: from.name ?? '' } : null,
    subject: cleanText(email.subject ?? ''),
    text: cleanText(email.text ?? ''),
    receivedAt: dateOf(received?.slice(received.lastIndexOf(';') + 1)) ?? dateOf(email.date),
    connectingAddress: connectingAddressOf(received),
    references: `${email.inReplyTo ?? ''} ${email.references ?? ''}`.match(/<[^<>\s]+>/g) ?? [],
    automatic:
      auto !== 'no' ||
      ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) ||
      header('x-autoreply') !== undefined ||
      header('x-autorespond') !== undefined ||
      header('list-id') !== undefined ||
      (email.returnPath ?? '').trim() === '<>' ||
      AUTOMATIC_SENDER.test(from?.address ?? ''),
    files,
  };
}
