import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { complaints, deadlines, events, type webhookDeliveries } from '../db/schema';

type Delivery = typeof webhookDeliveries.$inferSelect;

/**
 * The body of one delivery, composed when it is sent: `{ type, timestamp, data }` (the Standard
 * Webhooks shape). `data` names the complaint by its number with its status, channel, category,
 * dates and due dates, and the step or term concerned, none of which identifies a person. Only
 * an endpoint that opted in gets `data.personal`: the complainant's details, the description
 * and the step's free text and actor, and never once the complaint is erased. Null when the
 * complaint is not (or no longer) the tenant's.
 */
export async function composePayload(
  db: Db,
  delivery: Delivery,
  tenant: { id: string; slug: string },
  includePersonalData: boolean,
): Promise<string | null> {
  const row = await db.query.complaints.findFirst({
    where: and(eq(complaints.id, delivery.complaintId), eq(complaints.tenantId, tenant.id)),
  });
  if (!row) return null;
  const [due, event] = await Promise.all([
    db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) }),
    delivery.eventSeq === null
      ? undefined
      : db.query.events.findFirst({
          where: and(eq(events.complaintId, row.id), eq(events.seq, delivery.eventSeq)),
        }),
  ]);
  const personal =
    includePersonalData && !row.erasedAt
      ? {
          complainant: {
            name: row.pdComplainantName,
            initials: row.pdComplainantInitials,
            address: row.pdComplainantAddress,
            phone: row.pdComplainantPhone,
            email: row.pdComplainantEmail,
          },
          onBehalfOf: row.pdOnBehalfOfName
            ? {
                name: row.pdOnBehalfOfName,
                initials: row.pdOnBehalfOfInitials,
                address: row.pdOnBehalfOfAddress,
                phone: row.pdOnBehalfOfPhone,
                email: row.pdOnBehalfOfEmail,
              }
            : null,
          description: row.pdDescription,
          desiredSolution: row.pdDesiredSolution,
          handler: row.handler,
          ...(event ? { step: { actor: event.actor, text: event.pdData ?? {} } } : {}),
        }
      : undefined;
  return JSON.stringify({
    type: delivery.type,
    timestamp: delivery.createdAt,
    data: {
      tenant: tenant.slug,
      complaint: {
        number: row.number,
        status: row.status,
        channel: row.channel,
        category: row.category,
        receivedAt: row.receivedAt,
        registeredAt: row.registeredAt,
        closedAt: row.closedAt,
        erased: row.erasedAt !== null,
        due: Object.fromEntries(due.map((d) => [d.term, d.dueDate])),
      },
      ...(event
        ? { step: { seq: event.seq, type: event.type, at: event.at, data: event.data ?? {} } }
        : {}),
      ...(delivery.term ? { term: { name: delivery.term, dueDate: delivery.dueDate } } : {}),
      ...(personal ? { personal } : {}),
    },
  });
}
