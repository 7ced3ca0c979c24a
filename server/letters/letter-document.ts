import type { Locale } from '../../shared/localised';

/**
 * A letter as the organisation sends it on paper: everything a Dutch business letter for a
 * window envelope shows, already written out in the letter's language. Made once, when its step
 * is recorded, and kept: printing it again gives the same PDF, byte for byte.
 */
export interface LetterDocument {
  locale: Locale;
  /** The PDF's title ("Beslissing op uw klacht 2026-0001"). */
  title: string;
  /** The organisation: its name and postal address lines, and how to reach it. */
  sender: {
    name: string;
    address: string[];
    phone?: string;
    email?: string;
    website?: string;
  };
  /** Who it goes to, as the envelope's window shows it: a name and postal address lines. */
  recipient: { name: string; address: string[] };
  /** The place the letter is written in ("Utrecht"), when the organisation's address gives one. */
  place: string | null;
  /** The letter's date, written out ("14 december 2026"). */
  date: string;
  /** "Ons kenmerk", "Uw brief van", "Behandeld door": label and value, in this order. */
  references: { label: string; value: string }[];
  subject: string;
  /** "Geachte mevrouw Kılıç," */
  salutation: string;
  /** The text, one entry per paragraph; a line break inside a paragraph stays a line break. */
  paragraphs: string[];
  /** "Met vriendelijke groet," */
  closing: string;
  /** Who signs: the staff member who took the step (name, function) or the organisation. */
  signature: { name: string; role?: string; organisation: string };
  /**
   * What goes with the letter: listed under "Bijlage(n)", and where there is content (a PDF or an
   * image), added after the letter's own pages.
   */
  enclosures: {
    title: string;
    content?: { type: 'application/pdf' | 'image/png' | 'image/jpeg'; bytes: Uint8Array };
  }[];
  /** When the letter was made (ISO 8601): the PDF's dates, so the same letter is the same bytes. */
  madeAt: string;
}
