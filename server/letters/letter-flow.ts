import { FIRST_FLOW_TOP, FLOW_BOTTOM, LATER_FLOW_TOP, LEFT } from './letter-geometry';

/** A piece of text at a place on a page: x from the left edge, y the baseline from the top. */
export interface Run {
  text: string;
  x: number;
  y: number;
  bold: boolean;
  size: number;
  grey?: boolean;
  /** The x is where the text ends rather than where it starts. */
  alignRight?: boolean;
}

/** A thin line (the letterhead's rule, the later pages' header, the fold marks). */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * A part of the letter's structure, as a screen reader reads it in order: a paragraph (P), the
 * subject (H1), the list of enclosures (L, with an LI for each), an enclosure's image (Figure,
 * with its title as the text that stands for it).
 */
export interface Element {
  role: 'P' | 'H1' | 'L' | 'LI' | 'Figure';
  parent?: number;
  alt?: string;
}

/** What a page shows, in reading order; `element` null is decoration (artifact): not read. */
export type Placed =
  | { element: number; run: Run }
  | { element: null; run: Run }
  | { element: null; rule: Rule };

export interface LaidPage {
  items: Placed[];
}

/** One line of the flowing text: its pieces (x relative to the text's left edge). */
export interface Line {
  element: number;
  leading: number;
  runs: Omit<Run, 'y'>[];
}

/** Lines that follow each other, after some space; kept on one page where they fit on one. */
export interface Block {
  lines: Line[];
  spaceBefore: number;
  keepTogether?: boolean;
  /** Where it starts a page, the last two lines of the block before come along (the closing). */
  keepWithPrevious?: boolean;
}

/** A line as placed: what it put on its page, so it can be taken off again. */
interface PlacedLine {
  line: Line;
  page: LaidPage;
  items: Placed[];
}

/**
 * Places blocks of lines down the pages: a line that would pass FLOW_BOTTOM starts a new page
 * (whose first line takes no space before it). A paragraph leaves no single line behind at the
 * foot of a page (it starts on the next) nor a single last line at the top of the next (one more
 * line comes along). A block kept together that does not fit in what is left of a page, but
 * would on an empty one, starts on the next, with the last two lines of the block before it if
 * it asks to (the closing and the signature do not stand alone). Past `maxPages`, the text ends
 * in "…" and the rest is left out.
 */
export class Flow {
  private y = FIRST_FLOW_TOP;
  private atTop = false;
  /** The lines of the block placed last that are on the current page. */
  private previous: PlacedLine[] = [];
  truncated = false;

  constructor(
    readonly pages: LaidPage[],
    private readonly maxPages: number,
  ) {}

  private get page(): LaidPage {
    return this.pages.at(-1) as LaidPage;
  }

  /** A new page, or false (and "…" once) when the letter has all the pages it may have. */
  private turn(element: number): boolean {
    if (this.pages.length >= this.maxPages) {
      if (!this.truncated) {
        this.page.items.push({
          element,
          // Below the last line, still well above the footer.
          run: { text: '…', x: LEFT, y: Math.min(this.y, FLOW_BOTTOM + 14), bold: false, size: 10 },
        });
        this.truncated = true;
      }
      return false;
    }
    this.pages.push({ items: [] });
    this.y = LATER_FLOW_TOP;
    this.atTop = true;
    return true;
  }

  /** Turns the page, taking `carried` lines off this one and placing them first on the next. */
  private turnWith(carried: PlacedLine[], element: number): PlacedLine[] | undefined {
    if (this.pages.length >= this.maxPages) carried = [];
    for (const { page, items } of carried) {
      page.items = page.items.filter((item) => !items.includes(item));
    }
    if (!this.turn(element)) return undefined;
    return carried.map(({ line }) => this.place(line));
  }

  private place(line: Line): PlacedLine {
    const items: Placed[] = line.runs.map((run) => ({
      element: line.element,
      run: { ...run, x: LEFT + run.x, y: this.y },
    }));
    this.page.items.push(...items);
    this.atTop = false;
    this.y += line.leading;
    return { line, page: this.page, items };
  }

  /** Whether the first `n` lines of `lines` fit below the current position. */
  private fits(lines: Line[], n: number): boolean {
    const height = lines.slice(0, n - 1).reduce((sum, line) => sum + line.leading, 0);
    return this.y + height <= FLOW_BOTTOM;
  }

  add(block: Block): void {
    const { lines } = block;
    if (this.truncated || lines.length === 0) return;
    const element = (lines[0] as Line).element;
    if (!this.atTop) this.y += block.spaceBefore;
    let current: PlacedLine[] = [];
    if (block.keepTogether && !this.atTop && !this.fits(lines, lines.length)) {
      const height = lines.slice(0, -1).reduce((sum, line) => sum + line.leading, 0);
      if (LATER_FLOW_TOP + height <= FLOW_BOTTOM) {
        const carry =
          block.keepWithPrevious && this.previous.length >= 4 ? this.previous.slice(-2) : [];
        const moved = this.turnWith(carry, element);
        if (!moved) return;
        if (moved.length) this.y += block.spaceBefore;
      }
    } else if (!block.keepTogether && lines.length >= 2 && !this.atTop && !this.fits(lines, 2)) {
      if (!this.turn(element)) return;
    }
    lines.forEach((line, i) => {
      if (this.truncated) return;
      if (this.y > FLOW_BOTTOM) {
        const widow = !block.keepTogether && i === lines.length - 1 && current.length >= 3;
        const moved = this.turnWith(widow ? current.slice(-1) : [], line.element);
        if (!moved) return;
        current = moved;
      }
      current.push(this.place(line));
    });
    this.previous = current;
  }
}
