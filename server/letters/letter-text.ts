import { FONT_COVERAGE } from './font-coverage';
import type { LetterDocument } from './letter-document';

/**
 * What the letter prints where its fonts have no glyph: U+FFFD, the replacement character (a
 * white question mark on a black diamond), which the fonts hold. Visible, unlike a dropped
 * character, and unlike "?" never mistaken for the text. `unwritable` names these characters
 * when the letter is made, so staff can write them otherwise before it is sent.
 */
export const REPLACEMENT = '\uFFFD';

const ranges: [number, number][] = FONT_COVERAGE.split(',').map((part) => {
  const [from = '0', to = from] = part.split('-');
  return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
});

/** Whether both letter fonts can write the code point (a binary search of the ranges). */
export function writable(codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = ranges[mid] as [number, number];
    if (codePoint < from) high = mid - 1;
    else if (codePoint > to) low = mid + 1;
    else return true;
  }
  return false;
}

// Every way of ending a line (CR LF, CR, NEL, the Unicode line and paragraph separators) is one
// line break; a tab is a space.
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/g;
// Control characters other than the line break, and the characters that show nothing by
// definition (zero-width spaces and joiners, bidirectional marks and overrides, the soft hyphen,
// variation selectors, the byte order mark): they would print as a box or move text around, so
// they go. What they did (a bidirectional override) the printed letter could not honour anyway.
const DROPPED = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;
const SPACES = /\p{Zs}/gu;

/** Composed (NFC), line breaks "\n", tabs and spaces the fonts lack plain spaces, invisible gone. */
export function cleaned(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(DROPPED, (ch) => (ch === '\n' ? ch : ''))
    .replace(SPACES, (space) => (writable(space.codePointAt(0) ?? 32) ? space : ' '));
}

/**
 * The text as the letter prints it: composed (NFC, so "e" with a combining accent is the "é"
 * the fonts hold), line breaks made "\n", invisible and control characters dropped, spaces the
 * fonts lack made plain spaces, and every other character the fonts cannot write replaced by
 * REPLACEMENT.
 */
export function printable(text: string): string {
  const clean = cleaned(text);
  // Most letters are plain Dutch or English: one test answers for the whole text.
  if (/^[\n\x20-\x7e\u00a0-\u017f]*$/.test(clean)) return clean;
  let out = '';
  for (const ch of clean) out += ch === '\n' || writable(ch.codePointAt(0) ?? 0) ? ch : REPLACEMENT;
  return out;
}

/**
 * The characters of `texts` that a letter cannot write (each once, in the order they first
 * appear), so the caller can report them when the letter is made. Dropped characters (control
 * and invisible ones) are not among them.
 */
export function unwritable(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const ch of cleaned(text)) {
      if (ch !== '\n' && !writable(ch.codePointAt(0) ?? 0)) found.add(ch);
    }
  }
  return [...found];
}

/**
 * Every text a letter prints, for `unwritable`. Not the title: it is only the PDF's metadata,
 * which holds any character (the window title shows it as written).
 */
export function letterTexts(doc: LetterDocument): string[] {
  return [
    doc.sender.name,
    ...doc.sender.address,
    doc.sender.phone ?? '',
    doc.sender.email ?? '',
    doc.sender.website ?? '',
    doc.recipient.name,
    ...doc.recipient.address,
    doc.place ?? '',
    doc.date,
    ...doc.references.flatMap((r) => [r.label, r.value]),
    doc.subject,
    doc.salutation,
    ...doc.paragraphs,
    doc.closing,
    doc.signature.name,
    doc.signature.role ?? '',
    doc.signature.organisation,
    ...doc.enclosures.map((e) => e.title),
  ];
}
