// Days equated with an algemeen erkende feestdag by royal decree (art. 3 lid 3 Atw). The
// government publishes one decree for about three years at a time, in the Staatscourant, under
// the title "Besluit gelijkstelling van <dates> met een algemeen erkende feestdag". To extend:
// append the new decree's dates here (keep them sorted) and add a row to the table test.
import type { IsoDate } from './types';

export interface DecreeDay {
  date: IsoDate;
  nl: string;
  en: string;
  source: string;
}

const DECREE_2023_2025 =
  'Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en ' +
  '30 mei 2025 met een algemeen erkende feestdag (art. 3 lid 3 Atw, Staatscourant)';
const DECREE_2026_2028 =
  'Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en ' +
  '26 mei 2028 met een algemeen erkende feestdag (art. 3 lid 3 Atw, Staatscourant)';

function bridge(date: IsoDate, afterNl: string, afterEn: string, source: string): DecreeDay {
  return {
    date,
    nl: `gelijkgestelde feestdag (dag na ${afterNl})`,
    en: `day equated with a public holiday by royal decree (day after ${afterEn})`,
    source,
  };
}

export const DECREE_DAYS: readonly DecreeDay[] = [
  bridge('2023-04-28', 'Koningsdag', 'Koningsdag', DECREE_2023_2025),
  bridge('2023-05-19', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2023_2025),
  bridge('2024-05-10', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2023_2025),
  bridge('2024-12-27', 'Tweede Kerstdag', 'Tweede Kerstdag', DECREE_2023_2025),
  bridge('2025-05-30', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2023_2025),
  bridge('2026-01-02', 'Nieuwjaarsdag', 'Nieuwjaarsdag', DECREE_2026_2028),
  bridge('2026-05-15', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2026_2028),
  bridge('2027-05-07', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2026_2028),
  bridge('2028-04-28', 'Koningsdag', 'Koningsdag', DECREE_2026_2028),
  bridge('2028-05-26', 'Hemelvaartsdag', 'Hemelvaartsdag', DECREE_2026_2028),
];

/** The last year a published decree covers (the decree of 2026–2028). */
export const DECREE_DAYS_KNOWN_THROUGH = 2028;

/**
 * A warning when the calendar runs out: no decree days are known for next year yet, so terms
 * running into it do not skip them. Null while the decrees cover next year.
 */
export function calendarHorizonWarning(today: IsoDate): { nl: string; en: string } | null {
  const next = Number(today.slice(0, 4)) + 1;
  if (next <= DECREE_DAYS_KNOWN_THROUGH) return null;
  return {
    nl: `Voor ${next} zijn nog geen gelijkgestelde feestdagen (art. 3 lid 3 Atw) bekend; de kalender kent ze tot en met ${DECREE_DAYS_KNOWN_THROUGH}. Termijnen die in ${next} eindigen, houden er nog geen rekening mee. Werk de kalender bij zodra het nieuwe besluit is gepubliceerd.`,
    en: `No days equated with public holidays (Atw art. 3(3)) are known for ${next} yet; the calendar knows them through ${DECREE_DAYS_KNOWN_THROUGH}. Deadlines ending in ${next} do not skip them yet. Update the calendar once the new decree is published.`,
  };
}
