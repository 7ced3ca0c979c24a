import type { Locale } from '../../shared/localised';

/** Points in a millimetre: the page is laid out in millimetres, as letter standards give it. */
export const MM = 72 / 25.4;

/** A4 portrait, in points. */
export const PAGE = { width: 210 * MM, height: 297 * MM };

/** The text's left edge (and the address's, in the window) and its right edge: 25 and 20 mm. */
export const LEFT = 25 * MM;
export const RIGHT = 190 * MM;

/**
 * Where the recipient's address must stay so that a window envelope shows it (from the top-left
 * corner of the page). The usual Dutch envelope for an A4 letter folded in three is the EA5/6
 * (110 × 220 mm, like DL) with its window on the left, per NEN-EN-ISO 269 / DIN 680: 90 × 45 mm,
 * 20 mm from the left and 15 mm from the bottom, so 50 to 95 mm from the envelope's top edge.
 * Folded at 105 mm, the letter's top panel lies behind it and can slide about 5 mm either way;
 * an area of 85 × 40 mm from (22 mm, 50 mm), with the text starting at 25 mm, stays inside the
 * window wherever the letter sits. It also falls in the address field of DIN 5008 form B (45 mm
 * from the top, 20 mm from the left, 85 × 45 mm) that C5 and C4 window envelopes follow.
 */
export const WINDOW = { left: 22 * MM, top: 50 * MM, width: 85 * MM, height: 40 * MM };

/** Where the flowing text (place and date onwards) starts on the first page: below the window. */
export const FIRST_FLOW_TOP = 100 * MM;
/** …and on later pages, below the small header that lets a loose page be placed. */
export const LATER_FLOW_TOP = 28 * MM;
/** The last baseline of the flowing text: well above the footer with the page numbers. */
export const FLOW_BOTTOM = 275 * MM;
/** The footer's baseline ("pagina 1 van 2"), 12 mm from the bottom edge. */
export const FOOTER_BASELINE = 285 * MM;
/** Where the letter is folded in three for the envelope: marked on the first page's left edge. */
export const FOLDS = [105 * MM, 210 * MM];

/** Sizes and line distances in points. */
export const TYPE = {
  body: { size: 10, leading: 14 },
  name: { size: 15 },
  small: { size: 8.5, leading: 11 },
  returnAddress: { size: 7 },
  address: { size: 10, leading: 12.5, minSize: 8 },
  footer: { size: 8 },
};

/** The grey of labels, the return address and the header and footer (0 black, 1 white). */
export const GREY = 0.35;

/** What the renderer itself writes, in the letter's language. */
export const LABELS: Record<
  Locale,
  {
    page: (page: number, of: number) => string;
    enclosures: (count: number) => string;
    returnAddress: string;
    phone: string;
    lang: string;
  }
> = {
  nl: {
    page: (page, of) => `pagina ${page} van ${of}`,
    enclosures: (count) => (count === 1 ? 'Bijlage' : 'Bijlagen'),
    returnAddress: 'Retouradres',
    phone: 'Tel.',
    lang: 'nl-NL',
  },
  en: {
    page: (page, of) => `page ${page} of ${of}`,
    enclosures: (count) => (count === 1 ? 'Enclosure' : 'Enclosures'),
    returnAddress: 'Return address',
    phone: 'Tel.',
    lang: 'en-GB',
  },
};

/** Measures text in a face at a size, in points. */
export type Measure = (text: string, bold: boolean, size: number) => number;

/**
 * Lines of at most `width` points, broken at spaces (a no-break space holds), and inside a word
 * only where the word alone is wider than a line. Glyph widths simply add up (the letter is not
 * kerned), so each character is measured once and the whole is linear in the text's length.
 * A line break in the text stays one; the spaces around it go.
 */
export function wrap(text: string, width: number, measure: Measure, bold = false, size = 10) {
  const space = measure(' ', bold, size);
  const lines: string[] = [];
  for (const textLine of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of textLine.split(' ')) {
      if (!word) continue;
      const wordWidth = measure(word, bold, size);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      lineWidth = wordWidth;
      if (wordWidth <= width) continue;
      // A word wider than a line: as many characters as fit on each line.
      line = '';
      lineWidth = 0;
      for (const ch of word) {
        const chWidth = measure(ch, bold, size);
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

/** The text, cut short with "…" where it is wider than `width` (for one-line fields). */
export function fitted(text: string, width: number, measure: Measure, bold: boolean, size: number) {
  if (measure(text, bold, size) <= width) return text;
  const ellipsis = measure('…', bold, size);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = measure(ch, bold, size);
    if (used + w + ellipsis > width) break;
    out += ch;
    used += w;
  }
  return `${out.trimEnd()}…`;
}
