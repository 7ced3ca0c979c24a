export type WidgetLocale = 'nl' | 'en';

/** Every text the widget shows, in plain Dutch (formal "u") and English. */
export const MESSAGES = {
  nl: {
    loading: 'Het formulier wordt geladen…',
    loadFailed: 'Het klachtenformulier kon niet worden geladen. Probeer het later opnieuw.',
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
    fieldRequired: 'Vul dit veld in.',
    fieldEmail: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
    fieldPhone: 'Vul een geldig telefoonnummer in, zoals 06 12345678.',
    fieldTooLong: 'Dit is te lang.',
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
    tracking:
      'Met deze persoonlijke link kunt u uw klacht volgen. Bewaar hem goed en deel hem niet:',
  },
  en: {
    loading: 'Loading the form…',
    loadFailed: 'The complaint form could not be loaded. Please try again later.',
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
    fieldRequired: 'Please fill in this field.',
    fieldEmail: 'Enter a valid email address, such as name@example.com.',
    fieldPhone: 'Enter a valid phone number, such as +31 6 12345678.',
    fieldTooLong: 'This is too long.',
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
    tracking:
      'You can follow your complaint with this personal link. Keep it safe and do not share it:',
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

export function formatDate(isoDate: string, locale: WidgetLocale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}
