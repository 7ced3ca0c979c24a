import type { ProcedureInput } from '../procedure';
import { STATUTORY_OUTCOMES, statutoryTerms } from './statutory';

/**
 * Art. 9:8 with 9:11-like practice: a complaint that is not handled is answered in writing
 * within four weeks of receipt. The term appears once the complaint is declined, and counts as
 * missed when the notice went out later.
 */
const DECLINE_NOTICE = {
  amount: 4,
  unit: 'weeks',
  from: 'received',
  activeAfter: 'declined',
  metBy: 'declined',
  label: {
    nl: 'Bericht dat de klacht niet wordt behandeld',
    en: 'Notice that the complaint will not be handled',
  },
} satisfies ProcedureInput['terms'][string];

/**
 * Public bodies under chapter 9 of the Algemene wet bestuursrecht. The law sets the decision term
 * (art. 9:11: six weeks, postponable once by at most four weeks, announced in writing), a written
 * acknowledgement (9:6, no term: we use five working days, common practice), that the person
 * complained about does not handle it (9:7), and that the closing letter names the Nationale
 * ombudsman (9:12). Retention follows the body's selection list; five years is a default to review.
 */
export const awb = {
  locale: 'nl',
  terms: {
    ...statutoryTerms({ nl: 'Afhandeling van uw klacht', en: 'Decision on your complaint' }),
    declineNotice: DECLINE_NOTICE,
  },
  // Art. 9:10: the complainant is heard before the decision, unless lid 2 waives it.
  hearing: true,
  categories: [
    { id: 'bejegening', label: { nl: 'Bejegening', en: 'Treatment' } },
    { id: 'dienstverlening', label: { nl: 'Dienstverlening', en: 'Service' } },
    { id: 'informatie', label: { nl: 'Informatie', en: 'Information' } },
    { id: 'tijdigheid', label: { nl: 'Tijdigheid', en: 'Timeliness' } },
    { id: 'overig', label: { nl: 'Overig', en: 'Other' } },
  ],
  classifications: STATUTORY_OUTCOMES,
  handlerMayNotBeSubject: true,
  // Art. 9:12a: the body publishes a yearly report of the complaints it handled.
  publish: { yearlyReport: true },
  requiredOnClose: ['classification', 'summary'],
  retention: { years: 5 },
  appeal: { enabled: false },
  form: {
    // Art. 9:8: a complaint states the complainant's name and address.
    complainant: {
      name: 'required',
      initials: 'optional',
      address: 'required',
      phone: 'optional',
      email: 'optional',
    },
    onBehalfOf: { offered: true },
    category: 'optional',
    desiredSolution: 'optional',
  },
  // Art. 9:4: a written complaint states the complainant's name and address.
  intake: { letter: { required: ['name', 'address'] }, email: { required: ['name', 'address'] } },
  // Art. 9:12 and Wet Nationale ombudsman art. 12: within a year of the body's decision.
  referral: {
    to: { nl: 'de Nationale ombudsman', en: 'the National Ombudsman' },
    contact: {
      nl: 'www.nationaleombudsman.nl, telefoon 0800 33 55 555',
      en: 'www.nationaleombudsman.nl, phone 0800 33 55 555',
    },
    within: { amount: 1, unit: 'years', from: 'decision' },
  },
} satisfies ProcedureInput;

/**
 * Awb 9:14–9:15: a body with a complaints committee that hears the complainant and advises. The
 * decision term is ten weeks (art. 9:11 lid 1), postponable by four; a decision that
 * departs from the advice says why and sends the advice along (9:15 lid 3).
 */
export const awbCommissie = {
  ...awb,
  terms: {
    ...awb.terms,
    decision: { ...awb.terms.decision, amount: 10 },
  },
  committee: { name: 'de klachtadviescommissie' },
} satisfies ProcedureInput;
