import fc from 'fast-check';
import { getDocumentProxy } from 'unpdf';
import { expect, test, vi } from 'vitest';
import { decisionLetter } from '../../test/letter-documents';
import { type PdfLine, pdfLines, pdfText, shownStrings } from '../../test/pdf-text';
import { FIRST_FLOW_TOP, FLOW_BOTTOM, FOOTER_BASELINE, MM, WINDOW } from './letter-geometry';
import { MAX_LETTER_PAGES, renderLetterDocument, writeLetter } from './letter-render';

const texts = (lines: PdfLine[]) => lines.map((l) => l.text);
const count = (text: string, ch: string) => text.split(ch).length - 1;

test('a decision letter reads in order, each part and each line of the text on its own line', async () => {
  const doc = decisionLetter();
  const [first = [], ...rest] = await pdfLines(await renderLetterDocument(doc));
  const lines = texts(first);
  const order = [
    'Gemeente Voorbeeld',
    'Postbus 123 Tel. 030 123 45 67',
    '3500 AA Utrecht klachten@voorbeeld.nl',
    'www.voorbeeld.nl',
    'Retouradres: Gemeente Voorbeeld, Postbus 123, 3500 AA Utrecht',
    'Ömer Kılıç',
    'Lange Nieuwstraat 12 bis',
    '3512 PH Utrecht',
    'Utrecht, 14 december 2026',
    'Ons kenmerk 2026-0042',
    'Uw brief van 3 december 2026',
    'Behandeld door A. de Vries, klachtencoördinator',
    'Beslissing op uw klacht over de afhandeling van uw aanvraag',
    'Geachte heer Kılıç,',
    'Wat wij hebben gevonden',
    'Ons oordeel: uw klacht is gegrond.',
    'Uiterlijk ma 9 nov 2026.',
    '- Afhandeling binnen zes weken',
    '- Een vaste contactpersoon',
    'Met vriendelijke groet,',
    'A. de Vries',
    'Klachtencoördinator',
    'Gemeente Voorbeeld',
    'pagina 1 van 1',
  ];
  let at = -1;
  for (const expected of order) {
    const found = lines.indexOf(expected, at + 1);
    expect(found, `"${expected}" after line ${at} in\n${lines.join('\n')}`).toBeGreaterThan(at);
    at = found;
  }
  expect(rest).toEqual([]);
  // The only question marks are the text's own.
  const all = lines.join('\n');
  expect(count(all, '?')).toBe(count(doc.paragraphs.join(''), '?'));
  // Read as a screen reader follows the structure, without the line ends a layout gives: the
  // words at the end of one line and the start of the next stay two words.
  const shown = (await shownStrings(await renderLetterDocument(doc))).join('');
  expect(shown).toContain(doc.paragraphs.join(' ').replace(/\n/g, ' '));
  expect(shown).toContain('Postbus 123 3500 AA Utrecht Tel. 030 123 45 67');
  expect(shown).toContain('Ons kenmerk 2026-0042 Uw brief van 3 december 2026');
});

test('the address stands in the window, each line on its own, however long or many its lines', async () => {
  const inWindow = (line: PdfLine) => {
    expect(line.left).toBeGreaterThanOrEqual(WINDOW.left / MM);
    expect(line.right).toBeLessThanOrEqual((WINDOW.left + WINDOW.width) / MM);
    // Ascenders and descenders as well as the baseline: about a size above and a third below.
    expect(line.baseline - line.size / MM).toBeGreaterThanOrEqual(WINDOW.top / MM);
    expect(line.baseline + (line.size * 0.3) / MM).toBeLessThanOrEqual(
      (WINDOW.top + WINDOW.height) / MM,
    );
  };
  // Everything between the letterhead's rule (42 mm) and place and date, which must come next.
  const windowLines = async (name: string, address: string[]) => {
    const doc = decisionLetter({ recipient: { name, address } });
    const [first = []] = await pdfLines(await renderLetterDocument(doc));
    const flow = first.findIndex((l) => l.baseline > FIRST_FLOW_TOP / MM - 0.5);
    expect(first[flow]?.text).toBe('Utrecht, 14 december 2026');
    return first.slice(0, flow).filter((l) => l.baseline > 45);
  };

  const usual = await windowLines('Ömer Kılıç', ['Lange Nieuwstraat 12 bis', '3512 PH Utrecht']);
  expect(texts(usual)).toEqual([
    'Retouradres: Gemeente Voorbeeld, Postbus 123, 3500 AA Utrecht',
    'Ömer Kılıç',
    'Lange Nieuwstraat 12 bis',
    '3512 PH Utrecht',
  ]);
  for (const line of usual) inWindow(line);

  // Eight lines fit when set smaller, whole; twelve do when the last ones share a line.
  const eight = [
    't.a.v. de heer Ö. Kılıç',
    'Afdeling Inkoop',
    'Bedrijf B.V.',
    'Gebouw Noord',
    'Verdieping 3',
    'Lange Nieuwstraat 12 bis',
    '3512 PH Utrecht',
  ];
  expect(texts(await windowLines('Ömer Kılıç', eight)).slice(1)).toEqual(['Ömer Kılıç', ...eight]);
  // The longest and most lines there are, and what fast-check makes of them.
  const many = Array.from({ length: 12 }, (_, i) => `Regel ${i} ${'W'.repeat(i * 10)}`);
  for (const l of await windowLines('W'.repeat(120), many)) inWindow(l);
  expect((await windowLines('N', many)).length).toBeGreaterThan(6);
  const line = fc.string({
    unit: fc.constantFrom('a', 'W', 'm', ' ', 'Ö', 'ı'),
    maxLength: 120,
    size: 'max',
  });
  await fc.assert(
    fc.asyncProperty(
      line,
      fc.array(line, { maxLength: 12, size: 'max' }),
      async (name, address) => {
        for (const l of await windowLines(`N ${name}`, address)) inWindow(l);
      },
    ),
    { numRuns: 15 },
  );
});

test('Greek, Cyrillic and Latin names of every kind are printed as written', async () => {
  const names = [
    'Ömer Kılıç',
    'Γιώργος Παπαδόπουλος',
    'Иван Петрович Сидоров',
    'Łukasz Żółć',
    'Đặng Thị Ngọc',
    'Ærøskøbing',
  ];
  const doc = decisionLetter({
    recipient: { name: names[1] as string, address: [names[2] as string] },
    salutation: `Geachte ${names.join(', ')},`,
  });
  const written = await writeLetter(doc);
  expect(written.unwritable).toEqual([]);
  const text = await pdfText(written.pdf);
  for (const name of names) expect(text).toContain(name);
  expect(count(text, '?')).toBe(count(doc.paragraphs.join(''), '?'));
  expect(text).not.toContain('\uFFFD');
});

test('a character the fonts lack prints as U+FFFD and is reported, never as "?"', async () => {
  const doc = decisionLetter({
    recipient: { name: 'Chen 陈', address: ['Straat 1'] },
    paragraphs: ['Bedankt 👍 voor uw brief.', 'שלום en مرحبا'],
  });
  const written = await writeLetter(doc);
  expect(written.unwritable).toEqual(['陈', '👍', 'ש', 'ל', 'ו', 'ם', 'م', 'ر', 'ح', 'ب', 'ا']);
  const text = await pdfText(written.pdf);
  expect(count(text, '?')).toBe(0);
  expect(text).toContain('Chen \uFFFD');
  expect(text).toContain('Bedankt \uFFFD voor uw brief.');
  expect(text).toContain('\uFFFD\uFFFD\uFFFD\uFFFD en \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
});

test('control and invisible characters are dropped, every kind of line break is one', async () => {
  const doc = decisionLetter({
    paragraphs: [
      'Een\u0007 zin\u200b met\u202e rommel\u00ad.\r\nTweede regel.\rDerde\u2028regel.\tTab.',
    ],
  });
  const [first = []] = await pdfLines(await renderLetterDocument(doc));
  const lines = texts(first);
  for (const expected of ['Een zin met rommel.', 'Tweede regel.', 'Derde', 'regel. Tab.']) {
    expect(lines).toContain(expected);
  }
});

test('empty paragraphs are not printed: the text stands as without them', async () => {
  const baselines = async (paragraphs: string[]) => {
    const [first = []] = await pdfLines(await renderLetterDocument(decisionLetter({ paragraphs })));
    return first.map((l) => [l.text, l.baseline.toFixed(2)]);
  };
  expect(await baselines(['Eerste.', '', '  \n ', '\n\nTweede.\n'])).toEqual(
    await baselines(['Eerste.', 'Tweede.']),
  );
});

test('a long letter runs on over pages: text stays above the footer, later pages carry a header', async () => {
  const paragraph = 'Dit is een zin die de brief langer maakt dan een bladzijde. '.repeat(12);
  const doc = decisionLetter({ paragraphs: Array.from({ length: 12 }, () => paragraph) });
  const pages = await pdfLines(await renderLetterDocument(doc));
  expect(pages.length).toBeGreaterThanOrEqual(3);
  pages.forEach((lines, i) => {
    const footer = lines.at(-1) as PdfLine;
    expect(footer.text).toBe(`pagina ${i + 1} van ${pages.length}`);
    expect(footer.baseline).toBeCloseTo(FOOTER_BASELINE / MM, 1);
    for (const line of lines.slice(0, -1)) {
      expect(line.baseline).toBeLessThanOrEqual(FLOW_BOTTOM / MM + 0.01);
    }
    if (i > 0) {
      expect(lines[0]?.text).toBe('Gemeente Voorbeeld · Ons kenmerk 2026-0042 14 december 2026');
    }
  });
  // Without headers and footers, the text reads on: no sentence fell between the pages.
  const text = pages.flatMap((lines, i) => texts(lines.slice(i > 0 ? 1 : 0, -1))).join(' ');
  expect(count(text, 'Dit is een zin die de brief langer maakt dan een bladzijde.')).toBe(144);
  expect(text).toContain(
    'Met vriendelijke groet, A. de Vries Klachtencoördinator Gemeente Voorbeeld',
  );
});

test('an English letter says "page 1 of 1" and "Enclosures"', async () => {
  const doc = decisionLetter({
    locale: 'en',
    enclosures: [{ title: 'The committee’s advice' }, { title: 'Your letter' }],
  });
  const lines = texts((await pdfLines(await renderLetterDocument(doc))).flat());
  expect(lines).toContain('Return address: Gemeente Voorbeeld, Postbus 123, 3500 AA Utrecht');
  expect(lines).toContain('Enclosures');
  expect(lines).toContain('1. The committee’s advice');
  expect(lines).toContain('2. Your letter');
  expect(lines.at(-1)).toMatch(/^page \d of \d$/);
});

test('the metadata: title, author, subject, language, dates; and the PDF is tagged in reading order', async () => {
  const doc = decisionLetter({ enclosures: [{ title: 'Advies' }] });
  const bytes = await renderLetterDocument({ ...doc, paragraphs: doc.paragraphs.slice(0, 2) });
  const pdf = await getDocumentProxy(bytes.slice());
  const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
  expect(info).toMatchObject({
    Title: 'Beslissing op uw klacht 2026-0042',
    Author: 'Gemeente Voorbeeld',
    Subject: 'Beslissing op uw klacht over de afhandeling van uw aanvraag',
    Creator: 'Klachtenregeling',
    Language: 'nl-NL',
    CreationDate: 'D:20261214101500Z',
    ModDate: 'D:20261214101500Z',
  });
  expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
  const tree = (await (await pdf.getPage(1)).getStructTree()) as unknown as Node;
  const roles = flatten(tree).map((n) => n.role);
  expect(roles[0]).toBe('Root');
  expect(roles).toContain('H1');
  expect(roles.filter((r) => r === 'P').length).toBeGreaterThan(10);
  expect(roles.slice(-3)).toEqual(['P', 'L', 'LI']);
  expect(
    await (
      await getDocumentProxy(await renderLetterDocument(decisionLetter({ locale: 'en' })))
    ).getMetadata(),
  ).toMatchObject({ info: { Language: 'en-GB' } });
});

test('the metadata holds the title as written: it is not printed, so no character is unwritable there', async () => {
  const written = await writeLetter(
    decisionLetter({ title: 'Beslissing\u0007 voor 陈 Wei\n2026-0042' }),
  );
  expect(written.unwritable).toEqual([]);
  const pdf = await getDocumentProxy(written.pdf);
  const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
  expect(info.Title).toBe('Beslissing voor 陈 Wei 2026-0042');
});

interface Node {
  role: string;
  children?: Node[];
}
const flatten = (node: Node): Node[] => [
  node,
  ...(node.children ?? []).filter((c) => 'role' in c).flatMap(flatten),
];

test('the same document gives the same bytes, whenever and after whatever it is written', async () => {
  const doc = decisionLetter();
  const first = await renderLetterDocument(doc);
  // Another letter in between (other glyphs, other subsets), and another clock.
  await renderLetterDocument(decisionLetter({ recipient: { name: 'Иван Γιώργος', address: [] } }));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2031-05-05T05:05:05Z'));
  try {
    expect(Buffer.from(await renderLetterDocument(doc)).equals(Buffer.from(first))).toBe(true);
  } finally {
    vi.useRealTimers();
  }
  const later = await renderLetterDocument({ ...doc, madeAt: '2026-12-15T09:00:00.000Z' });
  expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
  const id = (bytes: Uint8Array) =>
    /\/ID \[ <(\w+)> <(\w+)> \]/.exec(Buffer.from(bytes).toString('latin1'));
  expect(id(first)?.[1]).toMatch(/^[0-9a-f]{32}$/);
  expect(id(later)?.[1]).not.toBe(id(first)?.[1]);
  await expect(renderLetterDocument({ ...doc, madeAt: 'gisteren' })).rejects.toThrow(/madeAt/);
});

test(`a letter stops at ${MAX_LETTER_PAGES} pages, ending in "…"`, async () => {
  const started = performance.now();
  const written = await writeLetter(decisionLetter({ paragraphs: Array(11_000).fill('x') }));
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(written.pages).toBe(MAX_LETTER_PAGES);
  expect(written.truncated).toBe(true);
  const pages = await pdfLines(written.pdf);
  expect(pages.length).toBe(MAX_LETTER_PAGES);
  expect(texts(pages.at(-1) ?? []).slice(-2)).toEqual(['…', `pagina 40 van 40`]);
});

test('the longest message is written in well under a second, a usual letter in tens of ms', async () => {
  // 32,000 characters of ordinary text (MAX_MESSAGE_CHARS): about ten pages.
  const words = 'de klacht is op tijd behandeld maar het antwoord kwam pas laat bij u aan'.split(
    ' ',
  );
  const text = Array.from({ length: 6_700 }, (_, i) => words[i % words.length]).join(' ');
  const paragraphs = text.match(/.{1,800}(\s|$)/g) ?? [];
  expect(paragraphs.join('').length).toBeGreaterThan(32_000);
  await writeLetter(decisionLetter());
  const time = async (doc: ReturnType<typeof decisionLetter>) => {
    const started = performance.now();
    await writeLetter(doc);
    return performance.now() - started;
  };
  const long = await time(decisionLetter({ paragraphs }));
  expect(long).toBeLessThan(700);
  const usual = [];
  for (let i = 0; i < 5; i++) usual.push(await time(decisionLetter()));
  usual.sort((a, b) => a - b);
  expect(usual[2]).toBeLessThan(80);
});

test('any text at all: the letter is written, shows no "?" of its own, and reports what it cannot write', async () => {
  const text = fc.string({ unit: 'binary', maxLength: 300 });
  const lines = fc.array(text, { maxLength: 5 });
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        name: text,
        address: lines,
        subject: text,
        salutation: text,
        paragraphs: fc.array(fc.string({ unit: 'binary', maxLength: 2_000 }), { maxLength: 6 }),
        reference: text,
        enclosure: text,
      }),
      async (t) => {
        const doc = decisionLetter({
          recipient: { name: t.name, address: t.address },
          subject: t.subject,
          salutation: t.salutation,
          paragraphs: t.paragraphs,
          references: [{ label: 'Ons kenmerk', value: t.reference }],
          enclosures: [{ title: t.enclosure }],
        });
        const written = await writeLetter(doc);
        const pages = await Promise.all(
          Array.from({ length: written.pages }, (_, i) => shownStrings(written.pdf, i)),
        );
        const shown = pages.flat().join('');
        const questionMarks =
          [t.name, ...t.address, t.subject, t.salutation, ...t.paragraphs, t.reference, t.enclosure]
            .join('')
            .split('?').length - 1;
        expect(shown.split('?').length - 1).toBeLessThanOrEqual(questionMarks);
        for (const ch of written.unwritable) expect(shown.includes(ch)).toBe(false);
        if (written.unwritable.length > 0) expect(shown).toContain('\uFFFD');
      },
    ),
    { numRuns: 40 },
  );
});
