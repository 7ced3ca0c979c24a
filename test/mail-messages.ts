import { Buffer } from 'node:buffer';

/*
 * Real e-mail messages (RFC 5322, MIME) as a mail program writes them: multipart/mixed with a
 * multipart/alternative body (quoted-printable text in UTF-8 and HTML) and base64 attachments,
 * encoded-word subjects, Received headers, and the In-Reply-To / References of a reply.
 */

export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface Attachment {
  filename: string;
  type: string;
  bytes: Uint8Array;
  /** An image the HTML shows (multipart/related, with this Content-ID). */
  inlineId?: string;
}

export interface MessageParts {
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The Date header (when it was written). */
  date?: string;
  /** The newest Received header's date (when our side received it). */
  received?: string;
  /** The address of the server that handed it to ours, in that header (default 192.0.2.10). */
  receivedFrom?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  attachments?: Attachment[];
}

const CRLF = '\r\n';

/** Quoted-printable (RFC 2045) of UTF-8 text, lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      let out = '';
      let width = 0;
      for (const byte of Buffer.from(line, 'utf8')) {
        const plain = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32;
        const piece = plain
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += `=${CRLF}`;
          width = 0;
        }
        out += piece;
        width += piece.length;
      }
      // A space at the end of a line would be lost in transit.
      return out.endsWith(' ') ? `${out.slice(0, -1)}=20` : out;
    })
    .join(CRLF);
}

const base64Lines = (bytes: Uint8Array) =>
  (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);

const encodedWord = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

/** A whole message, as bytes. */
export function mailMessage(p: MessageParts): Uint8Array<ArrayBuffer> {
  const boundary = (name: string) => `----=_Part_${name}_${p.subject.length}`;
  const headers = [
    ...(p.received
      ? [
          `Received: from mail.example.nl (mail.example.nl [${p.receivedFrom ?? '192.0.2.10'}])${CRLF}\tby mx.klacht.test with ESMTPS id 4f2a; ${p.received}`,
        ]
      : []),
    ...(p.from ? [`From: ${p.from}`] : []),
    `To: ${p.to}`,
    `Subject: ${encodedWord(p.subject)}`,
    `Date: ${p.date ?? 'Mon, 2 Mar 2026 09:15:00 +0100'}`,
    `Message-ID: ${
      p.messageId ??
      `<${Buffer.from(p.subject + p.text)
        .toString('hex')
        .slice(0, 32)}@mail.example.nl>`
    }`,
    ...(p.inReplyTo ? [`In-Reply-To: ${p.inReplyTo}`] : []),
    ...(p.references ? [`References: ${p.references}`] : []),
    ...Object.entries(p.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
  ];
  const textPart = [
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(p.text),
  ].join(CRLF);
  const inline = (p.attachments ?? []).filter((a) => a.inlineId);
  const files = (p.attachments ?? []).filter((a) => !a.inlineId);
  const filePart = (a: Attachment) =>
    [
      `Content-Type: ${a.type}; name="${a.filename}"`,
      a.inlineId
        ? `Content-Disposition: inline; filename="${a.filename}"${CRLF}Content-ID: <${a.inlineId}>`
        : `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(a.bytes),
    ].join(CRLF);
  const multipart = (type: string, name: string, parts: string[]) =>
    [
      `Content-Type: multipart/${type}; boundary="${boundary(name)}"`,
      '',
      ...parts.map((part) => `--${boundary(name)}${CRLF}${part}`),
      `--${boundary(name)}--`,
      '',
    ].join(CRLF);
  let body = textPart;
  if (p.html) {
    const htmlPart = [
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(p.html),
    ].join(CRLF);
    const html =
      inline.length > 0
        ? multipart('related', 'rel', [htmlPart, ...inline.map(filePart)])
        : htmlPart;
    body = multipart('alternative', 'alt', [textPart, html]);
  }
  if (files.length > 0) body = multipart('mixed', 'mix', [body, ...files.map(filePart)]);
  return new TextEncoder().encode(
    `${headers.join(CRLF)}${CRLF}${body}${CRLF}`,
  ) as Uint8Array<ArrayBuffer>;
}

/** A multipart/mixed message of `parts` one-line parts (8,000 are some 300 KB). */
export function manyParts(parts: number): Uint8Array<ArrayBuffer> {
  const head = [
    'From: Jan <jan@example.nl>',
    'To: klachten@example.nl',
    'Subject: Veel delen',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '',
  ].join('\r\n');
  const part = (i: number) => `--b\r\nContent-Type: text/plain\r\n\r\nregel ${i}\r\n`;
  const body = Array.from({ length: parts }, (_, i) => part(i)).join('');
  return new TextEncoder().encode(`${head}${body}--b--\r\n`) as Uint8Array<ArrayBuffer>;
}

/** A message whose multiparts nest `depth` deep. */
export function nested(depth: number): Uint8Array<ArrayBuffer> {
  let open =
    'From: jan@example.nl\r\nTo: klachten@example.nl\r\nSubject: Diep\r\nMIME-Version: 1.0\r\n';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `--b${i}--\r\n${close}`;
  }
  return new TextEncoder().encode(
    `${open}Content-Type: text/plain\r\n\r\nKlacht\r\n${close}`,
  ) as Uint8Array<ArrayBuffer>;
}
