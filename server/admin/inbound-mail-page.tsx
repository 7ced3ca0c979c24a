import { eq } from 'drizzle-orm';
import { inboundAddresses } from '../db/schema';
import type { AppDeps } from '../deps';
import { QUARANTINE_LIMIT } from '../inbound/limits';
import { listSetAside, type QuarantineReason } from '../inbound/quarantine';
import { type AdminContext, base } from './admin-context';
import { formatMoment } from './labels';
import { Csrf, staffPage } from './layout';
import { WideTable } from './wide-table';

const REASONS: Record<QuarantineReason, string> = {
  too_large: 'Te groot om in te lezen',
  too_complex: 'Te veel delen, te diep genest of te veel kopregels om in te lezen',
  unreadable: 'Onleesbaar',
  no_sender: 'Geen afzender',
  automatic: 'Automatisch bericht (afwezigheidsmelding, onbestelbaar, lijst)',
  empty: 'Geen onderwerp en geen tekst',
  too_long: 'Tekst langer dan een klacht mag zijn',
  attachments: 'Bijlage niet toegestaan of te groot',
  invalid: 'Gegevens niet geldig',
  address_unconfirmed:
    'Het klachtadres is nog niet bevestigd: er worden nog geen klachten van e-mail gemaakt',
  rate_limited:
    'Meer nieuwe klachten per e-mail dan toegestaan (van deze afzender, dit domein, deze server of in totaal)',
};

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * E-mail to the complaint address that could not be taken in: kept whole for staff, who read
 * it (as an .eml file), register it by hand if it is a complaint, and then discard it.
 */
export async function inboundMailPage(c: AdminContext, deps: AppDeps, notice?: string) {
  const rows = await listSetAside(deps.db, c.get('tenant').id);
  const claim = await deps.db.query.inboundAddresses.findFirst({
    where: eq(inboundAddresses.tenantId, c.get('tenant').id),
  });
  const body = (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {claim ? (
        <p>
          Klachtadres: {claim.address}.{' '}
          {claim.confirmedAt
            ? `Bevestigd op ${formatMoment(claim.confirmedAt)}.`
            : 'Nog niet bevestigd: er is een bevestigingsbericht naar dit adres gestuurd. Zodra dat bericht via uw doorsturing weer bij de klachtenregeling binnenkomt, is het adres bevestigd. Tot dan worden van e-mail geen klachten gemaakt.'}
        </p>
      ) : null}
      <p>
        Berichten aan het klachtadres die niet als klacht of als reactie konden worden ingelezen. Ze
        blijven hier bewaard tot u ze verwijdert (hooguit {QUARANTINE_LIMIT.messages} berichten;
        daarna worden nieuwe teruggestuurd naar de afzender). Is het een klacht? Registreer haar dan
        via <a href={`${base(c)}/complaints/new`}>Klacht registreren</a>, met kanaal e-mail.
      </p>
      {rows.length === 0 ? (
        <p>Er staan geen berichten apart.</p>
      ) : (
        <WideTable caption="Apart gezette e-mail">
          <thead>
            <tr>
              <th scope="col">Ontvangen</th>
              <th scope="col">Van</th>
              <th scope="col">Onderwerp</th>
              <th scope="col">Reden</th>
              <th scope="col">Klacht</th>
              <th scope="col" class="num">
                Grootte
              </th>
              <th scope="col">Bericht</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{formatMoment(r.receivedAt)}</td>
                <td>{r.from ?? '—'}</td>
                <td class="text">{r.subject || '—'}</td>
                <td>
                  {REASONS[r.reason as QuarantineReason] ?? r.reason}
                  {r.detail ? ` (${r.detail})` : ''}
                </td>
                <td>
                  {r.complaintNumber ? (
                    <a href={`${base(c)}/complaints/${r.complaintNumber}`}>{r.complaintNumber}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td class="num">{kilobytes(r.size)}</td>
                <td>
                  <a href={`${base(c)}/inbound-mail/${r.id}/message`}>Downloaden (.eml)</a>
                  <form method="post" action={`${base(c)}/inbound-mail/${r.id}/discard`}>
                    <Csrf token={c.get('csrf')} />
                    <button type="submit">Verwijderen</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </WideTable>
      )}
    </>
  );
  return staffPage(c, 'Apart gezette e-mail', 'inbound-mail', body);
}
