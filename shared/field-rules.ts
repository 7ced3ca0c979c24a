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
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text holds only characters that display as typed. */
export function isPlainText(value: string): boolean {
  return !INVISIBLE.test(value) && !LONE_SURROGATE.test(value);
}
