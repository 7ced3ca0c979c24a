import { describe, expect, test } from 'vitest';
import {
  FIELD_LIMITS,
  isInvisible,
  isPhoneNumber,
  isPlainText,
  MIN_PHONE_DIGITS,
  withoutInvisible,
} from './field-rules';

describe('phone numbers', () => {
  test.each(['06 1234 5678', '+31 (0)6-1234.5678', '0201234567', '12345678'])('%s is one', (n) => {
    expect(isPhoneNumber(n)).toBe(true);
  });

  test.each([
    ['too few digits', '1234567'],
    ['letters', '06 1234 567a'],
    ['a plus inside', '06+12345678'],
    ['no digits', '+() .-'],
    ['empty', ''],
  ])('%s: %s is not', (_, n) => {
    expect(isPhoneNumber(n)).toBe(false);
  });

  test('need eight digits, whatever the punctuation', () => {
    expect(MIN_PHONE_DIGITS).toBe(8);
    expect(isPhoneNumber('1-2-3-4-5-6-7-8')).toBe(true);
    expect(isPhoneNumber('1-2-3-4-5-6-7')).toBe(false);
  });
});

describe('invisible characters', () => {
  test('are C0 controls except tab and line breaks, DEL, and the bidirectional overrides', () => {
    const invisible = [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f, 0x202a, 0x202c, 0x202e];
    const alsoInvisible = [0x2066, 0x2067, 0x2069];
    for (const code of [...invisible, ...alsoInvisible]) expect(isInvisible(code)).toBe(true);
    const visible = [
      0x09, 0x0a, 0x0d, 0x20, 0x41, 0x7e, 0x80, 0xe9, 0x2029, 0x202f, 0x2065, 0x206a,
    ];
    for (const code of visible) expect(isInvisible(code)).toBe(false);
  });

  test('make a text not plain; tabs, line breaks and every script are fine', () => {
    expect(isPlainText('Mevrouw de Vries\r\n\tKerkstraat 1 — Zoë, 日本, emoji 😀')).toBe(true);
    expect(isPlainText('')).toBe(true);
    expect(isPlainText('a\u0000b')).toBe(false);
    expect(isPlainText('abc\u007f')).toBe(false);
    expect(isPlainText('\u202eevil')).toBe(false);
    expect(isPlainText('x\u2068y')).toBe(false);
  });

  test('broken UTF-16 (a lone surrogate) is not plain text', () => {
    expect(isPlainText('😀')).toBe(true);
    expect(isPlainText('a\ud83d')).toBe(false);
    expect(isPlainText('\ud83da')).toBe(false);
    expect(isPlainText('\ude00')).toBe(false);
    expect(isPlainText('a\udfffb')).toBe(false);
    expect(isPlainText('\ud800\udc00')).toBe(true);
    expect(isPlainText('\udbff\udfff')).toBe(true);
    expect(isPlainText('\ud83d\ud83d')).toBe(false);
    expect(isPlainText('\udc00')).toBe(false);
    expect(isPlainText('\ud83d\ue000')).toBe(false);
    // Characters just above the surrogates are ordinary characters.
    expect(isPlainText('Ｊａｎ ﬁx \ue000')).toBe(true);
    // The character after a valid pair is checked too.
    expect(isPlainText('😀\u0000')).toBe(false);
    expect(isPlainText('😀\ude00')).toBe(false);
  });

  test('are removed (or replaced), and so are line breaks and tabs', () => {
    expect(withoutInvisible('a\u0000b\u202ec')).toBe('abc');
    expect(withoutInvisible('Jan\r\nde\tVries\n', ' ')).toBe('Jan  de Vries ');
    expect(withoutInvisible('Zoë 😀 日本')).toBe('Zoë 😀 日本');
    expect(withoutInvisible('')).toBe('');
  });
});

describe('field limits', () => {
  test('are what the README promises', () => {
    expect(FIELD_LIMITS).toEqual({
      name: 200,
      initials: 20,
      address: 300,
      phone: 30,
      email: 254,
      category: 60,
      description: 10_000,
      desiredSolution: 5_000,
    });
  });
});
