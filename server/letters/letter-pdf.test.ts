import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, test } from 'vitest';
import { letterPdf, wrap } from './letter-pdf';

const WIDTH = 451;

test('a word wider than a line is cut into lines that fit, in time linear in its length', async () => {
  const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
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
  const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
  expect(wrap('Geachte heer Jansen,\nUw klacht is ontvangen.', font, WIDTH)).toEqual([
    'Geachte heer Jansen,',
    'Uw klacht is ontvangen.',
  ]);
  const pdf = await letterPdf({
    from: { name: 'Gemeente', lines: ['Straat 1'] },
    to: { name: 'J. Jansen', address: 'Laan 2, 1234 AB Dorp' },
    date: '26 november 2026',
    reference: { label: 'Ons kenmerk', value: '2026-0001' },
    subject: { label: 'Onderwerp', value: 'Uw klacht' },
    body: `Een woord: ${'x'.repeat(5_000)}`,
  });
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
});
