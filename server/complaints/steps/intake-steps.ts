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

export const forward: StepHandler<'forward'> = (body, { row, tenant, now, locale }) => {
  if (tenant.procedure.handlerMayNotBeSubject && samePerson(row.pdSubject, body.handler)) {
    fieldError('handler', 'notSubject', locale);
  }
  return {
    changes: {
      handler: body.handler,
      handlerEmail: body.handlerEmail ?? null,
      forwardedAt: now.toISOString(),
    },
    // Names are personal data (also of staff), so they live where erasure finds them.
    pdData: { handler: body.handler },
    messages: [{ kind: 'forwarded', to: body.handlerEmail ?? null }],
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
