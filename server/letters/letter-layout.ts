import type { LetterDocument } from './letter-document';
import { type Block, type Element, Flow, type LaidPage, type Line } from './letter-flow';
import {
  FOLDS,
  FOOTER_BASELINE,
  fitted,
  LABELS,
  LEFT,
  type Measure,
  MM,
  RIGHT,
  TYPE,
  wrap,
} from './letter-geometry';
import { windowAddress } from './letter-window';

export interface Layout {
  pages: LaidPage[];
  elements: Element[];
  /** The text went on past the pages a letter may have and ends in "…". */
  truncated: boolean;
}

const WIDTH = RIGHT - LEFT;
const { body } = TYPE;

/**
 * Where everything of the letter goes, page by page, for a document whose texts are printable
 * (letter-text.ts). The first page has the letterhead, the address in the window and the fold
 * marks; the text flows from place and date on; later pages repeat a small header; every page
 * has "pagina x van y" (counting the letter's own pages, not the enclosures after them).
 */
export function layoutLetter(doc: LetterDocument, measure: Measure, maxPages: number): Layout {
  const labels = LABELS[doc.locale];
  const elements: Element[] = [];
  const element = (role: Element['role'], parent?: number) =>
    elements.push(parent === undefined ? { role } : { role, parent }) - 1;
  const first: LaidPage = { items: [] };

  letterhead(doc, first, element, measure);
  windowAddress(doc, first, element('P'), measure);
  for (const y of FOLDS) {
    first.items.push({ element: null, rule: { x1: 5 * MM, y1: y, x2: 9 * MM, y2: y } });
  }

  const flow = new Flow([first], maxPages);
  const line = (el: number, text: string, bold = false): Line => ({
    element: el,
    leading: body.leading,
    runs: [{ text, x: 0, bold, size: body.size }],
  });
  const paragraph = (el: number, text: string, spaceBefore: number, bold = false): Block => ({
    spaceBefore,
    lines: wrap(text, WIDTH, measure, bold, body.size).map((l) => line(el, l, bold)),
  });

  const dated = element('P');
  flow.add({
    spaceBefore: 0,
    lines: [line(dated, doc.place ? `${doc.place}, ${doc.date}` : doc.date)],
  });
  references(doc, flow, element, measure);
  flow.add(paragraph(element('H1'), doc.subject, body.leading * 1.5, true));
  if (doc.salutation.trim()) flow.add(paragraph(element('P'), doc.salutation, body.leading));
  for (const text of doc.paragraphs) {
    const trimmed = text.replace(/^\s*\n|\n\s*$/g, '').trim();
    if (trimmed) flow.add(paragraph(element('P'), trimmed, body.leading));
  }
  signature(doc, flow, element, line);
  enclosures(doc, flow, element, measure, labels.enclosures(doc.enclosures.length));

  const pages = flow.pages;
  pages.forEach((page, i) => {
    if (i > 0) laterHeader(doc, page, measure);
    page.items.push({
      element: null,
      run: {
        text: labels.page(i + 1, pages.length),
        x: RIGHT,
        y: FOOTER_BASELINE,
        bold: false,
        size: TYPE.footer.size,
        grey: true,
        alignRight: true,
      },
    });
  });
  return { pages, elements, truncated: flow.truncated };
}

/**
 * The organisation as the top of the letter: its name large and bold, its postal address under
 * it on the left, how to reach it on the right, and a thin rule; it reads as a letterhead
 * without a logo. Each column has four lines at most (what does not fit joins the fourth), so
 * the whole stays above the address window.
 */
function letterhead(
  doc: LetterDocument,
  page: LaidPage,
  element: (role: Element['role']) => number,
  measure: Measure,
) {
  const { sender } = doc;
  let size = TYPE.name.size;
  while (size > 11 && measure(sender.name, true, size) > WIDTH) size -= 0.5;
  const name = fitted(sender.name, WIDTH, measure, true, size);
  page.items.push({
    element: element('P'),
    run: { text: name, x: LEFT, y: 20 * MM, bold: true, size },
  });

  const details = element('P');
  const small = TYPE.small;
  const column = WIDTH / 2 - 4 * MM;
  const four = (lines: string[]) =>
    (lines.length > 4 ? [...lines.slice(0, 3), lines.slice(3).join(', ')] : lines).map((l) =>
      fitted(l, column, measure, false, small.size),
    );
  const labels = LABELS[doc.locale];
  const address = four(sender.address.filter((l) => l.trim()));
  const contact = four(
    [
      sender.phone ? `${labels.phone} ${sender.phone}` : '',
      sender.email ?? '',
      sender.website ?? '',
    ].filter((l) => l.trim()),
  );
  address.forEach((text, i) => {
    const y = 27 * MM + i * small.leading;
    page.items.push({ element: details, run: { text, x: LEFT, y, bold: false, size: small.size } });
  });
  contact.forEach((text, i) => {
    const y = 27 * MM + i * small.leading;
    const run = { text, x: RIGHT, y, bold: false, size: small.size, alignRight: true };
    page.items.push({ element: details, run });
  });
  page.items.push({ element: null, rule: { x1: LEFT, y1: 42 * MM, x2: RIGHT, y2: 42 * MM } });
}

/** "Ons kenmerk", "Uw brief van", …: a grey label, and its value beside it (wrapped if long). */
function references(
  doc: LetterDocument,
  flow: Flow,
  element: (role: Element['role']) => number,
  measure: Measure,
) {
  const small = TYPE.small.size;
  const labelWidth = Math.max(0, ...doc.references.map((r) => measure(r.label, false, small)));
  const column = Math.min(labelWidth + 4 * MM, 45 * MM);
  doc.references.forEach((reference, i) => {
    const el = element('P');
    const label = fitted(reference.label, column - 2 * MM, measure, false, small);
    const values = wrap(reference.value, WIDTH - column, measure, false, body.size);
    flow.add({
      spaceBefore: i === 0 ? body.leading / 2 : 0,
      lines: values.map((value, j) => ({
        element: el,
        leading: body.leading,
        runs: [
          ...(j === 0 ? [{ text: label, x: 0, bold: false, size: small, grey: true }] : []),
          { text: value, x: column, bold: false, size: body.size },
        ],
      })),
    });
  });
}

/** The closing, room to sign by hand, and who signs: kept together on one page. */
function signature(
  doc: LetterDocument,
  flow: Flow,
  element: (role: Element['role']) => number,
  line: (el: number, text: string) => Line,
) {
  const closing = element('P');
  const signer = element('P');
  const { name, role, organisation } = doc.signature;
  const lines = [
    ...(doc.closing.trim() ? [line(closing, doc.closing)] : []),
    { element: signer, leading: body.leading * 3, runs: [] },
    ...[name, role ?? '', organisation].filter((t) => t.trim()).map((t) => line(signer, t)),
  ];
  flow.add({ spaceBefore: body.leading, lines, keepTogether: true, keepWithPrevious: true });
}

/** "Bijlagen" and the enclosures' titles, numbered, a long one indented under its number. */
function enclosures(
  doc: LetterDocument,
  flow: Flow,
  element: (role: Element['role'], parent?: number) => number,
  measure: Measure,
  heading: string,
) {
  if (doc.enclosures.length === 0) return;
  const head = element('P');
  const list = element('L');
  const indent = 6 * MM;
  const lines: Line[] = [
    {
      element: head,
      leading: body.leading,
      runs: [{ text: heading, x: 0, bold: true, size: body.size }],
    },
  ];
  doc.enclosures.forEach((enclosure, i) => {
    const item = element('LI', list);
    wrap(enclosure.title, WIDTH - indent, measure, false, body.size).forEach((text, j) => {
      lines.push({
        element: item,
        leading: body.leading,
        runs: [
          ...(j === 0 ? [{ text: `${i + 1}.`, x: 0, bold: false, size: body.size }] : []),
          { text, x: indent, bold: false, size: body.size },
        ],
      });
    });
  });
  flow.add({ spaceBefore: body.leading * 1.5, lines, keepTogether: true });
}

/** On later pages: who sent it, its reference and date, so a loose page can be put back. */
function laterHeader(doc: LetterDocument, page: LaidPage, measure: Measure) {
  const size = TYPE.footer.size;
  const reference = doc.references[0];
  const left = [doc.sender.name, reference ? `${reference.label} ${reference.value}` : '']
    .filter(Boolean)
    .join(' · ');
  const date = fitted(doc.date, WIDTH / 3, measure, false, size);
  const room = WIDTH - measure(date, false, size) - 6 * MM;
  page.items.unshift(
    {
      element: null,
      run: {
        text: fitted(left, room, measure, false, size),
        x: LEFT,
        y: 15 * MM,
        bold: false,
        size,
        grey: true,
      },
    },
    {
      element: null,
      run: { text: date, x: RIGHT, y: 15 * MM, bold: false, size, grey: true, alignRight: true },
    },
    { element: null, rule: { x1: LEFT, y1: 18 * MM, x2: RIGHT, y2: 18 * MM } },
  );
}
