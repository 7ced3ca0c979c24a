import type { ProcedureInput } from '../procedure';

/**
 * Seed 004: the complaint protocol of the WENB trade association's office. Three terms:
 * acknowledgement and registration within two working days, resolution within two weeks, and an
 * appeal decided by the chair at most four weeks after the resolution term ends. The cause must
 * be recorded with the solution; records kept two years.
 */
export const wenb = {
  locale: 'nl',
  terms: {
    acknowledgement: {
      amount: 2,
      unit: 'workingDays',
      from: 'received',
      metBy: 'acknowledged',
      label: { nl: 'Ontvangstbevestiging', en: 'Acknowledgement' },
    },
    registration: {
      amount: 2,
      unit: 'workingDays',
      from: 'received',
      metBy: 'received',
      label: { nl: 'Registratie', en: 'Registration' },
      public: false,
    },
    resolution: {
      amount: 2,
      unit: 'weeks',
      from: 'received',
      metBy: 'solutionProposed',
      label: { nl: 'Afhandeling', en: 'Resolution' },
    },
    appealDecision: {
      amount: 4,
      unit: 'weeks',
      from: { term: 'resolution' },
      activeAfter: 'appealFiled',
      metBy: 'appealDecided',
      label: { nl: 'Uitspraak in beroep', en: 'Appeal decision' },
    },
  },
  categories: [
    { id: 'aard', label: { nl: 'Aard van de dienst', en: 'Nature of the service' } },
    { id: 'kwaliteit', label: { nl: 'Kwaliteit van de dienst', en: 'Quality of the service' } },
    {
      id: 'tijdigheid',
      label: { nl: 'Tijdigheid van de dienst', en: 'Timeliness of the service' },
    },
    {
      id: 'wijze',
      label: { nl: 'Wijze van dienstverlening', en: 'Manner in which the service was provided' },
    },
  ],
  // The seed records no judgement; these let the closing letter say what was found.
  classifications: [
    { id: 'terecht', label: { nl: 'Terechte klacht', en: 'Justified complaint' } },
    { id: 'onterecht', label: { nl: 'Onterechte klacht', en: 'Unjustified complaint' } },
  ],
  requiredOnProposal: ['cause'],
  requiredOnClose: ['cause'],
  // §2.1: complaints come by e-mail or letter; name and phone number are registered.
  intake: {
    letter: { required: ['name'] },
    email: { required: ['name'] },
    phone: { required: ['name', 'phone'] },
  },
  retention: { years: 2 },
  appeal: {
    enabled: true,
    body: {
      role: { nl: 'Voorzitter van de WENB', en: 'Chair of the WENB' },
      name: 'Voorzitter WENB',
      email: 'voorzitter@wenb.nl',
    },
    windowDays: 14,
    term: 'appealDecision',
  },
  form: {
    complainant: {
      name: 'required',
      initials: 'hidden',
      address: 'hidden',
      phone: 'required',
      email: 'required',
    },
    onBehalfOf: { offered: false },
    category: 'optional',
    desiredSolution: 'optional',
    attachments: { mode: 'hidden' },
    privacyUrl: 'https://www.wenb.nl/privacy',
  },
  // §3: every registered complaint goes to the director once handled (the director analyses
  // them); the address is made up.
  notifications: { senderName: 'Bureau WENB', staff: { closed: ['directeur@wenb.nl'] } },
  // §2.1: depending on the complaint, whoever received it handles it themselves.
  receiverMayHandle: true,
  allowedOrigins: ['https://www.wenb.nl'],
} satisfies ProcedureInput;
