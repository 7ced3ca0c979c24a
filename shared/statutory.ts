import * as z from 'zod';
import { localisedSchema } from './localised';
import { plainText } from './text';

/*
 * The parts of the statutory procedures that a procedure and the steps share: why a complaint is
 * not handled (Awb 9:8), why a hearing is waived (9:10 lid 2), how consent to a further
 * postponement was given (9:11 lid 3), the complaints committee (9:14) and the Wkkgz
 * klachtenfunctionaris (art. 15).
 */

/** Awb 9:8 lid 1 (a–f) and lid 2: the grounds on which a complaint need not be handled. */
export const DECLINE_GROUNDS = [
  'handledBefore',
  'olderThanOneYear',
  'objectionPossible',
  'appealPossible',
  'beforeCourt',
  'insufficientInterest',
] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

export const DECLINE_GROUND_LABELS: Record<DeclineGround, { nl: string; en: string }> = {
  handledBefore: {
    nl: 'de gedraging is al eerder als klacht behandeld (art. 9:8 lid 1 onder a Awb)',
    en: 'the conduct was handled as a complaint before (Awb 9:8(1)(a))',
  },
  olderThanOneYear: {
    nl: 'de gedraging vond meer dan een jaar voor het indienen van de klacht plaats (art. 9:8 lid 1 onder b Awb)',
    en: 'the conduct took place more than a year before the complaint (Awb 9:8(1)(b))',
  },
  objectionPossible: {
    nl: 'tegen de gedraging stond of staat bezwaar open (art. 9:8 lid 1 onder c Awb)',
    en: 'an objection against the conduct was or is possible (Awb 9:8(1)(c))',
  },
  appealPossible: {
    nl: 'tegen de gedraging stond of staat beroep open (art. 9:8 lid 1 onder d Awb)',
    en: 'an appeal against the conduct was or is possible (Awb 9:8(1)(d))',
  },
  beforeCourt: {
    nl: 'de gedraging is of was al aan een rechter voorgelegd (art. 9:8 lid 1 onder e en f Awb)',
    en: 'the conduct is or was already before a court (Awb 9:8(1)(e)-(f))',
  },
  insufficientInterest: {
    nl: 'het belang van de klager of het gewicht van de gedraging is kennelijk onvoldoende (art. 9:8 lid 2 Awb)',
    en: "the complainant's interest or the weight of the conduct is manifestly insufficient (Awb 9:8(2))",
  },
};

/** Awb 9:10 lid 2: when the complainant need not be heard. */
export const WAIVE_GROUNDS = [
  'manifestlyUnfounded',
  'complainantDeclined',
  'noTimelyWish',
] as const;
export type WaiveGround = (typeof WAIVE_GROUNDS)[number];

export const WAIVE_GROUND_LABELS: Record<WaiveGround, { nl: string; en: string }> = {
  manifestlyUnfounded: {
    nl: 'de klacht is kennelijk ongegrond',
    en: 'the complaint is manifestly unfounded',
  },
  complainantDeclined: {
    nl: 'de klager wil niet worden gehoord',
    en: 'the complainant does not wish to be heard',
  },
  noTimelyWish: {
    nl: 'de klager heeft niet binnen de gestelde termijn laten weten te willen worden gehoord',
    en: 'the complainant did not say in time that they wish to be heard',
  },
};

/** Awb 9:11 lid 3: consent to a further postponement is given in writing. */
export const CONSENT_WAYS = ['letter', 'email', 'form'] as const;

export const CONSENT_WAY_LABELS: Record<(typeof CONSENT_WAYS)[number], { nl: string; en: string }> =
  {
    letter: { nl: 'per brief', en: 'by letter' },
    email: { nl: 'per e-mail', en: 'by e-mail' },
    form: { nl: 'via het formulier of de volgpagina', en: 'through the form or tracking page' },
  };

/** How a hearing takes place. */
export const HEARING_MODES = ['inPerson', 'phone', 'video'] as const;

export const HEARING_MODE_LABELS: Record<
  (typeof HEARING_MODES)[number],
  { nl: string; en: string }
> = {
  inPerson: { nl: 'Op locatie', en: 'In person' },
  phone: { nl: 'Telefonisch', en: 'By phone' },
  video: { nl: 'Via video', en: 'By video' },
};

/** Awb 9:14: an advisory committee hears the complainant and advises the body. */
export const committeeSchema = z.object({
  name: plainText(200),
  /** Where the committee is reached; its advice is recorded by staff. */
  email: z.email().optional(),
});

/** Wkkgz art. 15: the klachtenfunctionaris who advises and helps the complainant, free of charge. */
export const complaintsOfficerSchema = z.object({
  name: plainText(200),
  /** How to reach them: a phone number, an address, a web page. */
  contact: localisedSchema,
});
export type ComplaintsOfficer = z.infer<typeof complaintsOfficerSchema>;

/** The sentence that introduces the klachtenfunctionaris, wherever the complainant meets it. */
export function complaintsOfficerSentence(officer: ComplaintsOfficer, locale: 'nl' | 'en'): string {
  return locale === 'nl'
    ? `Wilt u advies of hulp bij uw klacht? Onze klachtenfunctionaris ${officer.name} helpt u kosteloos: ${officer.contact.nl}.`
    : `Would you like advice or help with your complaint? Our complaints officer ${officer.name} helps you free of charge: ${officer.contact.en}.`;
}
