export type WidgetLocale = 'nl' | 'en';

/** Every text the widget shows, in plain Dutch (formal "u") and English. */
export const MESSAGES = {
  nl: {
    loading: 'Het formulier wordt geladen…',
    loadFailed: 'Het klachtenformulier kon niet worden geladen. Probeer het later opnieuw.',
    refused:
      'U kunt uw klacht hier nu niet online indienen. Dat kan wel op een andere manier bij {name}:',
    byPost: 'Per post',
    byPhone: 'Telefoon',
    byEmail: 'E-mail',
    website: 'Website',
    procedureLink: 'Zo gaat {name} om met klachten',
    required: '(verplicht)',
    optional: '(optioneel)',
    yourDetails: 'Uw gegevens',
    onBehalfOfToggle: 'Ik dien deze klacht in namens iemand anders',
    onBehalfOfLegend: 'Gegevens van de persoon namens wie u klaagt',
    onBehalfOfHint:
      'Vul zijn of haar gegevens in, zodat wij de correspondentie kunnen terugzoeken.',
    complaint: 'Uw klacht',
    name: 'Naam',
    initials: 'Voorletters',
    address: 'Adres',
    phone: 'Telefoonnummer',
    phoneHint: 'Een nummer waarop wij u op werkdagen kunnen bereiken.',
    email: 'E-mailadres',
    category: 'Waar gaat uw klacht over?',
    chooseCategory: 'Kies een onderwerp',
    description: 'Beschrijf uw klacht',
    descriptionHint: 'Zo duidelijk en volledig mogelijk: wat gebeurde er, wanneer en met wie?',
    desiredSolution: 'Welke oplossing zou u willen?',
    attachments: 'Bijlagen',
    attachmentsHint:
      'Bijvoorbeeld een brief, factuur of foto. U kunt {count} bestanden toevoegen van elk maximaal {size}: {types}.',
    chosenFiles: 'Gekozen bestanden',
    remove: 'Verwijder',
    fileRemoved: '{name} is verwijderd.',
    fileTooMany: 'U kunt maximaal {count} bestanden toevoegen. {name} is niet toegevoegd.',
    fileTooBig: '{name} is te groot. Een bestand mag maximaal {size} zijn.',
    fileType:
      '{name} is geen bestand dat wij kunnen aannemen. Kies een bestand van het type {types}.',
    fileForged:
      '{name} lijkt een {types}-bestand, maar is het niet: de inhoud past niet bij de naam. Kies een ander bestand.',
    filesLost:
      'Wat u heeft ingevuld, is bewaard. Bijlagen kunnen wij niet bewaren: voeg deze bestanden opnieuw toe: {names}.',
    honeypot: 'Laat dit veld leeg',
    rateLimited:
      'Uw klacht is nog niet verstuurd: er kwamen te veel berichten tegelijk binnen. Wat u heeft ingevuld, is bewaard. Wacht een paar minuten en probeer het opnieuw.',
    notSent:
      'Uw klacht is nog niet verstuurd. Wat u heeft ingevuld, is bewaard. Controleer het en verstuur het opnieuw.',
    recap: 'Wat wij hebben ontvangen',
    subject: 'Onderwerp',
    privacy: 'Wij gebruiken uw gegevens alleen om uw klacht te behandelen.',
    privacyLink: 'Lees onze privacyverklaring',
    submit: 'Klacht versturen',
    submitting: 'Bezig met versturen…',
    retry: 'Opnieuw proberen',
    errorSummary: 'Er is een probleem',
    errorPrefix: 'Fout:',
    need_name: 'Vul uw naam in.',
    need_initials: 'Vul uw voorletters in.',
    need_address: 'Vul uw adres in.',
    need_phone: 'Vul uw telefoonnummer in.',
    need_email: 'Vul uw e-mailadres in.',
    needOther_name: 'Vul de naam in van de persoon namens wie u klaagt.',
    needOther_initials: 'Vul de voorletters in van de persoon namens wie u klaagt.',
    needOther_address: 'Vul het adres in van de persoon namens wie u klaagt.',
    needOther_phone: 'Vul het telefoonnummer in van de persoon namens wie u klaagt.',
    needOther_email: 'Vul het e-mailadres in van de persoon namens wie u klaagt.',
    need_category: 'Kies waar uw klacht over gaat.',
    need_description: 'Beschrijf uw klacht.',
    need_desiredSolution: 'Schrijf op welke oplossing u zou willen.',
    fieldEmail: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
    fieldPhone: 'Vul een geldig telefoonnummer in, zoals 06 12345678.',
    fieldTooLong: '{label}: gebruik maximaal {max} tekens.',
    networkFailed:
      'Uw klacht is nog niet verstuurd: er was geen verbinding. Wat u heeft ingevuld, is bewaard. Probeer het opnieuw.',
    serverFailed:
      'Uw klacht is nog niet verstuurd: er ging bij ons iets mis. Wat u heeft ingevuld, is bewaard. Probeer het later opnieuw.',
    receivedTitle: 'Uw klacht is ontvangen',
    yourNumber: 'Uw klachtnummer is',
    receivedOn: 'Ontvangen op',
    deadlines: 'Wanneer hoort u van ons?',
    dueBy: 'uiterlijk',
    whatNext: 'Wat gebeurt er nu?',
    whatNextText:
      'Wij registreren uw klacht en een medewerker neemt contact met u op. Noem uw klachtnummer als u contact met ons opneemt.',
    trackingLink: 'Volg uw klacht online',
    trackingText:
      'Met deze persoonlijke link ziet u hoe het met uw klacht gaat. Bewaar de link en deel hem niet met anderen.',
    trackingMailed: 'Wij sturen de link ook naar {email}.',
  },
  en: {
    loading: 'Loading the form…',
    loadFailed: 'The complaint form could not be loaded. Please try again later.',
    refused:
      'You cannot send your complaint online here at the moment. You can send it to {name} in another way:',
    byPost: 'By post',
    byPhone: 'Phone',
    byEmail: 'Email',
    website: 'Website',
    procedureLink: 'How {name} handles complaints',
    required: '(required)',
    optional: '(optional)',
    yourDetails: 'Your details',
    onBehalfOfToggle: 'I am making this complaint on behalf of someone else',
    onBehalfOfLegend: 'Details of the person you are complaining for',
    onBehalfOfHint: 'Fill in their details so that we can find the correspondence.',
    complaint: 'Your complaint',
    name: 'Name',
    initials: 'Initials',
    address: 'Address',
    phone: 'Phone number',
    phoneHint: 'A number where we can reach you on working days.',
    email: 'Email address',
    category: 'What is your complaint about?',
    chooseCategory: 'Choose a subject',
    description: 'Describe your complaint',
    descriptionHint: 'As clearly and completely as you can: what happened, when and with whom?',
    desiredSolution: 'What solution would you like?',
    attachments: 'Attachments',
    attachmentsHint:
      'For example a letter, an invoice or a photo. You can add {count} files of up to {size} each: {types}.',
    chosenFiles: 'Chosen files',
    remove: 'Remove',
    fileRemoved: '{name} has been removed.',
    fileTooMany: 'You can add at most {count} files. {name} was not added.',
    fileTooBig: '{name} is too large. A file may be at most {size}.',
    fileType: '{name} is not a file we can accept. Choose a file of type {types}.',
    fileForged:
      '{name} looks like a {types} file, but is not: its content does not match its name. Choose another file.',
    filesLost:
      'What you filled in has been kept. Attachments cannot be kept: please add these files again: {names}.',
    honeypot: 'Leave this field empty',
    rateLimited:
      'Your complaint has not been sent yet: too many messages arrived at once. What you filled in has been kept. Wait a few minutes and try again.',
    notSent:
      'Your complaint has not been sent yet. What you filled in has been kept. Please check it and send it again.',
    recap: 'What we received',
    subject: 'Subject',
    privacy: 'We only use your details to handle your complaint.',
    privacyLink: 'Read our privacy statement',
    submit: 'Send complaint',
    submitting: 'Sending…',
    retry: 'Try again',
    errorSummary: 'There is a problem',
    errorPrefix: 'Error:',
    need_name: 'Enter your name.',
    need_initials: 'Enter your initials.',
    need_address: 'Enter your address.',
    need_phone: 'Enter your phone number.',
    need_email: 'Enter your email address.',
    needOther_name: 'Enter the name of the person you are complaining for.',
    needOther_initials: 'Enter the initials of the person you are complaining for.',
    needOther_address: 'Enter the address of the person you are complaining for.',
    needOther_phone: 'Enter the phone number of the person you are complaining for.',
    needOther_email: 'Enter the email address of the person you are complaining for.',
    need_category: 'Choose what your complaint is about.',
    need_description: 'Describe your complaint.',
    need_desiredSolution: 'Write down what solution you would like.',
    fieldEmail: 'Enter a valid email address, such as name@example.com.',
    fieldPhone: 'Enter a valid phone number, such as +31 6 12345678.',
    fieldTooLong: '{label}: use at most {max} characters.',
    networkFailed:
      'Your complaint has not been sent yet: there was no connection. What you filled in has been kept. Please try again.',
    serverFailed:
      'Your complaint has not been sent yet: something went wrong on our side. What you filled in has been kept. Please try again later.',
    receivedTitle: 'Your complaint has been received',
    yourNumber: 'Your complaint number is',
    receivedOn: 'Received on',
    deadlines: 'When will you hear from us?',
    dueBy: 'by',
    whatNext: 'What happens next?',
    whatNextText:
      'We register your complaint and a member of staff will contact you. Please mention your complaint number when you contact us.',
    trackingLink: 'Follow your complaint online',
    trackingText:
      'This personal link shows how your complaint is going. Keep it and do not share it with others.',
    trackingMailed: 'We also send the link to {email}.',
  },
} as const;

export type MessageKey = keyof (typeof MESSAGES)['nl'];

/** Looks a message up and fills in its `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: WidgetLocale): Translate {
  return (key, params = {}) =>
    MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** "PDF, JPEG of PNG" / "PDF, JPEG or PNG". */
export function formatList(items: string[], locale: WidgetLocale): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
}

/** A file size as people read it: "820 kB", "4,5 MB" (in 1024s, as file managers count). */
export function formatBytes(bytes: number, locale: WidgetLocale): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(Math.max(bytes / (mb ? 1024 * 1024 : 1024), mb ? 0 : 1));
}

/**
 * A date in full, "woensdag 9 december 2026": of a `YYYY-MM-DD` date as it is, of an instant
 * as the day it was in Amsterdam (the service's dates are Amsterdam dates).
 */
export function formatDate(dateOrInstant: string, locale: WidgetLocale): string {
  const instant = dateOrInstant.length > 10;
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: instant ? 'Europe/Amsterdam' : 'UTC',
  }).format(new Date(instant ? dateOrInstant : `${dateOrInstant}T12:00:00Z`));
}
