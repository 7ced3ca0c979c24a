/**
 * The rules for what people type, in one place and without zod, so the widget (which must stay
 * small) and the server's schemas check the same limits and patterns.
 */

/** Longest value, in characters, of each field of a complaint. */
export const FIELD_LIMITS = {
  name: 200,
  initials: 20,
  address: 300,
  phone: 30,
  email: 254,
  category: 60,
  description: 10_000,
  desiredSolution: 5_000,
} as const;

/** Digits, spaces, brackets, dots and dashes, with an optional leading plus. */
export const PHONE_PATTERN = /^\+?[0-9()\s.-]+$/;
/** A phone number has at least this many digits (06 1234 5678 has ten). */
export const MIN_PHONE_DIGITS = 8;

export function isPhoneNumber(value: string): boolean {
  return PHONE_PATTERN.test(value) && value.replace(/\D/g, '').length >= MIN_PHONE_DIGITS;
}

/**
 * Characters nobody types but that break what shows a text: C0 controls other than tab and line
 * breaks (a NUL cuts a text short in many viewers), DEL, and the bidirectional overrides that
 * make a text read differently from how it is stored.
 */
export function isInvisible(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Whether a text holds only characters that display as typed (and no broken UTF-16). */
export function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isInvisible(code)) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}

/** The text with every invisible character (and every line break) replaced. */
export function withoutInvisible(value: string, replacement = ''): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += isInvisible(code) || code === 0x0a || code === 0x0d || code === 0x09 ? replacement : ch;
  }
  return out;
}
