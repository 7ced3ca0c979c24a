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
}

/**
 * Places blocks of lines down the pages: a line that would pass FLOW_BOTTOM starts a new page
 * (whose first line takes no space before it), and a block kept together that does not fit in
 * what is left of a page, but would on an empty one, starts on the next. Past `maxPages`, the
 * text ends in "…" and the rest is left out.
 */
export class Flow {
  private y = FIRST_FLOW_TOP;
  private atTop = false;
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

  add(block: Block): void {
    if (this.truncated || block.lines.length === 0) return;
    const height = block.lines.slice(0, -1).reduce((sum, line) => sum + line.leading, 0);
    const first = block.lines[0] as Line;
    if (!this.atTop) this.y += block.spaceBefore;
    if (
      block.keepTogether &&
      !this.atTop &&
      this.y + height > FLOW_BOTTOM &&
      LATER_FLOW_TOP + height <= FLOW_BOTTOM &&
      !this.turn(first.element)
    ) {
      return;
    }
    for (const line of block.lines) {
      if (this.y > FLOW_BOTTOM && !this.turn(line.element)) return;
      for (const run of line.runs) {
        this.page.items.push({
          element: line.element,
          run: { ...run, x: LEFT + run.x, y: this.y },
        });
      }
      this.atTop = false;
      this.y += line.leading;
    }
  }
}
