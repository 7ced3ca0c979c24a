import fontkit from '@pdf-lib/fontkit';
import { type PDFContext, PDFHexString, type PDFRef, PDFString } from 'pdf-lib';
import { loadFontFiles } from './font-files';

export type Face = 'regular' | 'bold';

/**
 * A parsed font with what the letters read from it: each code point's glyph and width, looked up
 * once per thread. Only what never changes is read (no layout, no glyph objects' own state), so
 * no letter can change the bytes of another.
 *
 * The text is not shaped: fontkit's layout took about a millisecond a line (a long letter,
 * a second), where a glyph per code point takes microseconds. What that gives up is kerning and
 * ligatures in Latin, Greek and Cyrillic, which a letter does without; scripts that cannot do
 * without shaping count as unwritable (scripts/letter-font-coverage.mjs).
 */
class ParsedFont {
  private readonly glyphs = new Map<number, { id: number; width: number }>();
  readonly scale: number;

  constructor(
    readonly font: fontkit.Font,
    readonly stemV: number,
  ) {
    this.scale = 1000 / font.unitsPerEm;
  }

  glyph(codePoint: number): { id: number; width: number } {
    let known = this.glyphs.get(codePoint);
    if (!known) {
      const glyph = this.font.glyphForCodePoint(codePoint);
      known = { id: glyph.id, width: glyph.advanceWidth * this.scale };
      this.glyphs.set(codePoint, known);
    }
    return known;
  }
}

let parsed: Promise<Record<Face, ParsedFont>> | undefined;

/** The letter fonts, read and parsed on the first letter; a failure is tried again next time. */
function parsedFonts(): Promise<Record<Face, ParsedFont>> {
  parsed ??= loadFontFiles().then(
    (files) => ({
      regular: new ParsedFont(fontkit.create(files.regular), 80),
      bold: new ParsedFont(fontkit.create(files.bold), 140),
    }),
    (err) => {
      parsed = undefined;
      throw err;
    },
  );
  return parsed;
}

/**
 * One face as one letter uses it: measures text, encodes it as the glyphs of a subset of the
 * font, and at the end embeds that subset (a CIDFontType2 with Identity encoding, its widths, and
 * a ToUnicode map so that text can be searched, copied and read aloud).
 */
export class LetterFace {
  private readonly subset: fontkit.Subset;
  /** Subset glyph id → the code point it was first used for (ToUnicode). */
  private readonly used = new Map<number, { codePoint: number; width: number }>();

  constructor(
    private readonly parsed: ParsedFont,
    readonly ref: PDFRef,
  ) {
    this.subset = evenGlyphs(parsed.font.createSubset());
  }

  /** The width of `text` at `size` points: the glyphs' advances added up, no kerning. */
  width(text: string, size: number): number {
    let units = 0;
    for (const ch of text) units += this.parsed.glyph(ch.codePointAt(0) ?? 0).width;
    return (units * size) / 1000;
  }

  /** The text as a string of subset glyph ids, for the Tj operator. */
  encode(text: string): PDFHexString {
    let hex = '';
    for (const ch of text) {
      const codePoint = ch.codePointAt(0) ?? 0;
      const glyph = this.parsed.glyph(codePoint);
      const id = this.subset.includeGlyph(glyph.id);
      if (!this.used.has(id)) this.used.set(id, { codePoint, width: glyph.width });
      hex += id.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  /** Writes the font, with the glyphs the letter used, to `ref`. */
  async embed(context: PDFContext, name: string): Promise<void> {
    const font = this.parsed.font;
    const scale = this.parsed.scale;
    const bytes = await subsetBytes(this.subset);
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    const baseFont = `${subsetTag(ids)}+${name}`;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // Symbolic: the glyphs are reached by id, not by a standard encoding.
        Flags: 4,
        FontBBox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map(
          (v) => v * scale,
        ),
        ItalicAngle: font.italicAngle,
        Ascent: font.ascent * scale,
        Descent: font.descent * scale,
        CapHeight: font.capHeight * scale,
        XHeight: font.xHeight * scale,
        StemV: this.parsed.stemV,
        FontFile2: context.register(context.flateStream(bytes, { Length1: bytes.length })),
      }),
    );
    const widths = ids.map((id) => Math.round((this.used.get(id)?.width ?? 0) * 100) / 100);
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: {
          Registry: PDFString.of('Adobe'),
          Ordering: PDFString.of('Identity'),
          Supplement: 0,
        },
        FontDescriptor: descriptor,
        // The ids are 1…n without gaps: the subset numbers glyphs in the order they are used.
        W: ids.length ? [ids[0], widths] : [],
        CIDToGIDMap: 'Identity',
      }),
    );
    const toUnicode = context.register(context.flateStream(unicodeMap(ids, this.used)));
    context.assign(
      this.ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}

/** The two faces for one letter, their font dictionaries to be written at `embed`. */
export async function letterFaces(context: PDFContext): Promise<Record<Face, LetterFace>> {
  const fonts = await parsedFonts();
  return {
    regular: new LetterFace(fonts.regular, context.nextRef()),
    bold: new LetterFace(fonts.bold, context.nextRef()),
  };
}

/**
 * fontkit writes a subset's loca table in the short format whenever the glyphs fit, which stores
 * each glyph's offset halved, but keeps each glyph's data at its length in the font: Noto Sans
 * has 1,323 glyphs of an odd length, and every glyph after one of them in a subset was read from
 * the wrong place (drawn as nothing, or as another shape). Each glyph is padded to an even length
 * as the subset takes it (a glyph's length is the distance between two offsets; padding is
 * allowed), keeping the buffer type fontkit gave it.
 */
function evenGlyphs(subset: fontkit.Subset): fontkit.Subset {
  type Inner = {
    _addGlyph(gid: number): number;
    glyf: Uint8Array[];
    offset: number;
  };
  const inner = subset as unknown as Inner;
  const addGlyph = inner._addGlyph.bind(inner);
  inner._addGlyph = (gid) => {
    const index = addGlyph(gid);
    const data = inner.glyf[index];
    if (data && data.length % 2 === 1) {
      const padded = new Uint8Array(data.length + 1);
      padded.set(data);
      inner.glyf[index] = (
        data.constructor as unknown as { from(bytes: Uint8Array): Uint8Array }
      ).from(padded);
      inner.offset += 1;
    }
    return index;
  };
  return subset;
}

function subsetBytes(subset: fontkit.Subset): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const stream = subset.encodeStream() as fontkit.SubsetStream & {
      on(event: 'error', listener: (err: Error) => void): unknown;
    };
    stream.on('data', (part) => parts.push(part));
    stream.on('end', () => {
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
      resolve(bytes);
    });
    stream.on('error', reject);
  });
}

/**
 * The six capital letters a subset font's name starts with (ISO 32000-1, 9.6.4), made from the
 * glyphs it holds rather than drawn at random, so the same letter is the same bytes.
 */
function subsetTag(ids: number[]): string {
  let hash = 0x811c9dc5;
  for (const id of ids) hash = Math.imul(hash ^ id, 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26);
  }
  return tag;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A code point as UTF-16 hexadecimal (beyond the BMP, its two surrogates). */
function utf16(codePoint: number): string {
  const text = String.fromCodePoint(codePoint);
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** The ToUnicode CMap: at most 100 entries to a bfchar block, as the CMap format requires. */
function unicodeMap(ids: number[], used: Map<number, { codePoint: number }>): string {
  const blocks: string[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const lines = chunk.map((id) => `<${hex4(id)}> <${utf16(used.get(id)?.codePoint ?? 0xfffd)}>`);
    blocks.push(`${chunk.length} beginbfchar\n${lines.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
