import { desc, eq, inArray, sql } from 'drizzle-orm';
import { complaints, webhookDeliveries } from '../db/schema';
import type { AppDeps } from '../deps';
import { DELIVERY_LOG_SIZE, listEndpoints } from '../webhooks/endpoints';
import { type AdminContext, base } from './admin-context';
import { formatMoment } from './labels';
import { Csrf, staffPage } from './layout';
import { WideTable } from './wide-table';

const STATUS: Record<string, string> = {
  pending: 'Wacht op verzending',
  sending: 'Wordt verzonden',
  delivered: 'Afgeleverd',
  failed: 'Mislukt',
};

/**
 * The tenant's webhook endpoints (registered through the API) with each one's delivery log and
 * a re-send button per delivery.
 */
export async function webhooksPage(c: AdminContext, deps: AppDeps, notice?: string) {
  const tenant = c.get('tenant');
  const endpoints = await listEndpoints(deps.db, tenant.id);
  const logs = await Promise.all(
    endpoints.map((e) =>
      deps.db
        .select({
          id: webhookDeliveries.id,
          type: webhookDeliveries.type,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          lastStatus: webhookDeliveries.lastStatus,
          lastError: webhookDeliveries.lastError,
          nextAttemptAt: webhookDeliveries.nextAttemptAt,
          createdAt: webhookDeliveries.createdAt,
          complaintId: webhookDeliveries.complaintId,
        })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, e.id))
        .orderBy(desc(webhookDeliveries.createdAt), desc(sql`${webhookDeliveries}.rowid`))
        .limit(DELIVERY_LOG_SIZE),
    ),
  );
  const ids = [...new Set(logs.flat().map((d) => d.complaintId))];
  const numbers = new Map(
    ids.length === 0
      ? []
      : (
          await deps.db
            .select({ id: complaints.id, number: complaints.number })
            .from(complaints)
            .where(inArray(complaints.id, ids))
        ).map((r) => [r.id, r.number]),
  );
  const body = (
    <>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        Adressen die bij gebeurtenissen een ondertekend bericht krijgen (Standard Webhooks). U
        registreert ze via de API (<code>POST /v1/tenants/{tenant.slug}/webhooks</code>).
      </p>
      {endpoints.length === 0 ? <p>Er zijn nog geen webhook-adressen.</p> : null}
      {endpoints.map((e, i) => (
        <section>
          <h2>
            <code>{e.url}</code>
          </h2>
          <p>
            Gebeurtenissen: {(e.events as string[]).join(', ')}. Persoonsgegevens:{' '}
            {e.includePersonalData ? 'ja' : 'nee'}. Aangemaakt {formatMoment(e.createdAt)}.
            {e.description ? ` ${e.description}` : ''}
          </p>
          {(logs[i] ?? []).length === 0 ? (
            <p>Nog geen berichten.</p>
          ) : (
            <WideTable caption={`Laatste ${DELIVERY_LOG_SIZE} berichten aan ${e.url}`}>
              <thead>
                <tr>
                  <th scope="col">Aangemaakt</th>
                  <th scope="col">Gebeurtenis</th>
                  <th scope="col">Klacht</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Pogingen
                  </th>
                  <th scope="col">Laatste antwoord</th>
                  <th scope="col">Opnieuw</th>
                </tr>
              </thead>
              <tbody>
                {(logs[i] ?? []).map((d) => (
                  <tr>
                    <td>{formatMoment(d.createdAt)}</td>
                    <td>
                      {d.type}
                      <br />
                      <code>{d.id}</code>
                    </td>
                    <td>{numbers.get(d.complaintId) ?? '—'}</td>
                    <td>
                      {STATUS[d.status] ?? d.status}
                      {d.status === 'pending' && d.nextAttemptAt
                        ? ` (volgende poging ${formatMoment(d.nextAttemptAt)})`
                        : ''}
                    </td>
                    <td class="num">{d.attempts}</td>
                    <td class="text">
                      {d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')}
                    </td>
                    <td>
                      <form method="post" action={`${base(c)}/webhooks/deliveries/${d.id}/resend`}>
                        <Csrf token={c.get('csrf')} />
                        <button type="submit">Opnieuw versturen</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </WideTable>
          )}
        </section>
      ))}
    </>
  );
  return staffPage(c, 'Webhooks', 'webhooks', body);
}
