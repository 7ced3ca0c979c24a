import type { Page } from 'playwright-core';
import { axeViolations } from './server';

/*
 * What the reading checks of issue #25 look at on a page in Chromium: text at 200%, whether the
 * page scrolls sideways, axe, and the contrast of the focus ring against what lies behind it.
 */

/**
 * Text at 200%: the browser's default font sizes doubled (16 → 32 px, monospace 13 → 26), as a
 * reader does in the browser's settings; everything sized in em and rem grows with it.
 */
export async function doubleText(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
}

/** How much wider than its viewport the page is (0 when it does not scroll sideways). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

type Rgba = [number, number, number, number];

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG's contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface FocusRing {
  element: string;
  outline: Rgba;
  width: number;
  style: string;
  background: Rgba;
}

/**
 * Tabs through the page and reads, for every element that takes focus (in a shadow root too),
 * its outline and the first opaque background behind it (its parent's, up through shadow
 * hosts; the page's white when none).
 */
export async function focusRings(page: Page, most = 150): Promise<FocusRing[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    (window as unknown as { ringsSeen?: WeakSet<Element> }).ringsSeen = new WeakSet();
  });
  const rings: FocusRing[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return null;
      // Round once: an element met again means the tab order has come back to the start.
      const seen = (window as unknown as { ringsSeen: WeakSet<Element> }).ringsSeen;
      if (seen.has(el)) return null;
      seen.add(el);
      const rgba = (text: string): [number, number, number, number] => {
        const parts = text.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
        return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
      };
      const style = getComputedStyle(el);
      const up = (node: Element): Element | null =>
        node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
      let background: [number, number, number, number] = [255, 255, 255, 1];
      for (let node = up(el); node; node = up(node)) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        if (color[3] > 0.5) {
          background = color;
          break;
        }
      }
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return {
        element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${label}"`,
        outline: rgba(style.outlineColor),
        width: Number.parseFloat(style.outlineWidth),
        style: style.outlineStyle,
        background,
      };
    });
    if (!ring) break;
    rings.push(ring);
  }
  return rings;
}

/** The focus rings that are missing, thin, or under 3:1 against their background. */
export async function weakFocusRings(page: Page): Promise<string[]> {
  return (await focusRings(page))
    .filter((r) => r.style === 'none' || r.width < 2 || contrast(r.outline, r.background) < 3)
    .map(
      (r) =>
        `${r.element}: ${r.style} ${r.width}px, ${contrast(r.outline, r.background).toFixed(2)}:1`,
    );
}

/** All three checks of a page, as one list of problems (empty when it passes). */
export async function readingProblems(page: Page, what: string): Promise<string[]> {
  const problems: string[] = [];
  const wider = await sidewaysScroll(page);
  if (wider > 0) problems.push(`${what}: ${wider}px wider than the viewport`);
  for (const id of await axeViolations(page)) problems.push(`${what}: axe ${id}`);
  for (const weak of await weakFocusRings(page)) problems.push(`${what}: focus ${weak}`);
  return problems;
}
