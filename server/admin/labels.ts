/** The admin view's Dutch words for the codes the register stores. */
import type { Action, Status } from '../../shared/lifecycle';
import type { StaffRole } from '../staff/roles';

export const STATUS_LABELS: Record<Status, string> = {
  received: 'Ontvangen',
  acknowledged: 'Ontvangst bevestigd',
  forwarded: 'Doorgestuurd',
  inProgress: 'In behandeling',
  solutionProposed: 'Oplossing voorgesteld',
  appealFiled: 'Beroep ingesteld',
  appealDecided: 'Beroep beslist',
  closed: 'Gesloten',
};

export const CHANNEL_LABELS: Record<string, string> = {
  web: 'Webformulier',
  email: 'E-mail',
  phone: 'Telefoon',
  letter: 'Brief',
  social: 'Sociale media',
  inPerson: 'Persoonlijk',
};

export const ACTION_LABELS: Record<Action, string> = {
  acknowledge: 'Ontvangst bevestigen',
  'record-acknowledgement': 'Ontvangstbevestiging vastleggen',
  forward: 'Doorsturen naar een behandelaar',
  respond: 'Reageren aan de melder',
  postpone: 'Termijn verdagen',
  decline: 'Klacht niet in behandeling nemen (art. 9:8 Awb)',
  'invite-hearing': 'Melder uitnodigen om te worden gehoord',
  'record-hearing': 'Verslag van het horen vastleggen',
  'waive-hearing': 'Afzien van horen vastleggen (art. 9:10 lid 2 Awb)',
  'record-advice': 'Advies van de klachtencommissie vastleggen',
  'propose-solution': 'Oplossing voorstellen',
  'accept-solution': 'Akkoord van de melder met de oplossing vastleggen',
  'file-appeal': 'Beroep registreren (per brief of telefoon ontvangen)',
  'decide-appeal': 'Beslissen op het beroep',
  close: 'Klacht sluiten',
  reopen: 'Klacht heropenen',
  'record-satisfaction': 'Tevredenheid van de melder vastleggen',
  'request-erasure': 'Verzoek tot verwijdering vastleggen',
  update: 'Registratie bijwerken',
  'add-note': 'Interne notitie toevoegen',
};

export const EVENT_LABELS: Record<string, string> = {
  received: 'Klacht ontvangen',
  acknowledged: 'Ontvangst bevestigd',
  forwarded: 'Doorgestuurd naar behandelaar',
  responded: 'Gereageerd aan de melder',
  postponed: 'Termijn verdaagd',
  solutionProposed: 'Oplossing voorgesteld',
  appealFiled: 'Beroep ingesteld',
  appealDecided: 'Beslist op beroep',
  closed: 'Klacht gesloten',
  reopened: 'Klacht heropend',
  satisfaction: 'Tevredenheid vastgelegd',
  updated: 'Registratie bijgewerkt',
  solutionAccepted: 'Melder akkoord met de oplossing',
  erasureRequested: 'Verzoek tot verwijdering',
  erased: 'Persoonsgegevens verwijderd',
  replyReceived: 'Reactie van de melder per e-mail',
  noteAdded: 'Interne notitie',
  declined: 'Niet in behandeling genomen',
  hearingInvited: 'Uitgenodigd om te worden gehoord',
  hearingHeld: 'Gehoord',
  hearingWaived: 'Afgezien van horen',
  adviceGiven: 'Advies klachtencommissie',
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  receiver: 'Ontvanger',
  handler: 'Behandelaar',
  appealBody: 'Beroepsinstantie (directeur of voorzitter)',
  admin: 'Beheerder',
};

export const FIELD_LABELS: Record<string, string> = {
  handler: 'Behandelaar',
  handlerEmail: 'E-mailadres behandelaar',
  message: 'Bericht',
  reason: 'Reden',
  weeks: 'Aantal weken',
  term: 'Termijn',
  announcedOn: 'Aan de melder gemeld op',
  proposedSolution: 'Voorgestelde oplossing',
  cause: 'Oorzaak',
  remedy: 'Maatregel',
  grounds: 'Gronden van het beroep',
  decision: 'Beslissing',
  upheld: 'Beroep gegrond',
  classification: 'Classificatie',
  admissible: 'Ontvankelijk',
  satisfied: 'Melder tevreden',
  comment: 'Toelichting',
  category: 'Categorie',
  channel: 'Kanaal',
  receivedAt: 'Ontvangen op',
  receiverName: 'Ontvangen door',
  subject: 'Over wie gaat de klacht',
  summary: 'Samenvatting van de afhandeling',
  preventiveMeasures: 'Maatregelen tegen herhaling',
  measuresEffectiveOn: 'Maatregelen gaan in op',
  note: 'Notitie',
  consent: 'Instemming van de melder',
  consentGivenOn: 'Schriftelijke instemming van de melder op',
  consentHow: 'Instemming gegeven',
  ground: 'Grond',
  on: 'Datum',
  time: 'Tijd',
  mode: 'Hoe',
  place: 'Plaats of hoe te bellen',
  heldOn: 'Gehoord op',
  attendees: 'Aanwezig',
  report: 'Verslag',
  advisedOn: 'Advies gegeven op',
  advice: 'Advies',
  deviationReason: 'Reden om af te wijken van het advies',
  eventSeq: 'Gebeurtenis',
  from: 'Van',
  text: 'Tekst',
  attachments: 'Bijlagen',
};

export const OUTBOX_STATUS_LABELS: Record<string, string> = {
  held: 'Vastgehouden',
  pending: 'Wacht op verzending',
  sent: 'Verzonden',
  failed: 'Mislukt',
  cancelled: 'Geannuleerd',
  sending: 'Wordt verzonden',
  print: 'Te printen en te posten',
  posted: 'Gepost',
};

/** What each message is, as the case file and the post book name it. */
export const MESSAGE_KIND_LABELS: Record<string, string> = {
  acknowledgement: 'Ontvangstbevestiging',
  forwarded: 'Toewijzing aan behandelaar',
  response: 'Reactie',
  postponement: 'Verdaging',
  solutionProposed: 'Voorgestelde oplossing',
  appealNotice: 'Beroep (aan de beroepsinstantie)',
  appealFiled: 'Bevestiging van het beroep',
  appealDecision: 'Uitspraak op het beroep',
  closing: 'Afhandelingsbrief',
  declined: 'Bericht: klacht niet in behandeling',
  hearingInvitation: 'Uitnodiging om te worden gehoord',
  reminder: 'Herinnering',
  overdue: 'Termijn verstreken',
};

export function messageKindLabel(kind: string): string {
  if (kind.startsWith('staff:')) return `Melding aan medewerkers (${kind.slice(6)})`;
  return MESSAGE_KIND_LABELS[kind] ?? kind;
}

export const UNIT_LABELS: Record<string, string> = {
  workingDays: 'werkdagen',
  calendarDays: 'kalenderdagen',
  weeks: 'weken',
};

export function actorLabel(actor: string): string {
  if (actor === 'complainant') return 'Melder';
  if (actor.startsWith('staff:')) return actor.slice(6);
  if (actor.startsWith('apiKey:')) return `API-sleutel (${actor.slice(7)})`;
  return actor;
}

export function yesNo(value: unknown): string {
  if (value === true) return 'ja';
  if (value === false) return 'nee';
  return 'onbekend';
}

const AMSTERDAM = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const momentFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: AMSTERDAM,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2027-01-04` → "ma 4 januari 2027" (an Amsterdam date, shown as is). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  return dateFormat.format(new Date(`${date}T12:00:00Z`));
}

/** An instant, in Amsterdam time. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return '—';
  return momentFormat.format(new Date(iso));
}

/**
 * A `datetime-local` value (Amsterdam wall-clock time) as an ISO instant with its offset; the
 * offset is read from Intl for that moment, so summer and winter time both come out right.
 */
export function amsterdamLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = new Date(`${local}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  const offsetAt = (at: Date) => {
    const name = new Intl.DateTimeFormat('en-US', {
      timeZone: AMSTERDAM,
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const match = name?.match(/GMT([+-])(\d{2}):(\d{2})/);
    if (!match) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  };
  const offset = offsetAt(new Date(asUtc.getTime() - offsetAt(asUtc) * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}:00${sign}${hh}:${mm}`;
}

/** `jan@example.nl` → `j***@example.nl`: enough to recognise, not to copy. */
export function maskAddress(address: string | null): string {
  if (!address) return '—';
  const at = address.indexOf('@');
  if (at < 1) return `${address.slice(0, 1)}***`;
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
