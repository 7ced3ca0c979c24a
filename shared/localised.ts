import * as z from 'zod';
import { plainText } from './text';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localisedSchema = z.object({
  nl: plainText(500),
  en: plainText(500),
});

/** Picks the best of our locales from an Accept-Language header, or the fallback. */
export function pickLocale(acceptLanguage: string | undefined | null, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'nl' || primary === 'en') return primary;
  }
  return fallback;
}
