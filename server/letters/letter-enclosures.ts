import { degrees, PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
import { jpegRotation } from './jpeg-orientation';
import type { LetterDocument } from './letter-document';
import { FONT_NAMES, textOperators } from './letter-draw';
import type { Face, LetterFace } from './letter-fonts';
import { fitted, LABELS, MM, PAGE, TYPE } from './letter-geometry';
import { Tagger } from './letter-tags';

/**
 * Pages the enclosures may add after the letter's own. Enclosures are a few files of at most
 * 10 MB each (the committee's advice, documents staff chose), which fill tens of pages; a bound
 * keeps one letter's time and size within what a letter thread (LETTER_TIMEOUT_MS) and a
 * printer take. An enclosure that would pass it is listed in the letter but not added.
 */
export const MAX_ENCLOSURE_PAGES = 100;

/** Why an enclosure listed in the letter was not added after it. */
export type NotAppendedReason = 'encrypted' | 'unreadable' | 'tooManyPages';

export interface NotAppended {
  title: string;
  reason: NotAppendedReason;
}

/** An image's page: the caption's baseline, and the area the image is scaled to fit. */
const CAPTION_BASELINE = 15 * MM;
const IMAGE_AREA = { left: 15 * MM, top: 22 * MM, width: 180 * MM, height: 260 * MM };

/**
 * Adds each enclosure's content after the letter: a PDF's pages as they are, an image (PNG or
 * JPEG) on a page of its own under a caption, scaled to fit (never enlarged past 72 dpi, and
 * upright as the camera's orientation says). An encrypted or unreadable PDF, a broken image
 * and whatever would pass MAX_ENCLOSURE_PAGES are left out and returned, for the caller to say.
 */
export async function appendEnclosures(
  pdf: PDFDocument,
  doc: LetterDocument,
  faces: Record<Face, LetterFace>,
  tagger: Tagger,
): Promise<NotAppended[]> {
  const notAppended: NotAppended[] = [];
  let room = MAX_ENCLOSURE_PAGES;
  for (const [index, enclosure] of doc.enclosures.entries()) {
    const content = enclosure.content;
    if (!content) continue;
    const skip = (reason: NotAppendedReason) =>
      notAppended.push({ title: enclosure.title, reason });
    // pdf-lib reads a JPEG through the whole ArrayBuffer under the bytes: a view into a larger
    // one (a Buffer from a pool, a slice of a request body) must be copied to stand alone.
    const bytes =
      content.bytes.byteOffset === 0 && content.bytes.byteLength === content.bytes.buffer.byteLength
        ? content.bytes
        : new Uint8Array(content.bytes);
    try {
      if (content.type === 'application/pdf') {
        // Asked to, pdf-lib loads an encrypted PDF and says so, where its own EncryptedPDFError
        // cannot be told apart from any other error (instanceof fails on its compiled classes).
        const source = await PDFDocument.load(bytes, {
          updateMetadata: false,
          ignoreEncryption: true,
        });
        const count = source.getPageCount();
        if (source.isEncrypted) skip('encrypted');
        else if (count === 0) skip('unreadable');
        else if (count > room) skip('tooManyPages');
        else {
          for (const page of await pdf.copyPages(source, source.getPageIndices())) {
            pdf.addPage(page);
            forgetStructure(page);
          }
          room -= count;
        }
      } else if (room < 1) {
        skip('tooManyPages');
      } else {
        await imagePage(pdf, doc, index, { type: content.type, bytes }, faces, tagger);
        room -= 1;
      }
    } catch {
      skip('unreadable');
    }
  }
  return notAppended;
}

/**
 * A copied page keeps its keys into its own document's structure tree; in this one they would
 * point into the letter's, so a screen reader would read the letter's paragraphs for it.
 */
function forgetStructure(page: PDFPage) {
  page.node.delete(PDFName.of('StructParents'));
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (!(annots instanceof PDFArray)) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (annot instanceof PDFDict) annot.delete(PDFName.of('StructParent'));
  }
}

async function imagePage(
  pdf: PDFDocument,
  doc: LetterDocument,
  index: number,
  content: { type: string; bytes: Uint8Array },
  faces: Record<Face, LetterFace>,
  tagger: Tagger,
) {
  const image =
    content.type === 'image/png'
      ? await pdf.embedPng(content.bytes)
      : await pdf.embedJpg(content.bytes);
  const rotation = content.type === 'image/jpeg' ? jpegRotation(content.bytes) : 0;
  const sideways = rotation === 90 || rotation === 270;
  // The size it shows at, turned upright: at most one point a pixel, at most the area.
  const shownWidth = sideways ? image.height : image.width;
  const shownHeight = sideways ? image.width : image.height;
  const scale = Math.min(1, IMAGE_AREA.width / shownWidth, IMAGE_AREA.height / shownHeight);
  const w = shownWidth * scale;
  const h = shownHeight * scale;
  const left = IMAGE_AREA.left + (IMAGE_AREA.width - w) / 2;
  const bottom = PAGE.height - IMAGE_AREA.top - h;
  // drawImage turns the image about its lower-left corner, counter-clockwise; where that corner
  // must be so that the turned image fills the box (left, bottom, w, h):
  const corner = {
    0: { x: left, y: bottom },
    90: { x: left, y: bottom + h },
    180: { x: left + w, y: bottom + h },
    270: { x: left + w, y: bottom },
  }[rotation];

  const page = pdf.addPage([PAGE.width, PAGE.height]);
  page.node.setFontDictionary(PDFName.of(FONT_NAMES.regular), faces.regular.ref);
  const title = doc.enclosures[index]?.title ?? '';
  const size = TYPE.small.size;
  const measure = (text: string) => faces.regular.width(text, size);
  // The caption names the enclosure; beside it, as on the letter's later pages, whose letter
  // it belongs to, so a loose page can be put back.
  const reference = doc.references[0];
  const whose = fitted(
    [doc.sender.name, reference ? `${reference.label} ${reference.value}` : '']
      .filter(Boolean)
      .join(' · '),
    IMAGE_AREA.width / 2,
    measure,
    false,
    size,
  );
  const caption = `${LABELS[doc.locale].enclosures(1)} ${index + 1}: ${title}`;
  const room = IMAGE_AREA.width - measure(whose) - 6 * MM;
  const text = fitted(caption, room, measure, false, size);
  const captionElement = tagger.add({ role: 'P' });
  const figure = tagger.add({ role: 'Figure', alt: title });
  const right = IMAGE_AREA.left + IMAGE_AREA.width;
  page.pushOperators(
    tagger.begin(page, captionElement),
    ...textOperators(
      { text, x: IMAGE_AREA.left, y: CAPTION_BASELINE, bold: false, size, grey: true },
      faces,
    ),
    Tagger.end(),
    Tagger.artifact(),
    ...textOperators(
      {
        text: whose,
        x: right,
        y: CAPTION_BASELINE,
        bold: false,
        size,
        grey: true,
        alignRight: true,
      },
      faces,
    ),
    Tagger.end(),
    tagger.begin(page, figure),
  );
  page.drawImage(image, {
    x: corner.x,
    y: corner.y,
    width: sideways ? h : w,
    height: sideways ? w : h,
    rotate: degrees(-rotation),
  });
  page.pushOperators(Tagger.end());
}
