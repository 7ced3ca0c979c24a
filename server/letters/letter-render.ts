import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { LetterDocument } from './letter-document';
import { drawLayout } from './letter-draw';
import { appendEnclosures, type NotAppended } from './letter-enclosures';
import { letterFaces } from './letter-fonts';
import { LABELS, type Measure } from './letter-geometry';
import { layoutLetter } from './letter-layout';
import { Tagger } from './letter-tags';
import { cleaned, letterTexts, printable, unwritable } from './letter-text';

/**
 * Pages a letter may fill. A message is bounded in characters (MAX_MESSAGE_CHARS), but a text of
 * one-character lines fills a page with every few dozen of them: without a bound in pages, 32,000
 * characters of line breaks made a letter of several hundred pages and as many seconds of CPU.
 * A real letter of the longest message fills about ten; a longer one ends in "…".
 */
export const MAX_LETTER_PAGES = 40;

/** A letter as written: its PDF, and what the caller should tell whoever made it. */
export interface WrittenLetter {
  pdf: Uint8Array;
  /** The letter's own pages; the enclosures' pages follow them. */
  pages: number;
  /** Characters the fonts cannot write, printed as U+FFFD (see `unwritable`). */
  unwritable: string[];
  /** Enclosures listed in the letter but not added after it, and why. */
  notAppended: NotAppended[];
  /** The text went past MAX_LETTER_PAGES and ends in "…". */
  truncated: boolean;
}

export type WriteLetter = (doc: LetterDocument) => Promise<WrittenLetter>;

/**
 * A LetterDocument as a PDF: A4, laid out for a window envelope, in Noto Sans embedded as
 * subsets, tagged, with its enclosures after it. The same document gives the same bytes: the
 * dates are `madeAt`, the document id a hash of the document, and nothing is drawn at random.
 */
export async function writeLetter(doc: LetterDocument): Promise<WrittenLetter> {
  const made = new Date(doc.madeAt);
  if (Number.isNaN(made.getTime())) throw new Error(`madeAt is not a moment: ${doc.madeAt}`);
  const printed = printableDocument(doc);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const faces = await letterFaces(pdf.context);
  const measure: Measure = (text, bold, size) => faces[bold ? 'bold' : 'regular'].width(text, size);
  const layout = layoutLetter(printed, measure, MAX_LETTER_PAGES);
  const tagger = new Tagger(layout.elements);
  drawLayout(pdf, layout, faces, tagger);
  const notAppended = await appendEnclosures(pdf, printed, faces, tagger);
  tagger.finish(pdf);
  await faces.regular.embed(pdf.context, 'NotoSans-Regular');
  await faces.bold.embed(pdf.context, 'NotoSans-Bold');

  // The metadata holds any character (UTF-16): the texts as written, less what is invisible.
  const meta = (text: string) => cleaned(text).replace(/\s+/g, ' ').trim();
  pdf.setTitle(meta(doc.title), { showInWindowTitleBar: true });
  pdf.setAuthor(meta(doc.sender.name));
  pdf.setSubject(meta(doc.subject));
  pdf.setKeywords(doc.references.map((r) => meta(`${r.label} ${r.value}`)));
  pdf.setCreator('Klachtenregeling');
  pdf.setProducer('Klachtenregeling (pdf-lib, Noto Sans)');
  pdf.setLanguage(LABELS[doc.locale].lang);
  pdf.setCreationDate(made);
  pdf.setModificationDate(made);
  const id = PDFHexString.of(await documentId(doc));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);

  // pdf-lib pauses every 50 objects for the event loop; a letter is written on a thread of its
  // own (Node) or within its request (Worker), where the pauses only add time.
  const bytes = await pdf.save({ objectsPerTick: Number.POSITIVE_INFINITY, addDefaultPage: false });
  return {
    pdf: bytes,
    pages: layout.pages.length,
    unwritable: unwritable(letterTexts(doc)),
    notAppended,
    truncated: layout.truncated,
  };
}

/** The PDF alone, for callers that need nothing else (see `writeLetter`). */
export async function renderLetterDocument(doc: LetterDocument): Promise<Uint8Array> {
  return (await writeLetter(doc)).pdf;
}

/** Every text of the document as the letter prints it (letter-text.ts `printable`). */
function printableDocument(doc: LetterDocument): LetterDocument {
  const p = printable;
  const optional = (text: string | undefined) => (text === undefined ? undefined : p(text));
  // One-line fields: a line break there is a space.
  const one = (text: string) => p(text).replace(/\n+/g, ' ');
  return {
    ...doc,
    sender: {
      name: one(doc.sender.name),
      address: doc.sender.address.map(one),
      phone: optional(doc.sender.phone),
      email: optional(doc.sender.email),
      website: optional(doc.sender.website),
    },
    recipient: { name: one(doc.recipient.name), address: doc.recipient.address.map(one) },
    place: doc.place === null ? null : one(doc.place),
    date: one(doc.date),
    references: doc.references.map((r) => ({ label: one(r.label), value: one(r.value) })),
    subject: one(doc.subject),
    salutation: p(doc.salutation),
    paragraphs: doc.paragraphs.map(p),
    closing: p(doc.closing),
    signature: {
      name: one(doc.signature.name),
      role: optional(doc.signature.role),
      organisation: one(doc.signature.organisation),
    },
    enclosures: doc.enclosures.map((e) => ({ ...e, title: one(e.title) })),
  };
}

/**
 * The PDF's document id (its trailer's ID): a hash of the whole document, enclosures included,
 * so the same letter has the same id and any other letter another.
 */
async function documentId(doc: LetterDocument): Promise<string> {
  const hex = (buffer: ArrayBuffer) =>
    Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  const digest = async (bytes: Uint8Array) =>
    hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const enclosures = await Promise.all(
    doc.enclosures.map(async (e) => ({
      title: e.title,
      content: e.content ? { type: e.content.type, sha256: await digest(e.content.bytes) } : null,
    })),
  );
  const described = JSON.stringify({ ...doc, enclosures });
  return (await digest(new TextEncoder().encode(described))).slice(0, 32);
}
