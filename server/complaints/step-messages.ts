import { amsterdamDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Actor, TenantRecord } from '../http/context';
import { keptLetter } from '../letters/letter-parts';
import { freezeMessage } from '../mail/frozen-message';
import { messageContextOf } from '../mail/message-context';
import type { QueuedMessage, Route } from '../mail/outbox-rows';
import type { StaffRole } from '../staff/roles';
import type { ComplaintRow } from './complaint-records';

/** What the letters call the function of whoever signs them, by role. */
const SIGNER_ROLES: Record<StaffRole, { nl: string; en: string }> = {
  receiver: { nl: 'Medewerker klachten', en: 'Complaints officer' },
  handler: { nl: 'Behandelaar van uw klacht', en: 'Handler of your complaint' },
  appealBody: { nl: 'Beslist over het beroep', en: 'Decides on the appeal' },
  admin: { nl: 'Klachtencoördinator', en: 'Complaints coordinator' },
};

/** Who signs what a step writes: the staff member who took it, with their function. */
export function signerOf(actor: Actor, locale: Locale) {
  return actor.kind === 'staff'
    ? { name: actor.name, role: SIGNER_ROLES[actor.role][locale] }
    : undefined;
}

export interface StepWriting {
  tenant: TenantRecord;
  /** The complaint as the step leaves it. */
  complaint: Pick<
    ComplaintRow,
    | 'number'
    | 'pdDescription'
    | 'handler'
    | 'pdComplainantName'
    | 'receivedDate'
    | 'pdSummary'
    | 'pdProposedSolution'
    | 'classification'
    | 'remedy'
    | 'pdPreventiveMeasures'
    | 'measuresEffectiveOn'
    | 'emailConfirmedAt'
    | 'pdComplainantAddress'
  >;
  deadlines: { term: string; dueDate: string; detail: unknown }[];
  /** Its events with the step's own last. */
  timeline: { type: string; at: string }[];
  event: { at: string; data?: unknown; pdData?: unknown };
  locale: Locale;
  actor: Actor;
  now: Date;
}

/**
 * Writes a step's message now, as it will be sent, printed and shown for good (see
 * frozen-message.ts): to the complainant with the link mark where a link goes, and as a letter.
 */
export function writeStepMessage(
  w: StepWriting,
  message: { kind: string; route: Route; toComplainant: boolean; withLink: boolean },
): NonNullable<QueuedMessage['written']> {
  const { complaint } = w;
  const signedBy = signerOf(w.actor, w.locale);
  const toEmail = message.route.channel === 'email';
  const frozen = freezeMessage(
    messageContextOf({
      kind: message.kind,
      locale: w.locale,
      tenant: w.tenant,
      complaint,
      deadlines: w.deadlines,
      timeline: w.timeline,
      event: w.event,
      unconfirmedAddress: message.toComplainant && toEmail && complaint.emailConfirmedAt === null,
      today: amsterdamDate(w.now),
      ...(signedBy ? { signedBy } : {}),
    }),
    message.withLink,
  );
  const letter = message.toComplainant
    ? keptLetter(frozen.rendered.subject, frozen.rendered.parts, {
        locale: w.locale,
        tenantName: w.tenant.name,
        procedure: w.tenant.procedure,
        number: complaint.number,
        receivedDate: complaint.receivedDate,
        recipient: { name: complaint.pdComplainantName, address: complaint.pdComplainantAddress },
        emailedTo: message.route.channel === 'email' ? message.route.to : null,
        ...(signedBy ? { signedBy } : {}),
        madeAt: w.now,
      })
    : null;
  return {
    pdSubject: frozen.pdSubject,
    pdBody: frozen.pdBody,
    pdHtml: frozen.pdHtml,
    pdLetter: letter,
  };
}
