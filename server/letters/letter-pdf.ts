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

/** Keeps what the standard fonts can write (WinAnsi: Dutch, € and the like); the rest becomes ?. */
function writable(text: string, font: PDFFont): string {
  const set = new Set(font.getCharacterSet());
  return [...text].map((ch) => (set.has(ch.codePointAt(0) ?? 0) ? ch : '?')).join('');
}

/**
 * Lines of at most `width` points, broken between words (or inside a word that is too long). A
 * word wider than a line is cut by adding up its characters' widths, once: measuring every prefix
 * of it took minutes of CPU for a word of 10,000 characters that anyone can put in a letter.
 */
export function wrap(text: string, font: PDFFont, width: number): string[] {
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    let line = '';
    for (const word of paragraphLine.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, SIZE) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let lineWidth = 0;
      for (const ch of word) {
        const chWidth = font.widthOfTextAtSize(ch, SIZE);
        if (line && lineWidth + chWidth > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += ch;
        lineWidth += chWidth;
      }
    }
    lines.push(line);
  }
  return lines;
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
  const write = (text: string, font = regular, x = MARGIN) => {
    if (y < MARGIN + LEADING) {
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
    for (const line of wrap(writable(paragraph, regular), regular, width)) write(line);
    y -= LEADING / 2;
  }
  return pdf.save();
}
