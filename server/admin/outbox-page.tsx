import { desc, eq, sql } from 'drizzle-orm';
import { complaints, outbox } from '../db/schema';
import type { AppDeps } from '../deps';
import { type AdminContext, base } from './admin-context';
import { formatMoment, maskAddress, messageKindLabel, OUTBOX_STATUS_LABELS } from './labels';
import { Csrf, staffPage } from './layout';
import { WideTable } from './wide-table';

const LIMIT = 200;

/** The outbox: what was (or will be) sent, its status, and why the last attempt failed. */
export async function outboxPage(c: AdminContext, deps: AppDeps, notice?: string) {
  const tenant = c.get('tenant');
  const rows = await deps.db
    .select({
      kind: outbox.kind,
      channel: outbox.channel,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
      recipient: outbox.pdRecipient,
      number: complaints.number,
    })
    .from(outbox)
    .leftJoin(complaints, eq(complaints.id, outbox.complaintId))
    .where(eq(outbox.tenantId, tenant.id))
    .orderBy(desc(outbox.createdAt), desc(sql`${outbox}.rowid`))
    .limit(LIMIT);
  const failed = rows.some((r) => r.status === 'failed');
  const body = (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {failed ? (
        <form method="post" action={`${base(c)}/outbox/retry`}>
          <Csrf token={c.get('csrf')} />
          <p>
            Is de oorzaak van de mislukte berichten verholpen (bijvoorbeeld de API-sleutel of het
            domein bij de verzender)? Verstuur ze dan opnieuw.
          </p>
          <button type="submit">Mislukte berichten opnieuw versturen</button>
        </form>
      ) : null}
      <p>
        De laatste {LIMIT} berichten, nieuwste eerst. Adressen zijn afgeschermd; het volledige adres
        staat bij de klacht.
      </p>
      {rows.length === 0 ? (
        <p>Nog geen berichten.</p>
      ) : (
        <WideTable caption="Berichten in de verzendlijst">
          <thead>
            <tr>
              <th scope="col">Aangemaakt</th>
              <th scope="col">Soort</th>
              <th scope="col">Klacht</th>
              <th scope="col">Aan</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Pogingen
              </th>
              <th scope="col">Laatste fout</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{formatMoment(r.createdAt)}</td>
                <td>{messageKindLabel(r.kind)}</td>
                <td>
                  {r.number ? <a href={`${base(c)}/complaints/${r.number}`}>{r.number}</a> : '—'}
                </td>
                <td>{r.channel === 'letter' ? 'Per post' : maskAddress(r.recipient)}</td>
                <td>
                  {OUTBOX_STATUS_LABELS[r.status] ?? r.status}
                  {r.sentAt ? ` op ${formatMoment(r.sentAt)}` : ''}
                  {r.status === 'pending' && r.nextAttemptAt
                    ? ` (volgende poging ${formatMoment(r.nextAttemptAt)})`
                    : ''}
                </td>
                <td class="num">{r.attempts}</td>
                <td class="text">{r.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </WideTable>
      )}
    </>
  );
  return staffPage(c, 'Verzendlijst', 'outbox', body);
}
