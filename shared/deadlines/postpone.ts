import { daysBetween, formatDate, isValidIsoDate } from './dates';
import { extendDue } from './terms';
import type { DueDate, Localised, Postponement, PostponementRule, WorkingCalendar } from './types';

export type PostponeResult =
  | { ok: true; due: DueDate }
  | { ok: false; field: 'weeks' | 'announcedOn' | 'postponement'; reason: Localised };

/**
 * Checks a requested postponement (Awb 9:11, Wkkgz art. 17) and applies it: once only,
 * 1..maxWeeks whole weeks, announced on or before the current due date.
 */
export function postpone(
  current: DueDate,
  request: Postponement,
  rule: PostponementRule,
  calendar: WorkingCalendar,
  alreadyPostponed: boolean,
): PostponeResult {
  if (alreadyPostponed || current.postponement) {
    return {
      ok: false,
      field: 'postponement',
      reason: {
        nl: 'Deze termijn is al eens verdaagd; verdagen kan maar één keer.',
        en: 'This term has already been postponed; it can be postponed only once.',
      },
    };
  }
  const { weeks, announcedOn } = request;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > rule.maxWeeks) {
    return {
      ok: false,
      field: 'weeks',
      reason: {
        nl: `Verdagen kan met 1 tot en met ${rule.maxWeeks} hele weken.`,
        en: `A postponement must be 1 to ${rule.maxWeeks} whole weeks.`,
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
