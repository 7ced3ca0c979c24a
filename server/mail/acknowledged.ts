import { and, eq } from 'drizzle-orm';
import type { Procedure } from '../../shared/procedure';
import { performStep } from '../complaints/perform-step';
import type { Db } from '../db/client';
import { complaints, events, tenants } from '../db/schema';
import { ApiError } from '../http/errors';
import { tenantOfRow } from '../tenants/tenants';

/**
 * The written acknowledgement is a step of the procedure (wenb: within two working days): its
 * delivery (the e-mail sent, the letter posted) records it, so the term is met without anyone
 * having to click.
 */
export async function acknowledgeDelivered(
  db: Db,
  row: { tenantId: string; complaintId: string | null; id: string },
  at: Date,
  by: string,
) {
  if (!row.complaintId) return;
  const complaint = await db.query.complaints.findFirst({
    where: eq(complaints.id, row.complaintId),
  });
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, row.tenantId) });
  if (!complaint || complaint.erasedAt || !tenant || complaint.status === 'closed') return;
  const done = await db.query.events.findFirst({
    where: and(eq(events.complaintId, complaint.id), eq(events.type, 'acknowledged')),
  });
  if (done) return;
  const procedure = tenant.procedure as Procedure;
  try {
    await performStep(db, {
      tenant: tenantOfRow(tenant),
      number: complaint.number,
      action: complaint.status === 'received' ? 'acknowledge' : 'record-acknowledgement',
      body: {},
      actor: { kind: 'system', name: by },
      now: at,
      locale: procedure.locale,
      idempotencyKey: `delivered:${row.id}`,
    });
  } catch (err) {
    // Staff changed the complaint at the same moment: their step stands, the next run retries.
    if (!(err instanceof ApiError && (err.status === 409 || err.status === 404))) throw err;
  }
}
