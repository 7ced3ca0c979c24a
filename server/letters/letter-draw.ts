import {
  beginText,
  endText,
  lineTo,
  moveText,
  moveTo,
  type PDFDocument,
  PDFName,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  showText,
  stroke,
} from 'pdf-lib';
import type { Run } from './letter-flow';
import type { Face, LetterFace } from './letter-fonts';
import { GREY, PAGE } from './letter-geometry';
import type { Layout } from './letter-layout';
import { Tagger } from './letter-tags';

export const FONT_NAMES: Record<Face, string> = { regular: 'F1', bold: 'F2' };

/**
 * Draws the laid-out letter on new pages of `pdf`: each run of text in its face and place, each
 * element's runs in one marked-content sequence of the structure (artifacts apart), in the
 * order the layout gives them, which is the order they are read in.
 */
export function drawLayout(
  pdf: PDFDocument,
  layout: Layout,
  faces: Record<Face, LetterFace>,
  tagger: Tagger,
): PDFPage[] {
  return layout.pages.map((laid) => {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    for (const face of ['regular', 'bold'] as const) {
      page.node.setFontDictionary(PDFName.of(FONT_NAMES[face]), faces[face].ref);
    }
    const ops: PDFOperator[] = [];
    let open: number | null | undefined;
    for (const item of laid.items) {
      if (item.element !== open || item.element === null) {
        if (open !== undefined) ops.push(Tagger.end());
        ops.push(item.element === null ? Tagger.artifact() : tagger.begin(page, item.element));
        open = item.element;
      }
      if ('run' in item) ops.push(...textOperators(item.run, faces));
      else {
        const { x1, y1, x2, y2 } = item.rule;
        ops.push(
          pushGraphicsState(),
          setStrokingGrayscaleColor(0.6),
          setLineWidth(0.5),
          moveTo(x1, PAGE.height - y1),
          lineTo(x2, PAGE.height - y2),
          stroke(),
          popGraphicsState(),
        );
      }
    }
    if (open !== undefined) ops.push(Tagger.end());
    page.pushOperators(...ops);
    return page;
  });
}

/** One run of text: its face, size, grey or black, and place (right-aligned if it says so). */
export function textOperators(run: Run, faces: Record<Face, LetterFace>): PDFOperator[] {
  const face = run.bold ? 'bold' : 'regular';
  const x = run.alignRight ? run.x - faces[face].width(run.text, run.size) : run.x;
  return [
    beginText(),
    setFillingGrayscaleColor(run.grey ? GREY : 0),
    setFontAndSize(FONT_NAMES[face], run.size),
    moveText(round(x), round(PAGE.height - run.y)),
    // A space after each run: text extraction and screen readers that follow the structure join
    // an element's lines as they come, and without it the last word of one line and the first
    // of the next became one ("voor" + "een" read "vooreen"). At a line's end it shows nothing.
    showText(faces[face].encode(`${run.text} `)),
    endText(),
  ];
}

/** Positions to a hundredth of a point: shorter content, and the same digits on every machine. */
const round = (n: number) => Math.round(n * 100) / 100;
