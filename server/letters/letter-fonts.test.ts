import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { expect, test } from 'vitest';
import { decisionLetter } from '../../test/letter-documents';
import { loadFontFiles } from './font-files';
import { renderLetterDocument } from './letter-render';
import { writable } from './letter-text';

/** Each embedded font of a PDF: its subset as fontkit reads it, and its glyph ids' code points. */
async function embeddedFonts(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes);
  const stream = (ref: unknown) => {
    const object = ref instanceof PDFRef ? pdf.context.lookup(ref) : ref;
    if (!(object instanceof PDFRawStream)) throw new Error('not a stream');
    return inflateSync(object.contents);
  };
  const fonts: { name: string; font: fontkit.Font; codePoints: Map<number, number> }[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (
      !(object instanceof PDFDict) ||
      object.get(PDFName.of('Subtype'))?.toString() !== '/Type0'
    ) {
      continue;
    }
    const cmap = stream(object.get(PDFName.of('ToUnicode'))).toString('latin1');
    const codePoints = new Map<number, number>();
    for (const [, id, unicode] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) {
      codePoints.set(
        Number.parseInt(id as string, 16),
        String.fromCharCode(
          ...(unicode?.match(/.{4}/g) ?? []).map((u) => Number.parseInt(u, 16)),
        ).codePointAt(0) as number,
      );
    }
    const cid = pdf.context.lookup(
      (object.lookup(PDFName.of('DescendantFonts')) as unknown as { get(i: number): PDFRef }).get(
        0,
      ),
    ) as PDFDict;
    const descriptor = cid.lookup(PDFName.of('FontDescriptor')) as PDFDict;
    const font = fontkit.create(stream(descriptor.get(PDFName.of('FontFile2'))));
    fonts.push({ name: object.get(PDFName.of('BaseFont'))?.toString() ?? '', font, codePoints });
  }
  return fonts;
}

/** Glyphs of the subsets whose outline or width is not the font's own. */
async function misdrawn(bytes: Uint8Array) {
  const files = await loadFontFiles();
  const original = { regular: fontkit.create(files.regular), bold: fontkit.create(files.bold) };
  const fonts = await embeddedFonts(bytes);
  for (const { name } of fonts) expect(name).toMatch(/^\/[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
  expect(fonts.map((f) => f.name.slice(8)).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
  const wrong: string[] = [];
  for (const { name, font, codePoints } of fonts) {
    const source = name.endsWith('Bold') ? original.bold : original.regular;
    for (const [id, codePoint] of codePoints) {
      const expected = source.glyphForCodePoint(codePoint);
      const got = font.getGlyph(id);
      if (
        got.path.toSVG() !== expected.path.toSVG() ||
        got.advanceWidth !== expected.advanceWidth
      ) {
        wrong.push(`${name}: ${String.fromCodePoint(codePoint)}`);
      }
    }
  }
  return { wrong, glyphs: fonts.map((f) => f.codePoints.size) };
}

test('every glyph of a usual letter is drawn as the font draws it', async () => {
  // A small subset has its glyphs' offsets stored halved (the short loca format): the case that
  // broke every glyph after one of an odd length.
  const { wrong, glyphs } = await misdrawn(await renderLetterDocument(decisionLetter()));
  expect(Math.min(...glyphs)).toBeGreaterThan(20);
  expect(wrong).toEqual([]);
});

test('every character the fonts can write is drawn as the font draws it', async () => {
  // Every character the letter fonts can write, in the text (regular) and the subject (bold).
  const all: string[] = [];
  for (let cp = 0x20; cp < 0x20000; cp++) {
    if (
      writable(cp) &&
      !/[\p{Z}\p{Cc}\p{Default_Ignorable_Code_Point}]/u.test(String.fromCodePoint(cp))
    ) {
      all.push(String.fromCodePoint(cp));
    }
  }
  const text = all.join('');
  const bytes = await renderLetterDocument(decisionLetter({ subject: text, paragraphs: [text] }));
  const { wrong, glyphs } = await misdrawn(bytes);
  expect(Math.min(...glyphs)).toBeGreaterThan(all.length * 0.9);
  expect(wrong).toEqual([]);
});
