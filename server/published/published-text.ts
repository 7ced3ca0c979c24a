import type { Locale } from '../../shared/localised';

const plural = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;
const number = (n: number, locale: Locale, digits = 1) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(n);
const percent = (share: number, locale: Locale) => `${number(share * 100, locale, 0)}%`;

/** The words of the public pages, in both languages. */
export const PAGE_TEXT = {
  nl: {
    otherLanguage: 'Nederlands',
    procedureTitle: 'Klachtenregeling',
    procedureIntro: (org: string) =>
      `Zo gaat ${org} om met klachten. Deze pagina volgt de klachtenregeling zoals die nu geldt.`,
    whoTitle: 'Wie kan een klacht indienen?',
    who: 'Iedereen die niet tevreden is over hoe wij hem of haar hebben behandeld, kan een klacht indienen.',
    onBehalf: 'U kunt ook namens iemand anders een klacht indienen.',
    howTitle: 'Hoe dient u een klacht in?',
    howForm: 'Via het klachtenformulier op onze website.',
    asked: (fields: string) => `Wij vragen in elk geval: ${fields}.`,
    fields: {
      name: 'uw naam',
      initials: 'uw voorletters',
      address: 'uw adres',
      phone: 'uw telefoonnummer',
      email: 'uw e-mailadres',
    } as Record<string, string>,
    channels: {
      web: 'Via het formulier',
      email: 'Per e-mail',
      letter: 'Per brief',
      phone: 'Telefonisch',
      social: 'Via sociale media',
      inPerson: 'Persoonlijk aan de balie',
    } as Record<string, string>,
    termsTitle: 'Termijnen',
    after: 'na',
    onlyAfter: (event: string) => `alleen na ${event}`,
    postponable: (weeks: number) =>
      `kan één keer met ten hoogste ${plural(weeks, 'week', 'weken')} worden verdaagd; dat laten wij u vóór het einde van de termijn schriftelijk weten, en verder uitstel kan alleen met uw schriftelijke instemming`,
    workingDays:
      'Werkdagen zijn maandag tot en met vrijdag, behalve de algemeen erkende feestdagen van de Algemene termijnenwet. Eindigt een termijn op een zaterdag, zondag of feestdag, dan loopt hij door tot en met de eerstvolgende werkdag.',
    hearingTitle: 'Horen',
    hearing:
      'Voordat wij over uw klacht beslissen, geven wij u de gelegenheid uw klacht mondeling toe te lichten (artikel 9:10 Awb). Dat hoeft niet als uw klacht kennelijk ongegrond is, of als u heeft laten weten niet te willen worden gehoord.',
    committeeTitle: 'Klachtencommissie',
    committee: (name: string) =>
      `Uw klacht wordt voorgelegd aan ${name}. Die hoort u en adviseert ons. Wijken wij af van het advies, dan leggen wij uit waarom en sturen wij het advies mee (artikel 9:15 Awb).`,
    declineTitle: 'Wanneer wij een klacht niet behandelen',
    decline:
      'Wij hoeven een klacht niet te behandelen als die al eerder is behandeld, als wat er gebeurde meer dan een jaar geleden is, als er bezwaar of beroep tegen openstaat of -stond, als een rechter er al over gaat of ging, of als het belang kennelijk te klein is (artikel 9:8 Awb). Dan laten wij u dat binnen vier weken na ontvangst schriftelijk weten, met de reden.',
    afterTitle: 'Niet eens met onze beslissing?',
    appeal: (body: string, days: number) =>
      `Gaat u niet akkoord met de oplossing die wij voorstellen, dan kunt u binnen ${plural(days, 'dag', 'dagen')} in beroep gaan bij ${body}.`,
    referral: (to: string, within: string, from: 'decision' | 'received') =>
      `U kunt zich wenden tot ${to}, binnen ${within} ${from === 'received' ? 'nadat u uw klacht bij ons indiende' : 'na onze beslissing'}.`,
    with: (fields: string) => `met ${fields}`,
    noReferral: 'Wij leggen in onze beslissing uit wat u daarna kunt doen.',
    officerTitle: 'Klachtenfunctionaris',
    privacyTitle: 'Bewaren en privacy',
    retention: (years: number) =>
      `Wij bewaren uw klacht en uw gegevens tot ${plural(years, 'jaar', 'jaar')} na de afhandeling en gebruiken ze alleen om uw klacht te behandelen en ervan te leren. U kunt ons vragen ze eerder te verwijderen.`,
    privacyLink: 'Onze privacyverklaring',
    yearlyLink: 'Ons jaarverslag over klachten',
    yearlyTitle: (year: number) => `Jaarverslag klachten ${year}`,
    yearlyIntro: (org: string, year: number) =>
      `Dit zijn de klachten die ${org} in ${year} ontving en hoe wij ze behandelden (artikel 9:12a Awb). Er staan geen persoonsgegevens in.`,
    received: 'Ontvangen',
    handled: 'Afgehandeld',
    notHandled: 'Niet in behandeling genomen',
    open: 'Nog in behandeling',
    withinTerm: 'Afgehandeld binnen de termijn',
    withinStatutoryTerm: (term: string) => `Afgehandeld binnen de wettelijke termijn (${term})`,
    withinAllTerms: 'Afgehandeld binnen al onze termijnen, ook onze eigen',
    withinTermValue: (n: number, share: number | null) =>
      share === null ? '–' : `${n} (${percent(share, 'nl')} van de afgehandelde klachten)`,
    median: 'Mediane behandelduur',
    medianValue: (days: number | null) =>
      days === null ? '–' : `${number(days, 'nl')} ${days === 1 ? 'werkdag' : 'werkdagen'}`,
    postponed: 'Verdaagd',
    byCategory: 'Per onderwerp',
    byClassification: 'Per oordeel',
    admissibleTitle: 'Ontvankelijkheid',
    admissible: { yes: 'Ontvankelijk', no: 'Niet ontvankelijk', unknown: 'Niet vastgelegd' },
    none: 'Geen',
    count: 'Aantal',
    figure: 'Gegeven',
    procedureLink: 'Onze klachtenregeling',
  },
  en: {
    otherLanguage: 'English',
    procedureTitle: 'Complaint procedure',
    procedureIntro: (org: string) =>
      `This is how ${org} handles complaints. This page follows the procedure as it applies now.`,
    whoTitle: 'Who may complain?',
    who: 'Anyone who is not satisfied with how we treated them may file a complaint.',
    onBehalf: 'You may also complain on behalf of someone else.',
    howTitle: 'How to complain',
    howForm: 'Through the complaint form on our website.',
    asked: (fields: string) => `We ask at least for: ${fields}.`,
    fields: {
      name: 'your name',
      initials: 'your initials',
      address: 'your address',
      phone: 'your phone number',
      email: 'your e-mail address',
    } as Record<string, string>,
    channels: {
      web: 'Through the form',
      email: 'By e-mail',
      letter: 'By letter',
      phone: 'By phone',
      social: 'Through social media',
      inPerson: 'In person at our desk',
    } as Record<string, string>,
    termsTitle: 'Deadlines',
    after: 'after',
    onlyAfter: (event: string) => `only after ${event}`,
    postponable: (weeks: number) =>
      `may be postponed once by at most ${plural(weeks, 'week', 'weeks')}, which we tell you in writing before the deadline; further postponement only with your written consent`,
    workingDays:
      'Working days are Monday to Friday, except the public holidays of the Algemene termijnenwet. A deadline that ends on a Saturday, Sunday or public holiday runs on to the next working day.',
    hearingTitle: 'Being heard',
    hearing:
      'Before we decide on your complaint, we give you the opportunity to explain it in person (Awb 9:10). We need not do so when the complaint is manifestly unfounded, or when you told us you do not wish to be heard.',
    committeeTitle: 'Complaints committee',
    committee: (name: string) =>
      `Your complaint is put before ${name}, which hears you and advises us. If we depart from its advice, we explain why and send the advice along (Awb 9:15).`,
    declineTitle: 'When we do not handle a complaint',
    decline:
      'We need not handle a complaint that was handled before, about something that happened more than a year ago, against which an objection or appeal is or was possible, that is or was before a court, or whose weight is manifestly too small (Awb 9:8). We then tell you so in writing within four weeks of receipt, with the reason.',
    afterTitle: 'Disagree with our decision?',
    appeal: (body: string, days: number) =>
      `If you do not accept the solution we propose, you may appeal to the ${body} within ${plural(days, 'day', 'days')}.`,
    referral: (to: string, within: string, from: 'decision' | 'received') =>
      `You may turn to ${to}, within ${within} ${from === 'received' ? 'of submitting your complaint to us' : 'of our decision'}.`,
    with: (fields: string) => `with ${fields}`,
    noReferral: 'Our decision explains what you can do next.',
    officerTitle: 'Complaints officer',
    privacyTitle: 'Retention and privacy',
    retention: (years: number) =>
      `We keep your complaint and your details until ${plural(years, 'year', 'years')} after it is closed and use them only to handle your complaint and learn from it. You may ask us to delete them earlier.`,
    privacyLink: 'Our privacy statement',
    yearlyLink: 'Our yearly complaint report',
    yearlyTitle: (year: number) => `Complaint report ${year}`,
    yearlyIntro: (org: string, year: number) =>
      `These are the complaints ${org} received in ${year} and how we handled them (Awb 9:12a). It holds no personal data.`,
    received: 'Received',
    handled: 'Handled',
    notHandled: 'Not handled',
    open: 'Still being handled',
    withinTerm: 'Handled within the deadline',
    withinStatutoryTerm: (term: string) => `Handled within the legal deadline (${term})`,
    withinAllTerms: 'Handled within all our deadlines, our own ones too',
    withinTermValue: (n: number, share: number | null) =>
      share === null ? '–' : `${n} (${percent(share, 'en')} of handled complaints)`,
    median: 'Median handling time',
    medianValue: (days: number | null) =>
      days === null ? '–' : `${number(days, 'en')} ${days === 1 ? 'working day' : 'working days'}`,
    postponed: 'Postponed',
    byCategory: 'By subject',
    byClassification: 'By judgement',
    admissibleTitle: 'Admissibility',
    admissible: { yes: 'Admissible', no: 'Not admissible', unknown: 'Not recorded' },
    none: 'None',
    count: 'Number',
    figure: 'Figure',
    procedureLink: 'Our complaint procedure',
  },
} satisfies Record<Locale, unknown>;
