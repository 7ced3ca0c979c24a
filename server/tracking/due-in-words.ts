import { anchorLabel, type DueDate, termAmount } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';

const WEEKEND = 'weekend';

/**
 * Why a due date is what it is, for the complainant (B1): the rule, the days it did not count, a
 * move past a day the organisation is closed, a postponement. The date itself is said once,
 * beside it; staff's explanation, with every date in short and the articles of the law, is theirs.
 */
export function dueInWords(detail: DueDate, procedure: Procedure, locale: Locale): string {
  const nl = locale === 'nl';
  const { term } = detail;
  const from =
    term.from === 'received'
      ? nl
        ? 'ontvangst van uw klacht'
        : 'receipt of your complaint'
      : anchorLabel(
          term.from,
          typeof term.from === 'string' ? undefined : procedure.terms[term.from.term]?.label,
        )[locale];
  const sentences = [
    `${termAmount(term.amount, term.unit, locale)} ${nl ? 'na' : 'after'} ${from}.`,
  ];
  // Weekends go without saying; holidays and the organisation's closed days are named.
  const named = [
    ...new Set(
      detail.skipped.flatMap((day) =>
        day.reasons.map((r) => r[locale]).filter((r) => r !== WEEKEND),
      ),
    ),
  ];
  if (named.length > 0) {
    sentences.push(
      `${nl ? 'Deze dagen tellen niet mee' : 'These days do not count'}: ${named.join(', ')}.`,
    );
  }
  if (detail.movedFrom) {
    sentences.push(
      nl
        ? 'De termijn eindigde op een dag waarop wij gesloten zijn. Daarom loopt hij door tot de volgende werkdag.'
        : 'The term ended on a day we are closed, so it runs on to the next working day.',
    );
  }
  if (detail.postponement) {
    const weeks = termAmount(detail.postponement.weeks, 'weeks', locale);
    sentences.push(
      nl ? `Wij hebben deze termijn met ${weeks} verlengd.` : `We extended this term by ${weeks}.`,
    );
  }
  return sentences.join(' ');
}
