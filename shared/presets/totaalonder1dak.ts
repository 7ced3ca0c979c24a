import type { ProcedureInput } from '../procedure';

/**
 * Seed 000: the complaint procedure of TotaalOnder1Dak, an energy broker. First response within
 * five working days of receipt; every complaint classified as justified or as an expression of
 * dissatisfaction; records kept five years; no appeal.
 */
export const totaalonder1dak = {
  locale: 'nl',
  terms: {
    firstResponse: {
      amount: 5,
      unit: 'workingDays',
      from: 'received',
      metBy: 'responded',
      label: { nl: 'Eerste reactie', en: 'First response' },
    },
  },
  // "Aard van de klacht" is registered by staff; the seed's form does not ask for it.
  categories: [
    { id: 'verkoopgesprek', label: { nl: 'Verkoopgesprek', en: 'Sales call' } },
    { id: 'overeenkomst', label: { nl: 'Overeenkomst', en: 'Agreement' } },
    { id: 'dienstverlening', label: { nl: 'Dienstverlening', en: 'Service' } },
    { id: 'overig', label: { nl: 'Overig', en: 'Other' } },
  ],
  classifications: [
    { id: 'justified', label: { nl: 'Terechte klacht', en: 'Justified complaint' } },
    {
      id: 'dissatisfaction',
      label: { nl: 'Uiting van ongenoegen', en: 'Expression of dissatisfaction' },
    },
  ],
  remedies: [
    {
      id: 'reprimand',
      label: { nl: 'Berisping van de medewerker', en: 'Reprimand of the employee' },
    },
    {
      id: 'cancel',
      label: { nl: 'Annulering van de overeenkomst', en: 'Cancellation of the agreement' },
    },
    { id: 'compensation', label: { nl: 'Compensatie', en: 'Compensation' } },
    { id: 'other', label: { nl: 'Andere oplossing', en: 'Other solution' } },
  ],
  recordAdmissibility: true,
  // "NAWTE-gegevens MELDER": a letter has a name and address; a call a name and number.
  intake: {
    letter: { required: ['name', 'address'] },
    phone: { required: ['name', 'phone'] },
    inPerson: { required: ['name'] },
  },
  requiredOnClose: ['classification', 'summary'],
  retention: { years: 5 },
  appeal: { enabled: false },
  form: {
    complainant: {
      name: 'required',
      initials: 'required',
      address: 'optional',
      phone: 'required',
      email: 'optional',
    },
    onBehalfOf: {
      offered: true,
      fields: {
        name: 'required',
        initials: 'required',
        address: 'optional',
        phone: 'required',
        email: 'hidden',
      },
    },
    category: 'hidden',
    desiredSolution: 'optional',
    attachments: { mode: 'optional' },
    privacyUrl: 'https://totaalonder1dak.nl/privacy-statement',
    intro: {
      nl: 'Beschrijf uw klacht zo duidelijk en gedetailleerd mogelijk: wanneer het gesprek plaatsvond, wie u heeft gesproken en of u een overeenkomst bent aangegaan. Houd een klant- of offertenummer bij de hand.',
      en: 'Describe your complaint as clearly and in as much detail as you can: when the conversation took place, who you spoke to and whether you entered into an agreement. Keep a customer or quotation number at hand.',
    },
  },
  // The seed's own address for letters.
  letterhead: {
    address: ['Ossekop 3-b', '8911 LE Leeuwarden'],
    phone: '058 808 0050',
    email: 'info@totaalonder1dak.nl',
    website: 'totaalonder1dak.nl',
  },
  notifications: {
    senderName: 'TotaalOnder1Dak Klantenservice',
    replyTo: 'info@totaalonder1dak.nl',
  },
  allowedOrigins: ['https://totaalonder1dak.nl'],
} satisfies ProcedureInput;
