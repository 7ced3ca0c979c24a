import { daysBetween, formatDate, isValidIsoDate } from './dates';
import { extendDue } from './terms';
import type { DueDate, Localised, Postponement, PostponementRule, WorkingCalendar } from './types';

export type PostponeResult =
  | { ok: true; due: DueDate }
  | { ok: false; field: 'weeks' | 'announcedOn' | 'postponement' | 'consent'; reason: Localised };

/** The most weeks a further postponement with the complainant's consent may add at once. */
export const MAX_CONSENTED_WEEKS = 52;

/**
 * Checks a requested postponement (Awb 9:11, Wkkgz art. 17) and applies it: 1..maxWeeks whole
 * weeks, announced on or before the current due date. Once only, unless the complainant consented
 * in writing to a further one (Awb 9:11 lid 3), which may add up to MAX_CONSENTED_WEEKS.
 */
export function postpone(
  current: DueDate,
  request: Postponement,
  rule: PostponementRule,
  calendar: WorkingCalendar,
  alreadyPostponed: boolean,
): PostponeResult {
  const further = alreadyPostponed || current.postponement !== undefined;
  if (further && !request.consent) {
    return {
      ok: false,
      field: 'postponement',
      reason: {
        nl: 'Deze termijn is al eens verdaagd; verder uitstel kan alleen met schriftelijke instemming van de klager.',
        en: "This term has already been postponed; further postponement needs the complainant's written consent.",
      },
    };
  }
  const { weeks, announcedOn } = request;
  const max = further ? MAX_CONSENTED_WEEKS : rule.maxWeeks;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > max) {
    return {
      ok: false,
      field: 'weeks',
      reason: {
        nl: `Verdagen kan met 1 tot en met ${max} hele weken.`,
        en: `A postponement must be 1 to ${max} whole weeks.`,
      },
    };
  }
  const consentOn = request.consent?.givenOn;
  if (consentOn && (!isValidIsoDate(consentOn) || daysBetween(current.start, consentOn) < 0)) {
    return {
      ok: false,
      field: 'consent',
      reason: {
        nl: `De instemming kan niet van vóór ${formatDate(current.start, 'nl')} zijn.`,
        en: `The consent cannot predate ${formatDate(current.start, 'en')}.`,
      },
    };
  }
  if (!isValidIsoDate(announcedOn)) {
    return {
      ok: false,
      field: 'announcedOn',
      reason: { nl: 'Ongeldige datum van aankondiging.', en: 'Invalid announcement date.' },
    };
  }
  if (daysBetween(announcedOn, current.date) < 0) {
    return {
      ok: false,
      field: 'announcedOn',
      reason: {
        nl: `De verdaging moet uiterlijk ${formatDate(current.date, 'nl')} worden aangekondigd.`,
        en: `The postponement must be announced by ${formatDate(current.date, 'en')}.`,
      },
    };
  }
  if (daysBetween(current.start, announcedOn) < 0) {
    return {
      ok: false,
      field: 'announcedOn',
      reason: {
        nl: `De verdaging kan niet vóór ${formatDate(current.start, 'nl')} worden aangekondigd.`,
        en: `The postponement cannot be announced before ${formatDate(current.start, 'en')}.`,
      },
    };
  }
  return { ok: true, due: extendDue(current, request, calendar) };
}
