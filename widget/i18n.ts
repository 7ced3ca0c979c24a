import type { WidgetMessageKey } from '../shared/widget-messages';

export type WidgetLocale = 'nl' | 'en';

/** What the widget says before its words have come with the form, or when they cannot. */
const BOOT = {
  nl: {
    loading: 'Het formulier wordt geladen…',
    loadFailed: 'Het klachtenformulier kon niet worden geladen. Probeer het later opnieuw.',
  },
  en: {
    loading: 'Loading the form…',
    loadFailed: 'The complaint form could not be loaded. Please try again later.',
  },
} as const;

export type MessageKey = WidgetMessageKey | keyof (typeof BOOT)['nl'];

/** Looks a message up and fills in its `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The words that came with the form (`messages`), and the widget's own before they came. */
export function translator(locale: WidgetLocale, messages: Record<string, string> = {}): Translate {
  const words: Record<string, string> = { ...BOOT[locale], ...messages };
  return (key, params = {}) =>
    (words[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** "PDF, JPEG of PNG" / "PDF, JPEG or PNG". */
export function formatList(items: string[], locale: WidgetLocale): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
}

/** A file size as people read it: "820 kB", "4,5 MB" (in 1024s, as file managers count). */
export function formatBytes(bytes: number, locale: WidgetLocale): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(Math.max(bytes / (mb ? 1024 * 1024 : 1024), mb ? 0 : 1));
}

/**
 * A date in full, "woensdag 9 december 2026": of a `YYYY-MM-DD` date as it is, of an instant
 * as the day it was in Amsterdam (the service's dates are Amsterdam dates).
 */
export function formatDate(dateOrInstant: string, locale: WidgetLocale): string {
  const instant = dateOrInstant.length > 10;
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: instant ? 'Europe/Amsterdam' : 'UTC',
  }).format(new Date(instant ? dateOrInstant : `${dateOrInstant}T12:00:00Z`));
}
