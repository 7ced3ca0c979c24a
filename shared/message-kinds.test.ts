import { describe, expect, test } from 'vitest';
import {
  fillPlaceholders,
  MESSAGE_KIND_NAMES,
  oneLine,
  PLACEHOLDER_MAX,
  placeholdersOf,
  worstCaseLength,
} from './message-kinds';

describe('the worst case of a wording', () => {
  test('counts its own characters and each placeholder at its longest', () => {
    expect(worstCaseLength('Klacht {number}')).toBe('Klacht '.length + PLACEHOLDER_MAX.number);
    expect(worstCaseLength('{message}'.repeat(1_111))).toBe(1_111 * PLACEHOLDER_MAX.message);
    // An unknown placeholder fills in nothing (and is refused on its own account).
    expect(worstCaseLength('a{nope}b{constructor}')).toBe(2);
  });

  test('every placeholder any message may use has a maximum', () => {
    for (const kind of MESSAGE_KIND_NAMES) {
      for (const name of placeholdersOf(kind)) {
        expect(Object.hasOwn(PLACEHOLDER_MAX, name), name).toBe(true);
      }
    }
  });
});

describe('filling placeholders within a bound', () => {
  const values = { message: 'abcdefghij', trackingUrl: 'https://k.test/track/t0k3n' };

  test('stops at the bound, with an ellipsis, however often a value repeats', () => {
    const filled = fillPlaceholders('{message}'.repeat(1_000), values, 25);
    expect(filled).toBe('abcdefghijabcdefghijabcd…');
    expect(fillPlaceholders('Tekst {message}', values, 100)).toBe('Tekst abcdefghij');
    expect(fillPlaceholders(`${'x'.repeat(50)}{message}`, values, 20)).toBe(`${'x'.repeat(19)}…`);
  });

  test('never cuts the tracking link: one that does not fit whole is left out', () => {
    expect(fillPlaceholders('Volg: {trackingUrl} hier', values, 20)).toBe('Volg: ');
    expect(fillPlaceholders('{trackingUrl} en meer tekst', values, 30)).toBe(
      'https://k.test/track/t0k3n en…',
    );
  });

  test('reads only the values given, never what every object has', () => {
    expect(fillPlaceholders('{constructor}{toString}{message}', values)).toBe('abcdefghij');
  });
});

test('one line: line breaks and other control characters become one space', () => {
  expect(oneLine('Jan\r\nBcc: iedereen@example.net')).toBe('Jan Bcc: iedereen@example.net');
  expect(oneLine(' a\u0000b\u0085c\u2028d\u2029e\tf\u007f ')).toBe('a b c d e f');
  expect(oneLine('Klacht 2026-0001')).toBe('Klacht 2026-0001');
});
