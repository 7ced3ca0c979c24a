import { deflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  PDFName,
  type PDFRawStream,
  StandardFonts,
} from 'pdf-lib';
import { expect, test } from 'vitest';
import {
  decisionLetter,
  JPEG_40X20,
  PNG_40X20,
  withOrientation,
} from '../../test/letter-documents';
import { pdfLines } from '../../test/pdf-text';
import { jpegRotation } from './jpeg-orientation';
import { MAX_ENCLOSURE_PAGES } from './letter-enclosures';
import { MM } from './letter-geometry';
import { writeLetter } from './letter-render';

/** A PDF of `pages` pages, each saying which it is; the first claims a place in a structure tree. */
async function advice(pages: number, title = 'Advies'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${title} pagina ${i}`, { x: 72, y: 700, size: 12, font });
    if (i === 1) page.node.set(PDFName.of('StructParents'), pdf.context.obj(0));
  }
  return pdf.save();
}

/** A PDF whose trailer names an encryption dictionary, as a password-protected one does. */
async function encrypted(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  pdf.context.trailerInfo.Encrypt = pdf.context.register(
    pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -4 }),
  );
  return pdf.save({ useObjectStreams: false });
}

/** A grey PNG of any size: signature, IHDR, one IDAT, IEND. */
function png(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits
  header[9] = 0; // grey
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter: none
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/**
 * Where each image of a page is drawn: the corners of its unit square on the page, in points,
 * from the page's content stream (pdf.js on Node 20 cannot decode images for its operator list).
 */
async function imageCorners(bytes: Uint8Array, pageNumber: number) {
  const pdf = await PDFDocument.load(bytes);
  const contents = pdf.getPage(pageNumber - 1).node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((r) => pdf.context.lookup(r))
      : [contents];
  const text = streams
    .map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1'))
    .join('\n');
  type M = [number, number, number, number, number, number];
  const times = (m: M, n: M): M => [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
  const stack: M[] = [];
  let ctm: M = [1, 0, 0, 1, 0, 0];
  let operands: number[] = [];
  const images: Record<'bottomLeft' | 'topLeft' | 'topRight', [number, number]>[] = [];
  const at = (x: number, y: number): [number, number] => [
    ctm[0] * x + ctm[2] * y + ctm[4],
    ctm[1] * x + ctm[3] * y + ctm[5],
  ];
  for (const token of text.split(/\s+/)) {
    if (/^-?[\d.]+$/.test(token)) {
      operands.push(Number(token));
      continue;
    }
    if (token === 'q') stack.push(ctm);
    else if (token === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (token === 'cm') ctm = times(operands.slice(-6) as M, ctm);
    else if (token === 'Do')
      images.push({ bottomLeft: at(0, 0), topLeft: at(0, 1), topRight: at(1, 1) });
    if (!token.startsWith('/')) operands = [];
  }
  return images;
}

test('a PDF enclosure’s pages and each image follow the letter, whose page numbers count its own', async () => {
  const doc = decisionLetter({
    paragraphs: ['Zie de bijlagen.'],
    enclosures: [
      {
        title: 'Advies van de klachtencommissie',
        content: { type: 'application/pdf', bytes: await advice(2) },
      },
      { title: 'Foto van de melding', content: { type: 'image/jpeg', bytes: JPEG_40X20 } },
      { title: 'Scan van uw brief', content: { type: 'image/png', bytes: PNG_40X20 } },
      { title: 'Uw brief van 3 december 2026' },
    ],
  });
  const written = await writeLetter(doc);
  expect(written.notAppended).toEqual([]);
  expect(written.pages).toBe(1);
  const pages = await pdfLines(written.pdf);
  expect(pages.map((lines) => lines.map((l) => l.text))).toEqual([
    expect.arrayContaining([
      'Bijlagen',
      '1. Advies van de klachtencommissie',
      '2. Foto van de melding',
      '3. Scan van uw brief',
      '4. Uw brief van 3 december 2026',
      'pagina 1 van 1',
    ]),
    ['Advies pagina 1'],
    ['Advies pagina 2'],
    ['Bijlage 2: Foto van de melding Gemeente Voorbeeld · Ons kenmerk 2026-0042'],
    ['Bijlage 3: Scan van uw brief Gemeente Voorbeeld · Ons kenmerk 2026-0042'],
  ]);
  // An image is shown at its size (a point a pixel), under the caption, not enlarged.
  const [photo] = await imageCorners(written.pdf, 4);
  expect((photo?.topRight[0] ?? 0) - (photo?.topLeft[0] ?? 0)).toBeCloseTo(40, 1);
  expect((photo?.topLeft[1] ?? 0) - (photo?.bottomLeft[1] ?? 0)).toBeCloseTo(20, 1);
  // The copied page no longer claims a place in the letter's structure tree.
  const out = await PDFDocument.load(written.pdf);
  expect(out.getPage(1).node.get(PDFName.of('StructParents'))).toBeUndefined();
  expect(out.getPage(0).node.get(PDFName.of('StructParents'))).toBeDefined();
});

test('an image larger than the page is scaled to fit it; a photo is turned upright', async () => {
  const doc = (bytes: Uint8Array, type: 'image/png' | 'image/jpeg') =>
    decisionLetter({
      paragraphs: ['Foto.'],
      enclosures: [{ title: 'Foto', content: { type, bytes } }],
    });
  const [wide] = await imageCorners((await writeLetter(doc(png(4000, 100), 'image/png'))).pdf, 2);
  expect((wide?.bottomLeft[0] ?? 0) / MM).toBeCloseTo(15, 1);
  expect((wide?.topRight[0] ?? 0) / MM).toBeCloseTo(195, 1);
  const [tall] = await imageCorners((await writeLetter(doc(png(100, 4000), 'image/png'))).pdf, 2);
  expect(((tall?.topLeft[1] ?? 0) - (tall?.bottomLeft[1] ?? 0)) / MM).toBeCloseTo(260, 1);

  // Stored 40 × 20 with "turn 90° clockwise" (6): shown 20 wide and 40 high, its stored top-left
  // corner (the green mark) at the top right. 8 turns it the other way, 3 upside down.
  const turned = async (orientation: number, littleEndian = false) => {
    const jpeg = withOrientation(JPEG_40X20, orientation, littleEndian);
    const [image] = await imageCorners((await writeLetter(doc(jpeg, 'image/jpeg'))).pdf, 2);
    const round = (p?: [number, number]) => p?.map((v) => Math.round(v));
    return {
      topLeft: round(image?.topLeft),
      topRight: round(image?.topRight),
      bottomLeft: round(image?.bottomLeft),
    };
  };
  const left = Math.round(15 * MM + (180 * MM - 20) / 2);
  const top = Math.round(297 * MM - 22 * MM);
  expect(await turned(6)).toEqual({
    topLeft: [left + 20, top],
    topRight: [left + 20, top - 40],
    bottomLeft: [left, top],
  });
  expect(await turned(6, true)).toEqual(await turned(6));
  expect((await turned(8)).topLeft).toEqual([left, top - 40]);
  expect((await turned(3)).topLeft).toEqual([left - 10 + 40, top - 20]);
  expect(jpegRotation(withOrientation(JPEG_40X20, 1))).toBe(0);
  expect(jpegRotation(JPEG_40X20)).toBe(0);
  expect(jpegRotation(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 2]))).toBe(0);
});

test('an encrypted or broken enclosure is listed, not added, and reported', async () => {
  const doc = decisionLetter({
    paragraphs: ['Zie de bijlagen.'],
    enclosures: [
      { title: 'Beveiligd advies', content: { type: 'application/pdf', bytes: await encrypted() } },
      {
        title: 'Kapot bestand',
        content: {
          type: 'application/pdf',
          bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF'),
        },
      },
      { title: 'Kapotte foto', content: { type: 'image/png', bytes: PNG_40X20.subarray(0, 40) } },
      {
        title: 'Goed advies',
        content: { type: 'application/pdf', bytes: await advice(1, 'Goed') },
      },
    ],
  });
  const written = await writeLetter(doc);
  expect(written.notAppended).toEqual([
    { title: 'Beveiligd advies', reason: 'encrypted' },
    { title: 'Kapot bestand', reason: 'unreadable' },
    { title: 'Kapotte foto', reason: 'unreadable' },
  ]);
  const pages = (await pdfLines(written.pdf)).map((lines) => lines.map((l) => l.text));
  expect(pages).toHaveLength(2);
  expect(pages[0]).toEqual(
    expect.arrayContaining(['1. Beveiligd advies', '2. Kapot bestand', '3. Kapotte foto']),
  );
  expect(pages[1]).toEqual(['Goed pagina 1']);
});

test(`enclosures add at most ${MAX_ENCLOSURE_PAGES} pages; one that would pass it is not added`, async () => {
  const half = await advice(MAX_ENCLOSURE_PAGES / 2 + 10);
  const written = await writeLetter(
    decisionLetter({
      paragraphs: ['Zie de bijlagen.'],
      enclosures: [
        { title: 'Deel 1', content: { type: 'application/pdf', bytes: half } },
        { title: 'Deel 2', content: { type: 'application/pdf', bytes: half } },
        { title: 'Foto', content: { type: 'image/png', bytes: PNG_40X20 } },
      ],
    }),
  );
  expect(written.notAppended).toEqual([{ title: 'Deel 2', reason: 'tooManyPages' }]);
  expect((await PDFDocument.load(written.pdf)).getPageCount()).toBe(
    1 + MAX_ENCLOSURE_PAGES / 2 + 10 + 1,
  );
  const one = await writeLetter(
    decisionLetter({
      enclosures: [
        {
          title: 'Te lang',
          content: { type: 'application/pdf', bytes: await advice(MAX_ENCLOSURE_PAGES + 1) },
        },
      ],
    }),
  );
  expect(one.notAppended).toEqual([{ title: 'Te lang', reason: 'tooManyPages' }]);
});
