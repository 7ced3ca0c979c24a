// Everything except the zod schemas, for bundles that must not pull in zod (the widget).
export { easterSunday, makeCalendar } from './calendar';
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
export { DECREE_DAYS, type DecreeDay } from './decree-days';
export { EVENT_LABELS } from './explain';
export { type PostponeResult, postpone } from './postpone';
export { computeDue, computeDueDates, extendDue } from './terms';
export * from './types';
