// Writes server/letters/font-coverage.ts: the characters both of the letters' fonts (Noto Sans
// regular and bold) can write, as ranges of code points. The renderer embeds the fonts, but
// whoever makes a letter must know what it cannot write without loading them (they are 1.2 MB
// and, on the Worker, a chunk loaded on first use); server/letters/font-coverage.test.ts checks
// the file against the fonts, so a font update that changes what they cover fails until this
// is run again: node scripts/letter-font-coverage.mjs
// Left out: control characters (the renderer drops them) and Devanagari, which the fonts hold
// but which needs shaping (conjuncts, vowel signs moved before their consonant) that the
// renderer does not do: printed glyph by glyph it would be wrong, so it counts as unwritable.
import { readFileSync, writeFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';

const font = (file) =>
  fontkit.create(
    readFileSync(new URL(import.meta.resolve(`@expo-google-fonts/noto-sans/${file}`))),
  );
const regular = font('400Regular/NotoSans_400Regular.ttf');
const bold = font('700Bold/NotoSans_700Bold.ttf');
const inBold = new Set(bold.characterSet);
const needsShaping = /[\p{Cc}\p{Script=Devanagari}]/u;
const points = [...new Set(regular.characterSet)]
  .filter((c) => inBold.has(c) && !needsShaping.test(String.fromCodePoint(c)))
  .sort((a, b) => a - b);

const ranges = [];
for (const c of points) {
  const last = ranges.at(-1);
  if (last && last[1] === c - 1) last[1] = c;
  else ranges.push([c, c]);
}
const text = ranges
  .map(([a, b]) => (a === b ? a.toString(16) : `${a.toString(16)}-${b.toString(16)}`))
  .join(',');
const lines = text.match(/.{1,96}(,|$)/g) ?? [];
writeFileSync(
  new URL('../server/letters/font-coverage.ts', import.meta.url),
  `// Written by scripts/letter-font-coverage.mjs from Noto Sans (regular and bold); do not edit.
/** The code points both letter fonts can write: hexadecimal ranges "a-b" or single points. */
export const FONT_COVERAGE =
${lines.map((l) => `  '${l}'`).join(' +\n')};
`,
);
console.log(`${points.length} characters in ${ranges.length} ranges`);
