/** 'YYYY-MM-DD', a Europe/Amsterdam calendar date. */
export type IsoDate = string;

export const LIFECYCLE_EVENTS = [
  'received',
  'acknowledged',
  'forwarded',
  'responded',
  'solutionProposed',
  'appealFiled',
  'appealDecided',
  'postponed',
  'closed',
  // Awb 9:8: the complaint is not handled; 9:10 the hearing; 9:14 the committee's advice.
  'declined',
  'hearingHeld',
  'adviceGiven',
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

export const TERM_UNITS = ['workingDays', 'calendarDays', 'weeks'] as const;
export type TermUnit = (typeof TERM_UNITS)[number];

export interface Term {
  /** Positive integer. */
  amount: number;
  unit: TermUnit;
  /** An event, or the due date of another named term. */
  from: LifecycleEvent | { term: string };
  /** The term only exists once this event happened (e.g. appealDecision after appealFiled). */
  activeAfter?: LifecycleEvent;
}

export interface CalendarConfig {
  /** 'light' = Liberation Day only in lustrum years, no Good Friday, no decree days. */
  base: 'atw' | 'light';
  goodFriday?: boolean;
  liberationDay?: 'always' | 'lustrum' | 'never';
  decreeDays?: boolean;
  closedDays: { date: IsoDate; name: string }[];
}

export interface Localised {
  nl: string;
  en: string;
}

export interface Postponement {
  /** In total: a further postponement (Awb 9:11 lid 3) adds its weeks to the first. */
  weeks: number;
  announcedOn: IsoDate;
  reason?: string;
  /** Awb 9:11 lid 3: the complainant's written consent to a further postponement. */
  consent?: { givenOn: IsoDate; how: string };
}

/** Awb 9:11 / Wkkgz art. 17: maxWeeks 4. */
export interface PostponementRule {
  maxWeeks: number;
}

export interface SkippedDay {
  date: IsoDate;
  reasons: Localised[];
}

export interface DueDate {
  /** Due at the END of this Amsterdam day. */
  date: IsoDate;
  /** ISO 8601 instant with offset of the end of that day. */
  dueAt: string;
  /** Day 0. */
  start: IsoDate;
  term: Term;
  /** Non-working days passed over (working-day terms) or moved over (Atw move). */
  skipped: SkippedDay[];
  /** For calendar/week terms (and postponements) that ended on a non-working day. */
  movedFrom?: IsoDate;
  /** Extended past the Atw art. 1 move so that the term holds two working days (Atw art. 2). */
  atwArticle2?: true;
  /** Set once the term has been postponed; again only with the complainant's consent. */
  postponement?: Postponement;
  explanation: Localised;
}

export interface HolidayEntry {
  date: IsoDate;
  name: Localised;
  kind: 'atw' | 'decree' | 'tenant';
}

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** [] for a working day; weekend and holiday names otherwise. */
  closedReasons(date: IsoDate): Localised[];
  holidays(year: number): HolidayEntry[];
  /** n working days after `date` (n may be 0 or negative). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** `date` itself if it is a working day. */
  nextWorkingDay(date: IsoDate): IsoDate;
}
