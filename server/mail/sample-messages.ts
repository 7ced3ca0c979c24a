import { addDays, computeDueDates, type IsoDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import { MESSAGE_KIND_NAMES, type MessageKind } from '../../shared/message-kinds';
import type { Procedure } from '../../shared/procedure';
import { calendarOf } from '../tenants/derived';
import { type RenderedMessage, renderMessage } from './templates';

/** What each message is written about in a preview: made up, but shaped like the real thing. */
const SAMPLE_TEXT: Record<Locale, Record<string, string>> = {
  nl: {
    description: 'Mijn factuur van maart klopt niet: er staat twee keer hetzelfde bedrag op.',
    summary: 'Wij hebben de factuur nagekeken en het dubbele bedrag gecrediteerd.',
    measures: 'Facturen worden voortaan voor verzending door een tweede collega gecontroleerd.',
    message: 'Wij kijken uw factuur na en nemen deze week contact met u op.',
    reason: 'Wij wachten op informatie van onze leverancier.',
    proposedSolution: 'Wij crediteren het dubbele bedrag op uw volgende factuur.',
    decision: 'De voorzitter heeft uw beroep bekeken en is het met u eens.',
    place: 'Ons kantoor, Stationsplein 1, kamer 2.14',
  },
  en: {
    description: 'My March invoice is wrong: it shows the same amount twice.',
    summary: 'We checked the invoice and credited the double amount.',
    measures: 'From now on a second colleague checks invoices before they are sent.',
    message: 'We are checking your invoice and will contact you this week.',
    reason: 'We are waiting for information from our supplier.',
    proposedSolution: 'We will credit the double amount on your next invoice.',
    decision: 'The chair reviewed your appeal and agrees with you.',
    place: 'Our office, Stationsplein 1, room 2.14',
  },
};

const APPEAL_KINDS: readonly MessageKind[] = ['appealFiled', 'appealDecision'];

/**
 * Each complainant message the procedure can send, as it writes it (its own wording or the built-in text),
 * about a sample complaint received today: what the settings page shows before a tenant saves.
 */
export function sampleMessages(
  procedure: Procedure,
  tenantName: string,
  locale: Locale,
  today: IsoDate,
): { kind: MessageKind; message: RenderedMessage }[] {
  const text = SAMPLE_TEXT[locale];
  const due = computeDueDates(procedure.terms, { received: today }, calendarOf(procedure));
  const deadlines = Object.entries(due).map(([term, detail]) => ({
    term,
    dueDate: detail.date,
    detail,
  }));
  const postponable = Object.keys(procedure.terms).find((t) => procedure.terms[t]?.postponable);
  // Without an appeal, nobody can file one: those two messages are never sent.
  const kinds = procedure.appeal.enabled
    ? MESSAGE_KIND_NAMES
    : MESSAGE_KIND_NAMES.filter((kind) => !APPEAL_KINDS.includes(kind));
  return kinds.map((kind) => ({
    kind,
    message: renderMessage({
      kind,
      locale,
      tenantName,
      procedure,
      number: `${today.slice(0, 4)}-0001`,
      complaint: {
        description: text.description ?? '',
        handler: null,
        complainantName: 'J. de Vries',
        receivedDate: today,
        summary: text.summary ?? null,
        classification: procedure.classifications[0]?.id ?? null,
        remedy: procedure.remedies[0]?.id ?? null,
        preventiveMeasures: text.measures ?? null,
        measuresEffectiveOn: addDays(today, 14),
        openProposalOn: procedure.appeal.enabled ? today : null,
      },
      deadlines,
      eventText: text,
      eventData: {
        weeks: 4,
        term: postponable,
        upheld: true,
        ground: 'handledBefore',
        on: addDays(today, 10),
        time: '10:00',
        mode: 'inPerson',
      },
      trackingUrl: 'https://klachten.example/t/voorbeeld',
      today,
    }),
  }));
}
