import type { ProcedureInput } from '../procedure';
import { STATUTORY_OUTCOMES, statutoryTerms } from './statutory';

/**
 * Care providers under the Wet kwaliteit, klachten en geschillen zorg. Art. 17: a decision
 * within six weeks, postponable by at most four weeks when announced in writing before the term
 * ends; the acknowledgement term (five working days) is common practice, not law. The closing
 * letter names the disputes body the provider is affiliated with (art. 18). Retention is a
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
  referral: {
    nl: 'Bent u het niet eens met ons oordeel? Dan kunt u uw klacht voorleggen aan de geschilleninstantie waarbij wij zijn aangesloten.',
    en: 'If you disagree with our decision, you may submit your complaint to the disputes body we are affiliated with.',
  },
} satisfies ProcedureInput;
