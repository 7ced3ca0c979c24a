import type { LetterDocument } from './letter-document';
import type { LaidPage } from './letter-flow';
import { fitted, LABELS, LEFT, type Measure, MM, TYPE, WINDOW } from './letter-geometry';

/** The address's text starts at the letter's left edge and ends 2 mm inside the window. */
const TEXT_WIDTH = WINDOW.left + WINDOW.width - 2 * MM - LEFT;
/** The return address's baseline, in the window's top 5 mm (as DIN 5008 keeps it). */
const RETURN_BASELINE = WINDOW.top + 4 * MM;
/** The first line of the address, and the lowest baseline that keeps descenders inside. */
const FIRST_BASELINE = WINDOW.top + 10.5 * MM;
const LAST_BASELINE = WINDOW.top + WINDOW.height - 1.5 * MM;

/**
 * The recipient's name and address in the window, each line on its own, with the return address
 * small above it. An address with more or longer lines than fit at the usual size is set smaller
 * (down to TYPE.address.minSize); what still does not fit joins the last line or ends in "…",
 * so nothing is ever printed outside the window.
 */
export function windowAddress(
  doc: LetterDocument,
  page: LaidPage,
  element: number,
  measure: Measure,
): void {
  const back = doc.sender.address.filter((l) => l.trim());
  if (back.length > 0) {
    const size = TYPE.returnAddress.size;
    const label = LABELS[doc.locale].returnAddress;
    const full = `${label}: ${[doc.sender.name, ...back].join(', ')}`;
    const short = `${label}: ${back.join(', ')}`;
    const text = measure(full, false, size) <= TEXT_WIDTH ? full : short;
    page.items.push({
      element: null,
      run: {
        text: fitted(text, TEXT_WIDTH, measure, false, size),
        x: LEFT,
        y: RETURN_BASELINE,
        bold: false,
        size,
        grey: true,
      },
    });
  }

  const lines = [doc.recipient.name, ...doc.recipient.address].filter((l) => l.trim());
  const { size: usual, minSize } = TYPE.address;
  const capacity = (size: number) =>
    1 + Math.floor((LAST_BASELINE - FIRST_BASELINE) / (size * 1.25));
  const fits = (size: number) =>
    lines.length <= capacity(size) && lines.every((l) => measure(l, false, size) <= TEXT_WIDTH);
  let size = usual;
  while (size > minSize && !fits(size)) size -= 0.5;
  const room = capacity(size);
  const shown =
    lines.length > room ? [...lines.slice(0, room - 1), lines.slice(room - 1).join(', ')] : lines;
  shown.forEach((line, i) => {
    page.items.push({
      element,
      run: {
        text: fitted(line, TEXT_WIDTH, measure, false, size),
        x: LEFT,
        y: FIRST_BASELINE + i * size * 1.25,
        bold: false,
        size,
      },
    });
  });
}
