import { expect, test } from 'vitest';
import { type Block, Flow, type LaidPage, type Line } from './letter-flow';
import { FIRST_FLOW_TOP, FLOW_BOTTOM, LATER_FLOW_TOP } from './letter-geometry';

const LEADING = 14;
/** Lines on the first page, and on every later one, at 14 points a line. */
const FIRST = Math.floor((FLOW_BOTTOM - FIRST_FLOW_TOP) / LEADING) + 1;
const LATER = Math.floor((FLOW_BOTTOM - LATER_FLOW_TOP) / LEADING) + 1;

const lines = (element: number, count: number): Line[] =>
  Array.from({ length: count }, (_, i) => ({
    element,
    leading: LEADING,
    runs: [{ text: `${element}.${i + 1}`, x: 0, bold: false, size: 10 }],
  }));
const block = (element: number, count: number, more: Partial<Block> = {}): Block => ({
  lines: lines(element, count),
  spaceBefore: 0,
  ...more,
});
const texts = (pages: LaidPage[]) =>
  pages.map((page) => page.items.flatMap((item) => ('run' in item ? [item.run.text] : [])));

test('a paragraph leaves no single line at the foot of a page: it starts on the next', () => {
  const flow = new Flow([{ items: [] }], 40);
  flow.add(block(1, FIRST - 1));
  flow.add(block(2, 3));
  const pages = texts(flow.pages);
  expect(pages[0]?.at(-1)).toBe(`1.${FIRST - 1}`);
  expect(pages[1]).toEqual(['2.1', '2.2', '2.3']);
  // A one-line paragraph takes the last line.
  const one = new Flow([{ items: [] }], 40);
  one.add(block(1, FIRST - 1));
  one.add(block(2, 1));
  expect(texts(one.pages)).toEqual([[...lines(1, FIRST - 1).map((l) => l.runs[0]?.text), '2.1']]);
});

test('nor a single last line at the top of the next: one more line comes along', () => {
  const flow = new Flow([{ items: [] }], 40);
  flow.add(block(1, FIRST - 4));
  flow.add(block(2, 5));
  const pages = texts(flow.pages);
  expect(pages[0]?.slice(-2)).toEqual(['2.2', '2.3']);
  expect(pages[1]).toEqual(['2.4', '2.5']);
  // Every line is placed once, and within the page.
  for (const page of flow.pages) {
    for (const item of page.items)
      if ('run' in item) expect(item.run.y).toBeLessThanOrEqual(FLOW_BOTTOM);
  }
});

test('the closing does not stand alone: the last two lines of the text come with it', () => {
  const flow = new Flow([{ items: [] }], 40);
  flow.add(block(1, FIRST - 3));
  flow.add(block(2, 5, { keepTogether: true, keepWithPrevious: true, spaceBefore: LEADING }));
  const pages = texts(flow.pages);
  expect(pages[0]?.at(-1)).toBe(`1.${FIRST - 5}`);
  expect(pages[1]).toEqual([`1.${FIRST - 4}`, `1.${FIRST - 3}`, '2.1', '2.2', '2.3', '2.4', '2.5']);
  // With the space before it kept between them.
  const ys = flow.pages[1]?.items.map((item) => ('run' in item ? item.run.y : 0)) ?? [];
  expect(ys[2]).toBe(LATER_FLOW_TOP + 3 * LEADING);
});

test(`past the pages a letter may have, the text ends in "…"`, () => {
  const flow = new Flow([{ items: [] }], 2);
  flow.add(block(1, FIRST + LATER + 5));
  const pages = texts(flow.pages);
  expect(pages).toHaveLength(2);
  expect(pages[1]?.at(-1)).toBe('…');
  expect(flow.truncated).toBe(true);
  flow.add(block(2, 1));
  expect(texts(flow.pages)[1]?.at(-1)).toBe('…');
});
