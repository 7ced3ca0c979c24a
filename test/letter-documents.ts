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

/**
 * A 40 × 20 image, red on the left, blue on the right, a green mark in its top-left corner (so a
 * test can tell which way it was turned), as Chromium encodes it.
 */
export const JPEG_40X20 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAA' +
    'AABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAA' +
    'ABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAA' +
    'AAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAA' +
    'AAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAA' +
    'AABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYF' +
    'BAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMK' +
    'ChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAUACgDASIAAhEB' +
    'AxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAHBABAAEEAwAAAAAAAAAAAAAAAAYVRILBZKLh/8QAFgEBAQEAAAAAAAAA' +
    'AAAAAAAABgcI/8QAIxEAAQEIAgMBAAAAAAAAAAAAAAIBAwUGETWCshIyFCExUf/aAAwDAQACEQMRAD8AwFc4/fxFAVQ7Sjqw' +
    'rkJl+Hwbn4LvhzpX2ptaVp2a39b8Isit8tIyzIrfLSMvEm2ZzluomU2XZ9jqkAE4dNmAzGaIIsit8tIwLrJtmc5bqIzNl2fY' +
    '6pABOHT/2Q==',
  'base64',
);
export const PNG_40X20 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAYAAAD/Rn+7AAAAUUlEQVR4AeySwQkAIAwDQ4d0SGfpTtUJCnI+RFLIM7RcLzRV' +
    'XVKqk0hZNxN6fHwgfVDk2MY0oQto3y82QUqA9u2gCVICtG8HTZASoH07+D3BBQAA//9kCTc2AAAABklEQVQDAP27T+GriTXB' +
    'AAAAAElFTkSuQmCC',
  'base64',
);

/** The JPEG with an EXIF Orientation tag (an APP1 segment after SOI), as a phone writes it. */
export function withOrientation(jpeg: Uint8Array, orientation: number, littleEndian = false) {
  const tiff = Buffer.alloc(26);
  tiff.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  const u16 = (v: number, at: number) =>
    littleEndian ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at);
  const u32 = (v: number, at: number) =>
    littleEndian ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at);
  u16(42, 2);
  u32(8, 4);
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14);
  u16(orientation, 18);
  u32(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]));
}
