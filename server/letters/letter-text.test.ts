import fontkit from '@pdf-lib/fontkit';
import { expect, test } from 'vitest';
import { decisionLetter } from '../../test/letter-documents';
import { loadFontFiles } from './font-files';
import { letterTexts, printable, REPLACEMENT, unwritable, writable } from './letter-text';

test('font-coverage.ts says exactly what both fonts hold, less what needs shaping', async () => {
  const files = await loadFontFiles();
  const regular = fontkit.create(files.regular);
  const bold = fontkit.create(files.bold);
  const shaped = /[\p{Cc}\p{Script=Devanagari}]/u;
  const differ: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const expected =
      regular.hasGlyphForCodePoint(cp) &&
      bold.hasGlyphForCodePoint(cp) &&
      !shaped.test(String.fromCodePoint(cp));
    if (writable(cp) !== expected) differ.push(cp.toString(16));
  }
  // Run `node scripts/letter-font-coverage.mjs` after changing the fonts.
  expect(differ).toEqual([]);
  for (const cp of [0x41, 0x131, 0x3a9, 0x416, 0x1ea0, 0x20ac, 0xfffd])
    expect(writable(cp)).toBe(true);
  for (const cp of [0x5d0, 0x627, 0x4e00, 0x1f600, 0x915]) expect(writable(cp)).toBe(false);
});

test('printable: composed, one kind of line break, invisible characters gone, the rest U+FFFD', () => {
  expect(printable('Ko\u0308rner')).toBe('Körner');
  expect(printable('a\r\nb\rc\u2028d\u2029e\u0085f')).toBe('a\nb\nc\nd\ne\nf');
  expect(printable('a\tb')).toBe('a b');
  expect(printable('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde');
  expect(printable('\ufeffzero\u200bwidth\u200d\u2066iso\u2069\u202eover\u00adhyphen')).toBe(
    'zerowidthisooverhyphen',
  );
  expect(printable('no\u00a0break')).toBe('no\u00a0break');
  expect(printable('ideographic\u3000space')).toBe('ideographic space');
  expect(printable('Chen 陈 👍')).toBe(`Chen ${REPLACEMENT} ${REPLACEMENT}`);
  expect(printable('नमस्ते')).toBe(REPLACEMENT.repeat(6));
  expect(printable('Straße, Ærø, Γειά, Привет')).toBe('Straße, Ærø, Γειά, Привет');
});

test('unwritable: what a letter cannot print, each once, in order; dropped characters are not', () => {
  expect(unwritable(['Geachte heer Kılıç,', 'Γειά σας, Привет'])).toEqual([]);
  expect(unwritable(['Chen 陈 👍', '陈 שלום\u200b\u0007'])).toEqual([
    '陈',
    '👍',
    'ש',
    'ל',
    'ו',
    'ם',
  ]);
  const doc = decisionLetter({
    recipient: { name: 'Chen 陈', address: [] },
    signature: { name: '👍', organisation: 'x' },
    enclosures: [{ title: 'ملف' }],
  });
  expect(unwritable(letterTexts(doc))).toEqual(['陈', '👍', 'م', 'ل', 'ف']);
});
