import {
  amsterdamDate,
  computeDueDates,
  LIFECYCLE_EVENTS,
  type LifecycleEvent,
  type Postponement,
} from '../../shared/deadlines';
import { own } from '../../shared/own-keys';
import type { Db } from '../db/client';
import { deadlines } from '../db/schema';
import type { TenantRecord } from '../http/context';
import { calendarOf } from '../tenants/derived';
import type { ComplaintRow, DeadlineRow, EventRow } from './complaint-records';

// A later stage also meets an earlier promise: a proposed solution is a response, and closing
// the complaint settles whatever was still to be answered.
// A complaint that is not handled (Awb 9:8) is closed as well.
const ALSO_MEETS: Partial<Record<string, string[]>> = {
  responded: ['solutionProposed', 'appealDecided', 'closed', 'declined'],
  solutionProposed: ['closed', 'declined'],
  appealDecided: ['closed', 'declined'],
  closed: ['declined'],
};

/**
 * Recomputes every term from the timeline: anchors are the latest date of each event (receipt is
 * the real receipt date), postponements come from `postponed` events, and a term is met by the
 * first event of its `metBy` type.
 */
export function recomputeDeadlines(
  db: Db,
  row: ComplaintRow,
  tenant: TenantRecord,
  timeline: Pick<EventRow, 'type' | 'at' | 'data'>[],
  existing: DeadlineRow[],
) {
  const procedure = tenant.procedure;
  const anchors: Partial<Record<LifecycleEvent, string>> = {};
  const firsts = new Map<string, string>();
  // Keyed by term names, which are the tenant's: no prototype for one of them to find.
  const postponements: Record<string, Postponement> = Object.create(null);
  for (const event of timeline) {
    if ((LIFECYCLE_EVENTS as readonly string[]).includes(event.type)) {
      anchors[event.type as LifecycleEvent] = amsterdamDate(new Date(event.at));
    }
    if (!firsts.has(event.type)) firsts.set(event.type, event.at);
    if (event.type === 'postponed') {
      // A further postponement (with consent) adds its weeks to the earlier ones.
      const data = event.data as Postponement & { term: string };
      const earlier = postponements[data.term]?.weeks ?? 0;
      postponements[data.term] = {
        weeks: earlier + data.weeks,
        announcedOn: data.announcedOn,
        ...(data.consent ? { consent: data.consent } : {}),
      };
    }
  }
  anchors.received = row.receivedDate;
  firsts.set('received', row.registeredAt);
  const due = computeDueDates(procedure.terms, anchors, calendarOf(procedure), postponements);
  const open = new Map(existing.filter((d) => !d.metAt).map((d) => [d.term, d.dueDate]));
  const terms: { term: string; dueDate: string; metDate: string | null; postponed: boolean }[] = [];
  const writes = Object.entries(due).map(([term, detail]) => {
    const metBy = own(procedure.terms, term)?.metBy;
    const metAt =
      existing.find((d) => d.term === term)?.metAt ??
      (metBy
        ? [metBy, ...(ALSO_MEETS[metBy] ?? [])]
            .map((type) => firsts.get(type))
            .filter((when): when is string => when !== undefined)
            .sort()[0]
        : undefined) ??
      null;
    const values = {
      dueDate: detail.date,
      detail,
      postponed: postponements[term] !== undefined,
      metAt,
      metDate: metAt ? amsterdamDate(new Date(metAt)) : null,
    };
    if (metAt) open.delete(term);
    else open.set(term, detail.date);
    terms.push({ term, ...values });
    return db
      .insert(deadlines)
      .values({ complaintId: row.id, tenantId: tenant.id, term, ...values })
      .onConflictDoUpdate({ target: [deadlines.complaintId, deadlines.term], set: values });
  });
  // Terms the procedure no longer has keep their rows, and still count.
  const kept = existing.filter((d) => !Object.hasOwn(due, d.term));
  terms.push(...kept);
  const nextDue = [...open.values()].sort()[0] ?? null;
  // Every deadline as the step leaves it, for the messages it writes.
  const rows = [
    ...Object.entries(due).map(([term, detail]) => ({ term, dueDate: detail.date, detail })),
    ...kept,
  ];
  return { writes, nextDue, terms, rows };
}
