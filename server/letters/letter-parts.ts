import { amsterdamDate, formatLongDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { MessageParts } from '../mail/templates';
import type { LetterDocument } from './letter-document';

/**
 * A letter as it is kept with its message: the document without the enclosures' bytes (they
 * are the case file's documents, named by id) and with the link mark where the link goes.
 */
export type KeptLetter = Omit<LetterDocument, 'enclosures'> & {
  enclosures: { title: string; attachmentId?: string }[];
};

const LABELS = {
  nl: {
    reference: 'Ons kenmerk',
    yours: 'Uw klacht van',
    handledBy: 'Behandeld door',
    byEmail: 'Verstuurd per e-mail aan',
  },
  en: {
    reference: 'Our reference',
    yours: 'Your complaint of',
    handledBy: 'Handled by',
    byEmail: 'Sent by e-mail to',
  },
} as const;

/** Postal address lines from what was typed: one per line, or per comma on one line. */
export function addressLines(address: string | null): string[] {
  if (!address) return [];
  const lines = address.includes('\n') ? address.split('\n') : address.split(',');
  return lines
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 6);
}

/** The town of a Dutch address's last line ("3511 AB  Utrecht" → "Utrecht"), if it has one. */
export function placeOf(address: string[]): string | null {
  const last = address.at(-1) ?? '';
  const match = /^\d{4}\s?[A-Za-z]{2}\s+(.+)$/.exec(last.trim());
  return match?.[1]?.trim() || null;
}

export interface LetterInputs {
  locale: Locale;
  tenantName: string;
  procedure: Procedure;
  number: string;
  receivedDate: string;
  recipient: { name: string | null; address: string | null };
  /** For the copy of an e-mail: the address it went to (a letter's window never shows it). */
  emailedTo?: string | null;
  /** The staff member who took the step, who signs. */
  signedBy?: { name: string; role?: string };
  madeAt: Date;
  enclosures?: { title: string; attachmentId?: string }[];
}

/** The letter of a message, from its parts as written and what the procedure says now. */
export function keptLetter(subject: string, parts: MessageParts, inputs: LetterInputs): KeptLetter {
  const head = inputs.procedure.letterhead;
  const organisation = inputs.procedure.notifications?.senderName ?? inputs.tenantName;
  const address = head?.address ?? [];
  const labels = LABELS[inputs.locale];
  return {
    locale: inputs.locale,
    title: subject,
    sender: {
      name: organisation,
      address,
      ...(head?.phone ? { phone: head.phone } : {}),
      ...(head?.email ? { email: head.email } : {}),
      ...(head?.website ? { website: head.website } : {}),
    },
    recipient: {
      name: inputs.recipient.name ?? '',
      address: addressLines(inputs.recipient.address),
    },
    place: placeOf(address),
    date: formatLongDate(amsterdamDate(inputs.madeAt), inputs.locale),
    references: [
      { label: labels.reference, value: inputs.number },
      { label: labels.yours, value: formatLongDate(inputs.receivedDate, inputs.locale) },
      ...(inputs.signedBy ? [{ label: labels.handledBy, value: inputs.signedBy.name }] : []),
      ...(inputs.emailedTo ? [{ label: labels.byEmail, value: inputs.emailedTo }] : []),
    ],
    subject,
    salutation:
      parts.salutation ??
      (inputs.locale === 'nl' ? 'Geachte heer of mevrouw,' : 'Dear Sir or Madam,'),
    paragraphs: parts.paragraphs,
    closing: parts.closing,
    signature: {
      name: inputs.signedBy?.name ?? organisation,
      ...(inputs.signedBy?.role ? { role: inputs.signedBy.role } : {}),
      organisation,
    },
    enclosures: inputs.enclosures ?? [],
    madeAt: inputs.madeAt.toISOString(),
  };
}
