import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFRawStream,
} from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's text as an independent parser (pdf.js, through unpdf) reads it, spaces collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** A line of a page as pdf.js reads it: its text, where it starts and its baseline, in mm. */
export interface PdfLine {
  text: string;
  /** From the page's left edge to where the line starts, and to where it ends. */
  left: number;
  right: number;
  /** From the page's top edge to the line's baseline. */
  baseline: number;
  /** The font size in points. */
  size: number;
}

const MM = 72 / 25.4;

/**
 * Each page's lines, top to bottom: the text items pdf.js finds on one baseline, left to right,
 * joined by a space (a reference's label and its value are one line).
 */
export async function pdfLines(bytes: Uint8Array): Promise<PdfLine[][]> {
  const pdf = await getDocumentProxy(bytes.slice());
  const pages: PdfLine[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const height = page.view[3] ?? 0;
    const content = await page.getTextContent();
    const rows = new Map<number, { str: string; x: number; width: number; size: number }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
      const key = Math.round(y * 2) / 2;
      const row = rows.get(key) ?? [];
      row.push({ str: item.str, x, width: item.width, size: Math.hypot(c, d) });
      rows.set(key, row);
    }
    pages.push(
      [...rows.entries()]
        .sort(([a], [b]) => b - a)
        .map(([y, row]) => {
          row.sort((a, b) => a.x - b.x);
          const last = row.at(-1) ?? { x: 0, width: 0 };
          return {
            // pdf.js adds an item of spaces where it sees a gap: one space is enough.
            text: row
              .map((r) => r.str.trim())
              .filter(Boolean)
              .join(' '),
            left: (row[0]?.x ?? 0) / MM,
            right: (last.x + last.width) / MM,
            baseline: (height - y) / MM,
            size: Math.max(...row.map((r) => r.size)),
          };
        }),
    );
  }
  return pages;
}

/**
 * The strings a page's content shows, in the order it shows them, decoded through each font's
 * ToUnicode map (pdf-lib reads the file): what a reader that follows the content, or the
 * structure, gets, spaces at the ends included (pdf.js trims those from its text items).
 */
export async function shownStrings(bytes: Uint8Array, pageIndex = 0): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const page = pdf.getPage(pageIndex);
  const decoded = (object: unknown) =>
    Buffer.from(decodePDFRawStream(object as PDFRawStream).decode()).toString('latin1');
  const fonts = new Map<string, Map<string, string>>();
  const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fontDict?.entries() ?? []) {
    const font = pdf.context.lookup(ref, PDFDict);
    const cmap = decoded(font.lookup(PDFName.of('ToUnicode')));
    const map = new Map<string, string>();
    for (const [, id = '', unicode = ''] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) {
      const units = (unicode.match(/.{4}/g) ?? []).map((u) => Number.parseInt(u, 16));
      map.set(id, String.fromCharCode(...units));
    }
    fonts.set(name.toString(), map);
  }
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((r) => pdf.context.lookup(r))
      : [contents];
  const text = streams.map(decoded).join('\n');
  const shown: string[] = [];
  let font = new Map<string, string>();
  for (const [, name, hex] of text.matchAll(/(\/\w+) [\d.]+ Tf|<([0-9a-f]*)> Tj/g)) {
    if (name) font = fonts.get(name) ?? new Map();
    else shown.push((hex?.match(/.{4}/g) ?? []).map((id) => font.get(id) ?? '\uFFFD').join(''));
  }
  return shown;
}
