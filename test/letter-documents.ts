import type { LetterDocument } from '../server/letters/letter-document';

/** A decision letter of a municipality, as the lead's step code makes them: the tests' letter. */
export function decisionLetter(over: Partial<LetterDocument> = {}): LetterDocument {
  return {
    locale: 'nl',
    title: 'Beslissing op uw klacht 2026-0042',
    sender: {
      name: 'Gemeente Voorbeeld',
      address: ['Postbus 123', '3500 AA Utrecht'],
      phone: '030 123 45 67',
      email: 'klachten@voorbeeld.nl',
      website: 'www.voorbeeld.nl',
    },
    recipient: { name: 'Ömer Kılıç', address: ['Lange Nieuwstraat 12 bis', '3512 PH Utrecht'] },
    place: 'Utrecht',
    date: '14 december 2026',
    references: [
      { label: 'Ons kenmerk', value: '2026-0042' },
      { label: 'Uw brief van', value: '3 december 2026' },
      { label: 'Behandeld door', value: 'A. de Vries, klachtencoördinator' },
    ],
    subject: 'Beslissing op uw klacht over de afhandeling van uw aanvraag',
    salutation: 'Geachte heer Kılıç,',
    paragraphs: [
      'Op 3 december 2026 hebben wij uw klacht ontvangen over de manier waarop wij uw aanvraag voor een parkeervergunning hebben afgehandeld. In deze brief leest u wat wij hebben onderzocht en wat wij hebben besloten.',
      'Wat wij hebben gevonden\nU schreef dat u drie keer bent teruggebeld zonder dat iemand uw vraag kon beantwoorden. Dat klopt: onze medewerkers hadden niet de juiste informatie.',
      'Ons oordeel: uw klacht is gegrond.\nUiterlijk ma 9 nov 2026.\n- Afhandeling binnen zes weken\n- Een vaste contactpersoon',
      'Bent u het niet eens met deze beslissing? Dan kunt u binnen een jaar terecht bij de Nationale ombudsman (www.nationaleombudsman.nl, telefoon 0800 33 55 555).',
    ],
    closing: 'Met vriendelijke groet,',
    signature: {
      name: 'A. de Vries',
      role: 'Klachtencoördinator',
      organisation: 'Gemeente Voorbeeld',
    },
    enclosures: [],
    madeAt: '2026-12-14T10:15:00.000Z',
    ...over,
  };
}
