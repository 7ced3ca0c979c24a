import type { ProcedureInput } from '../procedure';

/**
 * What the two statutory regimes share: Awb 9:11 and Wkkgz art. 17 both give six weeks for the
 * decision, postponable once by at most four weeks, and both decide "gegrond" or "ongegrond".
 * The acknowledgement term is practice, not law.
 */
export function statutoryTerms(decisionLabel: { nl: string; en: string }) {
  return {
    acknowledgement: {
      amount: 5,
      unit: 'workingDays',
      from: 'received',
      metBy: 'acknowledged',
      label: { nl: 'Ontvangstbevestiging', en: 'Acknowledgement' },
    },
    decision: {
      amount: 6,
      unit: 'weeks',
      from: 'received',
      metBy: 'closed',
      postponable: { maxWeeks: 4 },
      statutory: true,
      label: decisionLabel,
    },
  } satisfies ProcedureInput['terms'];
}

export const STATUTORY_OUTCOMES = [
  { id: 'gegrond', label: { nl: 'Gegrond', en: 'Well-founded' } },
  { id: 'deelsGegrond', label: { nl: 'Deels gegrond', en: 'Partly well-founded' } },
  { id: 'ongegrond', label: { nl: 'Ongegrond', en: 'Unfounded' } },
];
