import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';

/**
 * The judgement in words a complainant understands (B1): the presets' classifications that say
 * whether the complainant was right, by their ids; any other is given by its own label.
 */
const IN_WORDS: Record<string, Record<Locale, string>> = {
  gegrond: { nl: 'Gegrond: u heeft gelijk gekregen.', en: 'Upheld: we agree with you.' },
  deelsGegrond: {
    nl: 'Deels gegrond: u heeft voor een deel gelijk gekregen.',
    en: 'Partly upheld: we agree with you in part.',
  },
  ongegrond: {
    nl: 'Ongegrond: u heeft geen gelijk gekregen.',
    en: 'Not upheld: we do not agree with you.',
  },
  terecht: { nl: 'Terechte klacht: u heeft gelijk gekregen.', en: 'Justified: we agree with you.' },
  justified: {
    nl: 'Terechte klacht: u heeft gelijk gekregen.',
    en: 'Justified: we agree with you.',
  },
  onterecht: {
    nl: 'Onterechte klacht: u heeft geen gelijk gekregen.',
    en: 'Not justified: we do not agree with you.',
  },
};

const APPEAL: Record<'true' | 'false', Record<Locale, string>> = {
  true: {
    nl: 'Uw beroep is gegrond: u heeft gelijk gekregen.',
    en: 'Your appeal is upheld: we agree with you.',
  },
  false: {
    nl: 'Uw beroep is ongegrond: u heeft geen gelijk gekregen.',
    en: 'Your appeal is not upheld: we do not agree with you.',
  },
};

/** The closing judgement (the classification) in words; null when none was recorded. */
export function judgementInWords(
  procedure: Procedure,
  classification: string | null,
  locale: Locale,
): string | null {
  if (!classification) return null;
  const words = IN_WORDS[classification]?.[locale];
  if (words) return words;
  const label = procedure.classifications.find((c) => c.id === classification)?.label[locale];
  return label ? `${locale === 'nl' ? 'Ons oordeel' : 'Our judgement'}: ${label}.` : null;
}

/** The appeal's outcome in words, when the decision recorded one. */
export function appealInWords(upheld: unknown, locale: Locale): string | null {
  return typeof upheld === 'boolean' ? APPEAL[`${upheld}`][locale] : null;
}
