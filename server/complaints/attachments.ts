import { Buffer } from 'node:buffer';
import { and, eq } from 'drizzle-orm';
import { withoutInvisible } from '../../shared/field-rules';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import { toHex } from '../crypto';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { attachments } from '../db/schema';
import { ApiError } from '../http/errors';

export interface IncomingFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  sha256: string;
}

const SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The file's real type, from its first bytes; the name and the claimed type are not trusted. */
export function sniffType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b))?.type ?? null;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/** Longest name a file is kept under, extension included. */
export const MAX_FILENAME_LENGTH = 120;

/**
 * The name a file is kept and offered for download under: the sender's name without folders,
 * invisible characters or its own extension, followed by the extension of the type its content
 * has. A PDF sent as `x.html` is kept as `x.pdf`, so no viewer opens it as a page.
 */
export function storedName(sent: string, type: string): string {
  const extension = EXTENSIONS[type] ?? '.bin';
  const base =
    withoutInvisible(sent.split(/[\\/]/).pop() ?? '')
      .replace(/"/g, '')
      .replace(/\.[^.]*$/, '')
      .replace(/^[\s.]+|[\s.]+$/g, '')
      .slice(0, MAX_FILENAME_LENGTH - extension.length) || 'bestand';
  return `${base}${extension}`;
}

const MESSAGES = {
  count: {
    nl: 'U kunt maximaal {max} bestanden meesturen.',
    en: 'You can attach at most {max} files.',
  },
  size: {
    nl: 'Het bestand {name} is groter dan {max}.',
    en: 'The file {name} is larger than {max}.',
  },
  type: {
    nl: 'Het bestand {name} is geen {types}. Stuur een {types}-bestand.',
    en: 'The file {name} is not a {types} file. Send a {types} file.',
  },
} as const;

function message(key: keyof typeof MESSAGES, locale: Locale, values: Record<string, string>) {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** The 422 for more files than `max`, on the `attachments` field. */
export function tooManyFiles(max: number, locale: Locale): ApiError {
  return new ApiError(422, 'validation_failed', {
    attachments: message('count', locale, { max: String(max) }),
  });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Checks the files against the procedure's limits by content: count, size per file, and the type
 * found from the magic bytes. Every refused file is named in a 422 field `attachments.<i>`.
 */
export function checkAttachments(files: IncomingFile[], procedure: Procedure, locale: Locale) {
  const limits = procedure.form.attachments;
  const fields: Record<string, string> = {};
  if (files.length > 0 && limits.mode === 'hidden') {
    fields.attachments = message('count', locale, { max: '0' });
  } else if (files.length > limits.maxCount) {
    fields.attachments = message('count', locale, { max: String(limits.maxCount) });
  }
  const names = limits.types.map((t) => TYPE_NAMES[t] ?? t);
  const last = names.pop() ?? '';
  const types =
    names.length > 0 ? `${names.join(', ')} ${locale === 'nl' ? 'of' : 'or'} ${last}` : last;
  files.forEach((file, i) => {
    if (file.bytes.byteLength > limits.maxBytes) {
      fields[`attachments.${i}`] = message('size', locale, {
        name: file.name,
        max: megabytes(limits.maxBytes),
      });
      return;
    }
    const real = sniffType(file.bytes);
    if (!real || !(limits.types as string[]).includes(real)) {
      fields[`attachments.${i}`] = message('type', locale, { name: file.name, types });
    }
  });
  if (Object.keys(fields).length > 0) throw new ApiError(422, 'validation_failed', fields);
  return files.map((file) => {
    const type = sniffType(file.bytes) as string;
    return { ...file, type, name: storedName(file.name, type) };
  });
}

/** Documents staff may add with one step or note (intake files follow the procedure's form). */
export const MAX_FILES_PER_STEP = 10;

/**
 * Documents staff add on a step: the same checks by content as the form's (the procedure's types
 * and size per file), whether or not the public form takes files.
 */
export function checkStepFiles(files: IncomingFile[], procedure: Procedure, locale: Locale) {
  const attachments = {
    ...procedure.form.attachments,
    mode: 'optional' as const,
    maxCount: MAX_FILES_PER_STEP,
  };
  return checkAttachments(
    files,
    { ...procedure, form: { ...procedure.form, attachments } },
    locale,
  );
}

/** The sender's file name, the type it claims and the bytes, as one form part brought them. */
export interface ReceivedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export async function readFile(file: ReceivedFile): Promise<IncomingFile> {
  const sha256 = toHex(await crypto.subtle.digest('SHA-256', file.bytes as BufferSource));
  return {
    name: file.name.slice(0, 1000) || 'bestand',
    type: file.type,
    bytes: file.bytes,
    sha256,
  };
}

/** Where a document came from: with the complaint, with a staff step, or with an internal note. */
export type DocumentSource = { source: 'intake' } | { source: 'step' | 'note'; eventSeq: number };

export function attachmentRows(
  tenantId: string,
  complaintId: string,
  files: IncomingFile[],
  from: DocumentSource = { source: 'intake' },
) {
  return files.map((file) => ({
    id: newId(),
    complaintId,
    tenantId,
    source: from.source,
    eventSeq: 'eventSeq' in from ? from.eventSeq : null,
    contentType: file.type,
    size: file.bytes.byteLength,
    sha256: file.sha256,
    pdFilename: file.name,
    pdContent: Buffer.from(file.bytes),
  }));
}

export async function findAttachment(db: Db, complaintId: string, id: string) {
  return db.query.attachments.findFirst({
    where: and(eq(attachments.complaintId, complaintId), eq(attachments.id, id)),
  });
}
