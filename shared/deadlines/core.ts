// Everything except the zod schemas, for bundles that must not pull in zod (the widget).
export { easterSunday, makeCalendar, workingDaysBetween } from './calendar';
export {
  addDays,
  amsterdamDate,
  daysBetween,
  endOfAmsterdamDay,
  formatDate,
  formatLongDate,
  isValidIsoDate,
  weekday,
} from './dates';
export {
  calendarHorizonWarning,
  DECREE_DAYS,
  DECREE_DAYS_KNOWN_THROUGH,
  type DecreeDay,
} from './decree-days';
export { amount as termAmount, anchorLabel, EVENT_LABELS } from './explain';
export { MAX_CONSENTED_WEEKS, type PostponeResult, postpone } from './postpone';
export { computeDue, computeDueDates, extendDue } from './terms';
export * from './types';
