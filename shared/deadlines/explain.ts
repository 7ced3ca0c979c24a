// Human sentences for due dates. Holidays keep their Dutch names in both languages because they
// are the names the law uses.
import { formatDate } from './dates';
import type { IsoDate, LifecycleEvent, Localised, Postponement, SkippedDay, Term } from './types';

export const EVENT_LABELS: Record<LifecycleEvent, Localised> = {
  received: { nl: 'ontvangst', en: 'receipt' },
  acknowledged: { nl: 'ontvangstbevestiging', en: 'acknowledgement' },
  forwarded: { nl: 'doorzending', en: 'forwarding' },
  responded: { nl: 'reactie', en: 'response' },
  solutionProposed: { nl: 'oplossingsvoorstel', en: 'proposed solution' },
  appealFiled: { nl: 'instellen van beroep', en: 'filing of the appeal' },
  appealDecided: { nl: 'beslissing op beroep', en: 'appeal decision' },
  postponed: { nl: 'verdaging', en: 'postponement' },
  closed: { nl: 'afsluiting', en: 'closing' },
  declined: { nl: 'besluit de klacht niet te behandelen', en: 'decision not to handle' },
  hearingHeld: { nl: 'hoorzitting', en: 'hearing' },
  adviceGiven: { nl: 'advies van de klachtencommissie', en: "the committee's advice" },
};

/**
 * What a term starts from, in words: an event, or the end of another term named by its label
 * (the id only when the caller knows no label).
 */
export function anchorLabel(from: Term['from'], fromTermLabel?: Localised): Localised {
  if (typeof from === 'string') return EVENT_LABELS[from];
  const nl = fromTermLabel ? `"${fromTermLabel.nl}"` : from.term;
  const en = fromTermLabel ? `"${fromTermLabel.en}"` : from.term;
  return { nl: `einde termijn ${nl}`, en: `end of term ${en}` };
}

const UNITS = {
  workingDays: { nl: ['werkdag', 'werkdagen'], en: ['working day', 'working days'] },
  calendarDays: { nl: ['dag', 'dagen'], en: ['calendar day', 'calendar days'] },
  weeks: { nl: ['week', 'weken'], en: ['week', 'weeks'] },
} as const;

/** "5 werkdagen", "1 week": an amount of a term's unit in words. */
export function amount(n: number, unit: Term['unit'], locale: 'nl' | 'en'): string {
  return `${n} ${UNITS[unit][locale][n === 1 ? 0 : 1]}`;
}

function skippedList(skipped: SkippedDay[], locale: 'nl' | 'en'): string {
  return skipped
    .map(
      (s) => `${formatDate(s.date, locale, false)} (${s.reasons.map((r) => r[locale]).join(', ')})`,
    )
    .join(', ');
}

export interface ExplainInput {
  term: Term;
  start: IsoDate;
  date: IsoDate;
  skipped: SkippedDay[];
  movedFrom?: IsoDate;
  atwArticle2?: boolean;
  label: Localised;
  postponement?: Postponement;
  /** The due date before the postponement. */
  postponedFrom?: IsoDate;
}

function was(x: ExplainInput, locale: 'nl' | 'en'): string {
  if (!x.postponedFrom) return '';
  return ` ${locale === 'nl' ? 'vanaf' : 'from'} ${formatDate(x.postponedFrom, locale)}`;
}

export function explain(x: ExplainInput): Localised {
  const sentence = (locale: 'nl' | 'en'): string => {
    const nl = locale === 'nl';
    const parts = [
      `${amount(x.term.amount, x.term.unit, locale)} ${nl ? 'na' : 'after'} ${x.label[locale]} ` +
        `${nl ? 'op' : 'on'} ${formatDate(x.start, locale)}`,
    ];
    if (x.postponement) {
      const p = x.postponement;
      const reason = p.reason ? (nl ? `, reden: ${p.reason}` : `, reason: ${p.reason}`) : '';
      const consent = p.consent
        ? nl
          ? `, met instemming van de klager van ${formatDate(p.consent.givenOn, 'nl')}`
          : `, with the complainant's consent of ${formatDate(p.consent.givenOn, 'en')}`
        : '';
      parts.push(
        nl
          ? `verdaagd met ${amount(p.weeks, 'weeks', 'nl')}${was(x, 'nl')} (aangekondigd op ` +
              `${formatDate(p.announcedOn, 'nl')}${consent}${reason})`
          : `postponed by ${amount(p.weeks, 'weeks', 'en')}${was(x, 'en')} (announced on ` +
              `${formatDate(p.announcedOn, 'en')}${consent}${reason})`,
      );
    }
    if (x.movedFrom && x.atwArticle2) {
      parts.push(
        `${nl ? 'verlengd tot' : 'extended to'} ${formatDate(x.date, locale, false)}, ` +
          `${nl ? 'zodat de termijn twee werkdagen telt' : 'so that the term holds two working days'} ` +
          `(${nl ? 'art. 2 Algemene termijnenwet' : 'Algemene termijnenwet art. 2'}): ` +
          skippedList(x.skipped, locale),
      );
    } else if (x.movedFrom) {
      parts.push(
        `${nl ? 'verschoven van' : 'moved from'} ${formatDate(x.movedFrom, locale, false)} ` +
          `${nl ? 'naar' : 'to'} ${formatDate(x.date, locale, false)} ` +
          `(${nl ? 'art. 1 Algemene termijnenwet' : 'Algemene termijnenwet art. 1'}): ` +
          skippedList(x.skipped, locale),
      );
    } else if (x.skipped.length > 0) {
      parts.push(`${nl ? 'overgeslagen' : 'skipped'}: ${skippedList(x.skipped, locale)}`);
    }
    const due = nl ? 'Uiterlijk' : 'Due by the end of';
    return `${parts.join('; ')}. ${due} ${formatDate(x.date, locale)}.`;
  };
  return { nl: sentence('nl'), en: sentence('en') };
}
