import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fitted, type Measure, wrap } from './letter-geometry';

/** Widths as a proportional font has them: narrow i, wide W and m, a space of 3. */
const widths: Record<string, number> = { i: 3, W: 11, m: 10, ' ': 3 };
const measure: Measure = (text, bold, size) =>
  ([...text].reduce((sum, ch) => sum + (widths[ch] ?? 6), 0) * (bold ? 1.1 : 1) * size) / 10;

/** The wrapping as one would write it first: every candidate line measured whole. */
function measuringEveryCandidate(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const textLine of text.split('\n')) {
    let line = '';
    for (const word of textLine.split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, false, 10) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const ch of word) {
        if (line && measure(line + ch, false, 10) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
    lines.push(line);
  }
  return lines;
}

test('lines break where measuring each whole candidate line breaks them', () => {
  const word = fc.oneof(
    fc.stringMatching(/^[a-zWmi.,éı]{1,12}$/),
    fc.constantFrom('W'.repeat(60), 'i'.repeat(200), 'x\u00a0y'),
  );
  const text = fc
    .array(fc.tuple(word, fc.constantFrom(' ', ' ', '  ', '\n', '\n\n')), { maxLength: 200 })
    .map((parts) => parts.map(([w, gap]) => `${w}${gap}`).join(''));
  fc.assert(
    fc.property(text, fc.integer({ min: 40, max: 500 }), (t, width) => {
      const lines = wrap(t, width, measure);
      expect(lines).toEqual(measuringEveryCandidate(t, width));
      for (const line of lines) {
        if ([...line].length > 1) expect(measure(line, false, 10)).toBeLessThanOrEqual(width);
      }
    }),
    { numRuns: 300 },
  );
});

test('wrapping measures each character about once: linear in the text', () => {
  let measured = 0;
  const counting: Measure = (text, bold, size) => {
    measured += text.length;
    return measure(text, bold, size);
  };
  const words = Array.from({ length: 4_000 }, (_, i) => `woord${i.toString(36)}`).join(' ');
  const long = 'W'.repeat(20_000);
  const started = performance.now();
  const lines = wrap(`${words}\n${long}`, 450, counting);
  expect(performance.now() - started).toBeLessThan(500);
  expect(lines.length).toBeGreaterThan(100);
  expect(measured).toBeLessThan(2 * (words.length + long.length));
  expect(lines.slice(-3).every((l) => /^W+$/.test(l))).toBe(true);
});

test('fitted cuts a one-line field short with "…" only where it is too wide', () => {
  expect(fitted('Postbus 123', 200, measure, false, 10)).toBe('Postbus 123');
  const cut = fitted('Een heel lange naam van een organisatie', 100, measure, false, 10);
  expect(cut).toMatch(/^Een heel.*…$/);
  expect(measure(cut, false, 10)).toBeLessThanOrEqual(100);
});
