import type { ProcedureInput } from '../procedure';
import { STATUTORY_OUTCOMES, statutoryTerms } from './statutory';

/**
 * Care providers under the Wet kwaliteit, klachten en geschillen zorg. Art. 17: a decision
 * within six weeks, postponable by at most four weeks when announced in writing before the term
 * ends; the acknowledgement term (five working days) is common practice, not law. The closing
 * letter names the disputes body the provider is affiliated with, with its term. Retention is a
 * default to review.
 */
export const wkkgz = {
  locale: 'nl',
  terms: statutoryTerms({ nl: 'Schriftelijk oordeel', en: 'Written decision' }),
  categories: [
    { id: 'zorg', label: { nl: 'Zorgverlening', en: 'Care' } },
    { id: 'bejegening', label: { nl: 'Bejegening', en: 'Treatment' } },
    { id: 'communicatie', label: { nl: 'Communicatie en informatie', en: 'Communication' } },
    { id: 'organisatie', label: { nl: 'Organisatie en bereikbaarheid', en: 'Organisation' } },
    { id: 'financieel', label: { nl: 'Financiën', en: 'Finance' } },
  ],
  classifications: STATUTORY_OUTCOMES,
  requiredOnClose: ['classification', 'summary'],
  retention: { years: 5 },
  appeal: { enabled: false },
  form: {
    complainant: {
      name: 'required',
      initials: 'optional',
      address: 'optional',
      phone: 'optional',
      email: 'required',
    },
    onBehalfOf: { offered: true },
    category: 'optional',
    desiredSolution: 'optional',
  },
  // Art. 18 and 21: the disputes body the provider is affiliated with; set its name, contact
  // details and the term its rules give (often twelve months from the complaint).
  referral: {
    to: {
      nl: 'de geschilleninstantie waarbij wij zijn aangesloten',
      en: 'the disputes body we are affiliated with',
    },
    within: { amount: 12, unit: 'months', from: 'received' },
  },
} satisfies ProcedureInput;
