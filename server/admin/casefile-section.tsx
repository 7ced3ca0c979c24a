import type { FC } from 'hono/jsx';
import { DECLINE_GROUND_LABELS, WAIVE_GROUND_LABELS } from '../../shared/statutory';
import { pdfPath } from '../casefile/casefile-routes';
import type { loadView } from '../complaints/complaint-view';
import {
  actorLabel,
  formatDate,
  formatMoment,
  messageKindLabel,
  OUTBOX_STATUS_LABELS,
} from './labels';
import { WideTable } from './wide-table';

type View = Awaited<ReturnType<typeof loadView>>;

const SOURCE_LABELS = {
  intake: 'Bij de klacht',
  step: 'Bij een stap',
  note: 'Bij een interne notitie',
} as const;

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} kB`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/**
 * The case file (dossier) of a complaint: its correspondence (each message as a PDF letter), its
 * documents and its internal notes. Notes and documents are for staff only.
 */
export const CaseFile: FC<{ slug: string; view: View }> = ({ slug, view }) => {
  const apiBase = `/v1/tenants/${slug}/complaints/${view.number}`;
  const notes = view.events.filter((e) => e.type === 'noteAdded');
  return (
    <>
      <h2 id="dossier">Dossier</h2>
      <h3>Correspondentie</h3>
      {view.correspondence.length === 0 ? (
        <p>Nog geen berichten.</p>
      ) : (
        <WideTable caption="Berichten bij deze klacht">
          <thead>
            <tr>
              <th scope="col">Aangemaakt</th>
              <th scope="col">Bericht</th>
              <th scope="col">Hoe</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {view.correspondence.map((m) => (
              <tr>
                <td>{formatMoment(m.createdAt)}</td>
                <td>
                  <a href={pdfPath(slug, view.number, m.id)}>{messageKindLabel(m.kind)} (PDF)</a>
                </td>
                <td>{m.channel === 'letter' ? 'Per post' : 'Per e-mail'}</td>
                <td>
                  {OUTBOX_STATUS_LABELS[m.status] ?? m.status}
                  {m.postedAt ? ` op ${formatMoment(m.postedAt)}` : ''}
                  {!m.postedAt && m.sentAt ? ` op ${formatMoment(m.sentAt)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </WideTable>
      )}
      <h3>Documenten</h3>
      {view.attachments.length === 0 ? (
        <p>Geen documenten.</p>
      ) : (
        <ul>
          {view.attachments.map((a) => (
            <li>
              <a href={`${apiBase}/attachments/${a.id}`}>{a.name ?? 'bestand'}</a> ({size(a.size)},{' '}
              {SOURCE_LABELS[a.source].toLowerCase()}
              {a.eventSeq ? `, stap ${a.eventSeq}` : ''}, {formatMoment(a.addedAt)})
            </li>
          ))}
        </ul>
      )}
      <Hearings view={view} />
      <h3>Interne notities</h3>
      <p class="hint">Alleen voor medewerkers: niet op de volgpagina en nooit in een bericht.</p>
      {notes.length === 0 ? (
        <p>Geen notities.</p>
      ) : (
        <ul>
          {notes.map((n) => (
            <li>
              <strong>{formatMoment(n.at)}</strong>, {actorLabel(n.actor)}:{' '}
              <span class="text">{String((n.data as { note?: string }).note ?? '')}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

const RECORDS: Record<string, string> = {
  hearingHeld: 'Verslag van het horen',
  hearingWaived: 'Afgezien van horen',
  adviceGiven: 'Advies van de klachtencommissie',
  declined: 'Niet in behandeling genomen',
};

/** The hearing's report, a waived hearing, the committee's advice and a decision not to handle. */
const Hearings: FC<{ view: View }> = ({ view }) => {
  const records = view.events.filter((e) => e.type in RECORDS);
  if (records.length === 0) return null;
  const field = (e: View['events'][number], name: string) => {
    const value = (e.data as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : '';
  };
  const ground = (e: View['events'][number]) => {
    const labels: Record<string, { nl: string }> =
      e.type === 'declined' ? DECLINE_GROUND_LABELS : WAIVE_GROUND_LABELS;
    return labels[field(e, 'ground')]?.nl;
  };
  return (
    <>
      <h3>Horen, advies en besluiten</h3>
      <ul>
        {records.map((e) => (
          <li>
            <strong>{RECORDS[e.type]}</strong>, {formatMoment(e.at)}, {actorLabel(e.actor)}
            {field(e, 'heldOn') ? ` (gehoord op ${formatDate(field(e, 'heldOn'))})` : ''}
            {field(e, 'advisedOn') ? ` (advies van ${formatDate(field(e, 'advisedOn'))})` : ''}
            {ground(e) ? <p>Grond: {ground(e)}</p> : null}
            {field(e, 'attendees') ? <p>Aanwezig: {field(e, 'attendees')}</p> : null}
            {field(e, 'classification') ? (
              <p>Geadviseerd oordeel: {field(e, 'classification')}</p>
            ) : null}
            {['report', 'advice', 'reason']
              .map((name) => field(e, name))
              .filter(Boolean)
              .map((text) => (
                <p class="text">{text}</p>
              ))}
          </li>
        ))}
      </ul>
    </>
  );
};
