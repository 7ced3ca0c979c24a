import fc from 'fast-check';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import { expect, test } from 'vitest';
import { pdfText } from '../../test/pdf-text';
import { type Letter, letterPdf, MAX_LETTER_PAGES, wrap } from './letter-pdf';

const WIDTH = 451;

const helvetica = async () =>
  (await PDFDocument.create()).embedFont(StandardFonts.Helvetica) as Promise<PDFFont>;

const letter = (body: string): Letter => ({
  from: { name: 'Gemeente', lines: ['Straat 1'] },
  to: { name: 'J. Jansen', address: 'Laan 2, 1234 AB Dorp' },
  date: '26 november 2026',
  reference: { label: 'Ons kenmerk', value: '2026-0001' },
  subject: { label: 'Onderwerp', value: 'Uw klacht' },
  body,
});

/** The wrapping as it was first written: every candidate line measured whole. */
function measuringEveryCandidate(text: string, font: PDFFont, width: number): string[] {
  const lines: string[] = [];
  for (const paragraphLine of text.split('\n')) {
    let line = '';
    for (const word of paragraphLine.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, 11) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let lineWidth = 0;
      for (const ch of word) {
        const chWidth = font.widthOfTextAtSize(ch, 11);
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

test('a word wider than a line is cut into lines that fit, in time linear in its length', async () => {
  const font = await helvetica();
  const word = 'W'.repeat(20_000);
  const started = performance.now();
  const lines = wrap(`Zie ${word} hier`, font, WIDTH);
  // Measuring every prefix took minutes here; adding up widths takes milliseconds.
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(lines[0]).toBe('Zie');
  expect(lines.at(-1)).toMatch(/W hier$/);
  expect(lines.join('').replace(/Zie|hier|\s/g, '')).toBe(word);
  for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(WIDTH);
  // Full lines: each cut line holds as many characters as fit.
  expect(lines[1]?.length).toBe(lines[2]?.length);
  expect(font.widthOfTextAtSize(`${lines[1]}W`, 11)).toBeGreaterThan(WIDTH);
});

test('words are kept whole where they fit, and paragraphs keep their line breaks', async () => {
  const font = await helvetica();
  expect(wrap('Geachte heer Jansen,\nUw klacht is ontvangen.', font, WIDTH)).toEqual([
    'Geachte heer Jansen,',
    'Uw klacht is ontvangen.',
  ]);
  const pdf = await letterPdf(letter(`Een woord: ${'x'.repeat(5_000)}`));
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
});

test('lines break exactly where measuring each whole candidate line breaks them', async () => {
  const font = await helvetica();
  // Words of letters that kern (AV, Te, y.) and of every width, with long ones among them.
  const word = fc.oneof(
    fc.stringMatching(/^[A-Za-z.,'’éëï-]{1,12}$/),
    fc.constantFrom('AVAVAV', 'Te', 'y.', 'W'.repeat(120), 'iiiiiiiiiiiiiiiiiiiiiiii'),
  );
  const text = fc
    .array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '  ', '\n')), { maxLength: 300 })
    .map((parts) => parts.map(([w, gap]) => `${w}${gap}`).join(''));
  fc.assert(
    fc.property(text, (t) => {
      expect(wrap(t, font, WIDTH)).toEqual(measuringEveryCandidate(t, font, WIDTH));
    }),
    { numRuns: 300 },
  );
});

test('each word is measured once, not every line it grows: work linear in the text', async () => {
  const font = await helvetica();
  // Distinct words, so remembering a measured word saves nothing here.
  const text = Array.from({ length: 4_000 }, (_, i) => `woord${i.toString(36)}`).join(' ');
  let measured = 0;
  const counting = new Proxy(font, {
    get(target, name, receiver) {
      if (name !== 'widthOfTextAtSize') return Reflect.get(target, name, receiver);
      return (s: string, size: number) => {
        measured += s.length;
        return target.widthOfTextAtSize(s, size);
      };
    },
  });
  const lines = wrap(text, counting, WIDTH);
  expect(lines.length).toBeGreaterThan(100);
  // Measuring each candidate line whole measured about 6 characters for every one of the text.
  expect(measured).toBeLessThan(2 * text.length);
});

test(`a letter stops at ${MAX_LETTER_PAGES} pages, ending in "…", and is written quickly`, async () => {
  // 33,000 characters of one-letter paragraphs: several hundred pages without the bound.
  const body = 'x\n\n'.repeat(11_000);
  const started = performance.now();
  const bytes = await letterPdf(letter(body));
  const elapsed = performance.now() - started;
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBe(MAX_LETTER_PAGES);
  expect((await pdfText(bytes)).trimEnd()).toMatch(/x …$/);
  expect(elapsed).toBeLessThan(5_000);
  // A letter that fits is written whole.
  const short = await pdfText(await letterPdf(letter('Eerste alinea.\n\nLaatste alinea.')));
  expect(short).toContain('Laatste alinea.');
  expect(short).not.toContain('…');
});
