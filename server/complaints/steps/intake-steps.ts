import type { Effect, StepHandler } from './step-types';
import { checkOption, fieldError, samePerson, UNCHANGED } from './step-types';

/*
 * Steps around receiving a complaint and keeping its case file: acknowledging it, forwarding it
 * to a handler, correcting what was registered, adding an internal note.
 */

// The acknowledgement e-mail itself was queued on receipt; this records that it went out (the
// relay does so on delivery) or that staff confirmed receipt another way.
const NOTHING: Effect = { changes: {}, messages: [] };

export const acknowledge: StepHandler<'acknowledge'> = () => NOTHING;

export const recordAcknowledgement: StepHandler<'record-acknowledgement'> = (_body, ctx) =>
  ctx.timeline.some((e) => e.type === 'acknowledged') ? UNCHANGED : NOTHING;

/**
 * Forwards to a staff account (`handlerId`), which then handles the complaint, or by name to a
 * handler without an account, whom no account stands in for: whose a complaint is, is decided by
 * the account's id, never by a name that two people may write alike.
 */
export const forward: StepHandler<'forward'> = (body, ctx) => {
  const { row, tenant, now, locale } = ctx;
  const account = body.handlerId === undefined ? null : ctx.handlerAccount;
  if (body.handlerId !== undefined && !account) fieldError('handlerId', 'handlerAccount', locale);
  const name = account?.name ?? body.handler ?? '';
  const email = account ? account.email : (body.handlerEmail ?? null);
  if (tenant.procedure.handlerMayNotBeSubject && samePerson(row.pdSubject, name)) {
    fieldError(account ? 'handlerId' : 'handler', 'notSubject', locale);
  }
  return {
    changes: {
      handler: name,
      handlerStaffId: account?.id ?? null,
      handlerEmail: email,
      forwardedAt: now.toISOString(),
    },
    data: account ? { handlerId: account.id } : undefined,
    // Names are personal data (also of staff), so they live where erasure finds them.
    pdData: { handler: name },
    messages: [{ kind: 'forwarded', to: email }],
    internal: true,
  };
};

export const update: StepHandler<'update'> = (body, { row, tenant, locale }) => {
  const procedure = tenant.procedure;
  if (body.category) checkOption('category', body.category, procedure.categories, locale);
  if (procedure.handlerMayNotBeSubject && samePerson(body.subject, row.handler)) {
    fieldError('subject', 'notSubject', locale);
  }
  return {
    changes: {
      ...(body.category !== undefined ? { category: body.category } : {}),
      ...(body.cause ? { pdCause: body.cause } : {}),
      ...(body.subject ? { pdSubject: body.subject } : {}),
      ...(body.receiverName ? { pdReceiverName: body.receiverName } : {}),
      ...(body.admissible !== undefined ? { admissible: body.admissible } : {}),
    },
    data:
      body.category !== undefined || body.admissible !== undefined
        ? {
            ...(body.category !== undefined ? { category: body.category } : {}),
            ...(body.admissible !== undefined ? { admissible: body.admissible } : {}),
          }
        : undefined,
    messages: [],
    internal: true,
  };
};

/** A note (and the documents that come with it) for staff: never on the tracking page or mailed. */
export const addNote: StepHandler<'add-note'> = (body) => ({
  changes: {},
  pdData: { note: body.note },
  messages: [],
  internal: true,
});
