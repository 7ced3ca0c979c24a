import { appealWindowEnds } from '../../../shared/appeal-window';
import { amsterdamDate } from '../../../shared/deadlines';
import { allowedActions, type Status } from '../../../shared/lifecycle';
import { ApiError } from '../../http/errors';
import { COMPLAINANT, type StepContext, type StepHandler, UNCHANGED } from './step-types';

/*
 * Steps the complainant takes (through the tracking link, or staff recording a letter or a call
 * for them) and the appeal body's decision.
 */

/** Whether the complainant accepted the latest proposed solution. */
function accepted({ timeline }: StepContext): boolean {
  const sinceProposal = timeline.slice(
    timeline.map((e) => e.type).lastIndexOf('solutionProposed') + 1,
  );
  return sinceProposal.some((e) => e.type === 'solutionAccepted');
}

export const acceptSolution: StepHandler<'accept-solution'> = (_body, ctx) =>
  accepted(ctx) ? UNCHANGED : { changes: {}, messages: [] };

export const fileAppeal: StepHandler<'file-appeal'> = (body, ctx) => {
  const { procedure } = ctx.tenant;
  if (!procedure.appeal.enabled) throw new ApiError(409, 'appeal_not_available');
  // Once the complainant accepted the solution, there is nothing left to appeal against.
  if (accepted(ctx)) {
    const status = ctx.row.status as Status;
    throw new ApiError(409, 'transition_not_allowed', undefined, {
      extra: { status, allowedActions: allowedActions(status).filter((a) => a !== 'file-appeal') },
    });
  }
  const proposed = [...ctx.timeline].reverse().find((e) => e.type === 'solutionProposed');
  const proposedOn = proposed ? amsterdamDate(new Date(proposed.at)) : ctx.today;
  if (ctx.today > appealWindowEnds(proposedOn, procedure.appeal.windowDays)) {
    throw new ApiError(409, 'appeal_window_closed');
  }
  return {
    changes: {},
    pdData: { grounds: body.grounds },
    messages: [
      { kind: 'appealNotice', to: procedure.appeal.body?.email ?? null },
      { kind: 'appealFiled', to: COMPLAINANT },
    ],
  };
};

export const decideAppeal: StepHandler<'decide-appeal'> = (body) => ({
  changes: {},
  data: body.upheld === undefined ? undefined : { upheld: body.upheld },
  pdData: { decision: body.decision },
  messages: [{ kind: 'appealDecision', to: COMPLAINANT }],
});

export const recordSatisfaction: StepHandler<'record-satisfaction'> = (body) => ({
  changes: { satisfied: body.satisfied },
  data: { satisfied: body.satisfied },
  pdData: body.comment ? { comment: body.comment } : undefined,
  messages: [],
  internal: true,
});

/**
 * Staff are told (the tenant's own address when no one is named for it); the erasure is theirs
 * to carry out (DELETE), within a month (AVG art. 12).
 */
export const requestErasure: StepHandler<'request-erasure'> = (_body, { tenant, timeline }) => {
  if (timeline.some((e) => e.type === 'erasureRequested')) return UNCHANGED;
  const notifications = tenant.procedure.notifications;
  const named = notifications?.staff?.erasureRequested ?? [];
  const fallback = named.length === 0 ? (notifications?.replyTo ?? null) : null;
  return {
    changes: {},
    messages: fallback ? [{ kind: 'staff:erasureRequested', to: fallback }] : [],
    internal: true,
  };
};
