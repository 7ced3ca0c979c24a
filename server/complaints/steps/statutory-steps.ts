import type { Locale } from '../../../shared/localised';
import { fieldMessage } from '../../http/error-messages';
import { ApiError } from '../../http/errors';
import type { EventRow } from '../complaint-records';
import {
  COMPLAINANT,
  checkOption,
  fieldError,
  type StepBody,
  type StepHandler,
} from './step-types';

/*
 * The steps chapter 9 of the Awb adds: not handling a complaint (9:8), the hearing (9:10) and the
 * advice of a complaints committee (9:14).
 */

/** Awb 9:8: closed as not handled, with the ground and a written notice to the complainant. */
export const decline: StepHandler<'decline'> = (body, { now }) => ({
  changes: { closedAt: now.toISOString(), declined: true },
  data: { ground: body.ground },
  pdData: { reason: body.reason },
  messages: [{ kind: 'declined', to: COMPLAINANT }],
});

/** Awb 9:10: the complainant is invited to be heard; the invitation says when and where. */
export const inviteHearing: StepHandler<'invite-hearing'> = (body) => ({
  changes: {},
  data: { on: body.on, mode: body.mode, ...(body.time ? { time: body.time } : {}) },
  pdData: { place: body.place },
  messages: [{ kind: 'hearingInvitation', to: COMPLAINANT }],
});

/** Awb 9:10 lid 3: a report of the hearing goes into the case file (staff only). */
export const recordHearing: StepHandler<'record-hearing'> = (body, { today, locale }) => {
  if (body.heldOn > today) fieldError('heldOn', 'notInFuture', locale);
  return {
    changes: {},
    data: { heldOn: body.heldOn },
    pdData: { attendees: body.attendees, report: body.report },
    messages: [],
    internal: true,
  };
};

/** Awb 9:10 lid 2: no hearing, on one of its grounds, with the reason for the case file. */
export const waiveHearing: StepHandler<'waive-hearing'> = (body) => ({
  changes: {},
  data: { ground: body.ground },
  pdData: { reason: body.reason },
  messages: [],
  internal: true,
});

/**
 * Awb 9:14: the committee's advice, with the judgement it recommends. Any procedure may record an
 * advice it asked for; with a committee, the decision waits for one (checkAdvice).
 */
export const recordAdvice: StepHandler<'record-advice'> = (body, { tenant, today, locale }) => {
  checkOption('classification', body.classification, tenant.procedure.classifications, locale);
  if (body.advisedOn > today) fieldError('advisedOn', 'notInFuture', locale);
  return {
    changes: {},
    data: {
      advisedOn: body.advisedOn,
      ...(body.classification ? { classification: body.classification } : {}),
    },
    pdData: { advice: body.advice },
    messages: [],
    internal: true,
  };
};

/**
 * Awb 9:15 lid 3: the body decides after the committee advised, and a decision that departs
 * from the advised judgement gives its reason.
 */
export function checkAdvice(
  body: StepBody<'close'>,
  registered: string | null,
  timeline: Pick<EventRow, 'type' | 'data'>[],
  locale: Locale,
) {
  const advice = timeline.filter((e) => e.type === 'adviceGiven').at(-1);
  if (!advice) throw new ApiError(409, 'advice_required');
  const advised = (advice.data as { classification?: string } | null)?.classification;
  const decided = body.classification ?? registered;
  if (advised && decided && advised !== decided && !body.deviationReason) {
    throw new ApiError(422, 'validation_failed', {
      deviationReason: fieldMessage('deviationReason', locale),
    });
  }
}
