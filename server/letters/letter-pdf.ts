import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';

export interface Letter {
  /** The sender: the organisation's name and postal address lines (and phone, e-mail, website). */
  from: { name: string; lines: string[] };
  /** The addressee: the complainant's name and postal address (one or more lines). */
  to: { name: string; address: string };
  /** The letter's date, already written out ("25 november 2026"). */
  date: string;
  /** "Ons kenmerk" / "Our reference": the complaint number. */
  reference: { label: string; value: string };
  subject: { label: string; value: string };
  /** The message as plain text: paragraphs separated by empty lines. */
  body: string;
}

export type RenderLetter = (letter: Letter) => Promise<Uint8Array>;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 72;
const SIZE = 11;
const LEADING = 15;

/**
 * Pages a letter may fill. A message is bounded in characters (MAX_MESSAGE_CHARS), but a text of
 * one-character lines fills a page with every 48 of them: without a bound in pages, 32,000
 * characters of line breaks made a letter of several hundred pages and as many seconds of CPU.
 * A real letter of the longest message fills about ten; a longer one ends in "…".
 */
export const MAX_LETTER_PAGES = 40;

// The characters each font can write, gathered once: building the set took a fifth of a long
// letter's time when it was built again for every line.
const charSets = new WeakMap<PDFFont, Set<number>>();

/** Keeps what the standard fonts can write (WinAnsi: Dutch, € and the like); the rest becomes ?. */
function writable(text: string, font: PDFFont): string {
  // Printable ASCII is in every standard font's set: most text needs no look-up at all.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let set = charSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charSets.set(font, set);
  }
  let out = '';
  for (const ch of text) out += set.has(ch.codePointAt(0) ?? 0) ? ch : '?';
  return out;
}

/**
 * Lines of at most `width` points, broken between words (or inside a word that is too long).
 * Each word is measured once, and a line grows by the word plus what the space costs between
 * the two (its width and the kerning on either side, read from three characters): measuring the
 * whole candidate line again for every word made a long letter cost quadratic time in its line
 * length. A word wider than a line is cut by adding up its characters' widths, also once.
 */
export function wrap(text: string, font: PDFFont, width: number): string[] {
  // Letters repeat their words and their joins; each is measured once per letter.
  const known = new Map<string, number>();
  const measure = (s: string) => {
    let w = known.get(s);
    if (w === undefined) {
      w = font.widthOfTextAtSize(s, SIZE);
      known.set(s, w);
    }
    return w;
  };
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let last = '';
    for (const word of paragraphLine.split(/\s+/).filter(Boolean)) {
      const wordWidth = measure(word);
      const first = String.fromCodePoint(word.codePointAt(0) ?? 32);
      // width(line + ' ' + word) = width(line) + width(word) + the join of `last ␣ first`
      // less the two characters the line and the word already counted.
      const joined = line
        ? lineWidth + wordWidth + measure(`${last} ${first}`) - measure(last) - measure(first)
        : wordWidth;
      if (joined <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth = joined;
        last = lastCharacter(word);
        continue;
      }
      if (line) lines.push(line);
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        last = lastCharacter(word);
        continue;
      }
      line = '';
      lineWidth = 0;
      for (const ch of word) {
        const chWidth = measure(ch);
        if (line && lineWidth + chWidth > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += ch;
        lineWidth += chWidth;
      }
      // The rest of a cut word is measured as a whole, kerning included, for the next join.
      lineWidth = measure(line);
      last = lastCharacter(line);
    }
    lines.push(line);
  }
  return lines;
}

function lastCharacter(text: string): string {
  const chars = [...text.slice(-2)];
  return chars.at(-1) ?? '';
}

/** A letter on A4 as a PDF: sender, addressee in the window, date, reference, subject, text. */
export async function letterPdf(letter: Letter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${letter.subject.value} (${letter.reference.value})`);
  pdf.setProducer('Klachtenregeling');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4.width - 2 * MARGIN;
  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  let full = false;
  const write = (text: string, font = regular, x = MARGIN) => {
    if (full) return;
    if (y < MARGIN + LEADING) {
      if (pdf.getPageCount() >= MAX_LETTER_PAGES) {
        page.drawText('…', { x, y, size: SIZE, font: regular });
        full = true;
        return;
      }
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
    page.drawText(writable(text, font), { x, y, size: SIZE, font });
    y -= LEADING;
  };
  write(letter.from.name, bold);
  for (const line of letter.from.lines) write(line);
  // The addressee sits where a window envelope shows it (about 50 mm from the top).
  y = Math.min(y - LEADING, A4.height - 142);
  write(letter.to.name);
  for (const line of letter.to.address.split(/\n|,\s*/)) write(line.trim());
  y -= 2 * LEADING;
  write(letter.date);
  y -= LEADING;
  write(`${letter.reference.label}: ${letter.reference.value}`);
  write(`${letter.subject.label}: ${letter.subject.value}`, bold);
  y -= LEADING;
  for (const paragraph of letter.body.split(/\n\s*\n/)) {
    if (full) break;
    for (const line of wrap(writable(paragraph, regular), regular, width)) write(line);
    y -= LEADING / 2;
  }
  return pdf.save();
}
