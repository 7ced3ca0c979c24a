import type { Locale } from '../../shared/localised';

/** Every error code the API returns, with its message in each language. */
export const ERROR_MESSAGES = {
  bad_request: {
    nl: 'Het verzoek kon niet worden gelezen. Stuur geldige JSON.',
    en: 'The request could not be read. Send valid JSON.',
  },
  unauthorized: {
    nl: 'Geen geldige sleutel meegestuurd.',
    en: 'Missing or unknown credentials.',
  },
  not_found: { nl: 'Niet gevonden.', en: 'Not found.' },
  method_not_allowed: { nl: 'Deze methode is hier niet toegestaan.', en: 'Method not allowed.' },
  slug_taken: {
    nl: 'Er bestaat al een organisatie met deze naam in de adresregel (slug).',
    en: 'A tenant with this slug already exists.',
  },
  validation_failed: {
    nl: 'Niet alle velden zijn goed ingevuld.',
    en: 'Some fields are not filled in correctly.',
  },
  idempotency_key_reused: {
    nl: 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  transition_not_allowed: {
    nl: 'Deze stap kan niet bij de huidige status van de klacht.',
    en: "This step is not possible in the complaint's current status.",
  },
  appeal_not_available: {
    nl: 'Deze klachtenregeling kent geen beroep.',
    en: 'This complaint procedure has no appeal.',
  },
  appeal_window_closed: {
    nl: 'De termijn om in beroep te gaan is verstreken.',
    en: 'The period for filing an appeal has ended.',
  },
  not_postponable: {
    nl: 'Er is geen termijn die nog kan worden verdaagd.',
    en: 'There is no term that can still be postponed.',
  },
  advice_required: {
    nl: 'Deze klachtenregeling kent een klachtencommissie: leg eerst haar advies vast, daarna kan de klacht worden afgehandeld.',
    en: 'This procedure has a complaints committee: record its advice first, then the complaint can be decided.',
  },
  concurrent_change: {
    nl: 'De klacht is intussen door iemand anders gewijzigd. Laad haar opnieuw en probeer het nog eens.',
    en: 'Someone else changed the complaint in the meantime. Reload it and try again.',
  },
  rate_limited: {
    nl: 'U heeft kort na elkaar veel verzoeken gestuurd. Wacht even en probeer het dan opnieuw.',
    en: 'You sent many requests in a short time. Please wait a moment and try again.',
  },
  not_sent: {
    nl: 'Uw klacht is niet verstuurd. Controleer het formulier en verstuur het opnieuw.',
    en: 'Your complaint was not sent. Please check the form and send it again.',
  },
  challenge_failed: {
    nl: 'We konden niet vaststellen dat u geen computerprogramma bent. Probeer het opnieuw; wat u heeft ingevuld, blijft bewaard.',
    en: 'We could not confirm that you are not a program. Please try again; what you filled in is kept.',
  },
  not_a_letter_to_post: {
    nl: 'Dit bericht is geen brief die nog op de post moet.',
    en: 'This message is not a letter waiting to be posted.',
  },
  payload_too_large: { nl: 'Het verzoek is te groot.', en: 'The request is too large.' },
  letters_busy: {
    nl: 'Er worden nu veel brieven gemaakt. Probeer het over een paar seconden opnieuw.',
    en: 'Many letters are being made right now. Please try again in a few seconds.',
  },
  origin_not_allowed: {
    nl: 'Dit klachtenformulier mag niet worden gebruikt op de website waar het nu staat.',
    en: 'This complaint form may not be used on the website it is on now.',
  },
  forbidden: {
    nl: 'Uw rol staat deze handeling niet toe.',
    en: 'Your role does not allow this.',
  },
  email_taken: {
    nl: 'Er is al een medewerker met dit e-mailadres.',
    en: 'A staff member with this e-mail address already exists.',
  },
  name_taken: {
    nl: 'Er is al een medewerker met deze naam. Maak de naam herkenbaar anders, bijvoorbeeld met een voorletter of afdeling.',
    en: 'A staff member with this name already exists. Make the name distinct, for instance with an initial or a department.',
  },
  last_admin: {
    nl: 'Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.',
    en: 'This is the last active admin. Make someone else an admin first.',
  },
  too_many_keys: {
    nl: 'Er zijn al twee werkende API-sleutels. Trek er eerst een in.',
    en: 'There are already two live API keys. Revoke one first.',
  },
  last_key: {
    nl: 'Dit is de laatste werkende API-sleutel. Maak eerst een nieuwe.',
    en: 'This is the last live API key. Create a new one first.',
  },
  too_many_endpoints: {
    nl: 'Deze organisatie heeft het hoogste aantal webhook-adressen al bereikt. Verwijder er eerst een.',
    en: 'This organisation already has the most webhook endpoints allowed. Remove one first.',
  },
  unsupported_media_type: {
    nl: 'Dit soort inhoud (Content-Type) neemt deze route niet aan.',
    en: 'This route does not take a body of this media type (Content-Type).',
  },
  merge_patch_only: {
    nl: 'Stuur de wijziging als JSON Merge Patch (Content-Type: application/merge-patch+json).',
    en: 'Send the change as a JSON Merge Patch (Content-Type: application/merge-patch+json).',
  },
  procedure_changed: {
    nl: 'De klachtenregeling werd intussen steeds door iemand anders gewijzigd. Probeer het opnieuw.',
    en: 'Someone else kept changing the complaint procedure in the meantime. Please try again.',
  },
  mailbox_full: {
    nl: 'Er staan te veel apart gezette e-mailberichten klaar. Probeer het later opnieuw.',
    en: 'Too many e-mail messages are waiting for staff. Please try again later.',
  },
  internal: {
    nl: 'Er ging bij ons iets mis. Probeer het later opnieuw; er is niets verloren gegaan.',
    en: 'Something went wrong on our side. Please try again later; nothing was lost.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Field-level messages, used for 422 bodies. Plain language, formal "u" in Dutch. */
export const FIELD_MESSAGES = {
  required: { nl: 'Vul dit veld in.', en: 'Please fill in this field.' },
  wayToAnswer: {
    nl: 'Vul een e-mailadres of een postadres in, zodat de melder antwoord kan krijgen.',
    en: 'Fill in an e-mail address or a postal address, so the complainant can be answered.',
  },
  wayToAnswerOral: {
    nl: 'Vul een e-mailadres, een postadres of een telefoonnummer in, zodat de melder antwoord kan krijgen.',
    en: 'Fill in an e-mail address, a postal address or a phone number, so the complainant can be answered.',
  },
  tooLong: {
    nl: 'Gebruik maximaal {max} tekens.',
    en: 'Use at most {max} characters.',
  },
  tooShort: { nl: 'Gebruik minimaal {min} tekens.', en: 'Use at least {min} characters.' },
  tooSmall: { nl: 'Vul een getal van minimaal {min} in.', en: 'Enter a number of at least {min}.' },
  tooBig: { nl: 'Vul een getal van maximaal {max} in.', en: 'Enter a number of at most {max}.' },
  email: {
    nl: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
    en: 'Enter a valid e-mail address, such as name@example.com.',
  },
  phone: {
    nl: 'Vul een geldig telefoonnummer in, zoals 06 12345678.',
    en: 'Enter a valid phone number, such as +31 6 12345678.',
  },
  choice: { nl: 'Kies een van de opties.', en: 'Choose one of the options.' },
  datetime: {
    nl: 'Vul een tijdstip in als 2026-03-01T09:30:00+01:00.',
    en: 'Enter a moment such as 2026-03-01T09:30:00+01:00.',
  },
  date: { nl: 'Vul een datum in als 2026-03-01.', en: 'Enter a date such as 2026-03-01.' },
  url: { nl: 'Vul een geldig webadres in.', en: 'Enter a valid web address.' },
  type: { nl: 'Deze waarde heeft niet de juiste vorm.', en: 'This value has the wrong type.' },
  unknownKey: { nl: 'Dit veld bestaat niet.', en: 'This field is not recognised.' },
  mediaType: { nl: 'Stuur dit als {types}.', en: 'Send this as {types}.' },
  future: { nl: 'Dit tijdstip ligt in de toekomst.', en: 'This moment is in the future.' },
  unknownPlaceholder: {
    nl: 'De invulplek {placeholder} bestaat niet voor dit bericht.',
    en: 'The placeholder {placeholder} does not exist for this message.',
  },
  missingPlaceholder: {
    nl: 'Dit bericht moet {placeholder} bevatten.',
    en: 'This message must contain {placeholder}.',
  },
  messageTooLong: {
    nl: 'Met elke invulplek zo lang als die kan worden, wordt deze tekst {worst} tekens; er passen er {max}. Gebruik minder invulplekken of een kortere tekst.',
    en: 'With every placeholder at its longest, this text would have {worst} characters; {max} fit. Use fewer placeholders or a shorter text.',
  },
  oneLine: {
    nl: 'Een onderwerp is één regel: haal de regeleinden weg.',
    en: 'A subject is one line: remove the line breaks.',
  },
  answerable: {
    nl: 'Vul een e-mailadres of een postadres in, zodat wij de melder kunnen antwoorden (bij een telefonische of persoonlijke klacht mag dat ook een telefoonnummer zijn).',
    en: 'Enter an e-mail address or a postal address, so we can answer the complainant (for a complaint by phone or in person, a phone number will do).',
  },
  invalid: { nl: 'Deze waarde is niet geldig.', en: 'This value is not valid.' },
  reservedName: {
    nl: 'Deze naam is gereserveerd. Kies een andere naam, bijvoorbeeld met een woord ervoor.',
    en: 'This name is reserved. Choose another name, for instance with a word in front.',
  },
  unknownTerm: {
    nl: 'De klachtenregeling heeft geen termijn met deze naam.',
    en: 'The procedure has no term with this name.',
  },
  plainText: {
    nl: 'Dit veld bevat een onzichtbaar teken dat hier niet kan. Typ de tekst opnieuw of plak hem zonder opmaak.',
    en: 'This field contains an invisible character that is not allowed here. Type the text again or paste it without formatting.',
  },
  webhookUrl: {
    nl: 'Gebruik een openbaar https-adres, geen lokaal of intern adres.',
    en: 'Use a public https address, not a local or internal one.',
  },
  webhookPort: {
    nl: 'Gebruik een https-adres zonder poortnummer (of met poort 443).',
    en: 'Use an https address without a port number (or with port 443).',
  },
  addressTaken: {
    nl: 'Dit e-mailadres is al in gebruik bij een andere organisatie.',
    en: 'This e-mail address is already in use by another organisation.',
  },
  handlerAccountGiven: {
    nl: 'Laat dit leeg: de gekozen medewerker (handlerId) bepaalt naam en e-mailadres.',
    en: 'Leave this out: the chosen staff account (handlerId) sets the name and e-mail address.',
  },
  handlerAccount: {
    nl: 'Kies een actieve medewerker van deze organisatie die klachten mag behandelen.',
    en: 'Choose an active staff account of this organisation that may handle complaints.',
  },
  notSubject: {
    nl: 'De behandelaar mag niet degene zijn over wie de klacht gaat.',
    en: 'The handler may not be the person the complaint is about.',
  },
  notInFuture: {
    nl: 'Deze datum ligt in de toekomst.',
    en: 'This date is in the future.',
  },
  deviationReason: {
    nl: 'Het oordeel wijkt af van het advies van de klachtencommissie: geef de reden (art. 9:15 Awb).',
    en: "The judgement departs from the committee's advice: give the reason (Awb 9:15).",
  },
} satisfies Record<string, Record<Locale, string>>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export function fieldMessage(
  key: FieldMessageKey,
  locale: Locale,
  values: Record<string, string | number> = {},
): string {
  return FIELD_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
