import { type DueDate, postpone as postponeTerm } from '../../../shared/deadlines';
import { fieldMessage } from '../../http/error-messages';
import { ApiError } from '../../http/errors';
import { calendarOf } from '../../tenants/derived';
import { checkAdvice } from './statutory-steps';
import { COMPLAINANT, checkOption, fieldError, type StepHandler } from './step-types';

/* Steps of the handling itself: responding, postponing, proposing a solution, closing. */

export const respond: StepHandler<'respond'> = (body, { row, now }) => ({
  changes: { feedbackAt: row.feedbackAt ?? now.toISOString() },
  pdData: { message: body.message },
  messages: [{ kind: 'response', to: COMPLAINANT }],
});

/**
 * Awb 9:11 / Wkkgz art. 17: one postponement of a term, announced before it ends; a further one
 * only with the complainant's written consent (Awb 9:11 lid 3).
 */
export const postpone: StepHandler<'postpone'> = (body, ctx) => {
  const { procedure } = ctx.tenant;
  const [name, term] =
    Object.entries(procedure.terms).find(([name, term]) => {
      const d = ctx.deadlines.find((e) => e.term === name);
      return term.postponable && d && !d.metAt && (!body.term || body.term === name);
    }) ?? [];
  const current = ctx.deadlines.find((d) => d.term === name);
  if (!name || !term?.postponable || !current) throw new ApiError(409, 'not_postponable');
  const request = {
    weeks: body.weeks,
    announcedOn: body.announcedOn ?? ctx.today,
    reason: body.reason,
    ...(body.consent ? { consent: body.consent } : {}),
  };
  const result = postponeTerm(
    current.detail as DueDate,
    request,
    term.postponable,
    calendarOf(procedure),
    current.postponed,
  );
  if (!result.ok) {
    throw new ApiError(422, 'validation_failed', { [result.field]: result.reason[ctx.locale] });
  }
  return {
    changes: {},
    data: {
      term: name,
      weeks: body.weeks,
      announcedOn: request.announcedOn,
      ...(body.consent ? { consent: body.consent } : {}),
    },
    pdData: { reason: body.reason },
    messages: [{ kind: 'postponement', to: COMPLAINANT }],
  };
};

export const proposeSolution: StepHandler<'propose-solution'> = (body, ctx) => {
  const { row, tenant, locale } = ctx;
  checkOption('remedy', body.remedy, tenant.procedure.remedies, locale);
  if (tenant.procedure.requiredOnProposal.includes('cause') && !body.cause && !row.pdCause) {
    fieldError('cause', 'required', locale);
  }
  return {
    changes: {
      pdProposedSolution: body.proposedSolution,
      ...(body.cause ? { pdCause: body.cause } : {}),
      ...(body.remedy ? { remedy: body.remedy } : {}),
      feedbackAt: row.feedbackAt ?? ctx.now.toISOString(),
    },
    data: body.remedy ? { remedy: body.remedy } : undefined,
    pdData: {
      proposedSolution: body.proposedSolution,
      ...(body.cause ? { cause: body.cause } : {}),
    },
    messages: [{ kind: 'solutionProposed', to: COMPLAINANT }],
  };
};

/**
 * Closing records what the procedure asks (requiredOnClose), keeping what was registered. With a
 * complaints committee (Awb 9:14) the decision waits for its advice, and a judgement other than
 * the advised one says why (9:15 lid 3).
 */
export const close: StepHandler<'close'> = (body, { row, tenant, now, locale, timeline }) => {
  const procedure = tenant.procedure;
  if (procedure.committee) checkAdvice(body, row.classification, timeline, locale);
  checkOption('classification', body.classification, procedure.classifications, locale);
  checkOption('remedy', body.remedy, procedure.remedies, locale);
  const merged = {
    classification: body.classification ?? row.classification,
    admissible: body.admissible ?? row.admissible,
    remedy: body.remedy ?? row.remedy,
    cause: body.cause ?? row.pdCause,
    summary: body.summary ?? row.pdSummary,
    preventiveMeasures: body.preventiveMeasures ?? row.pdPreventiveMeasures,
    measuresEffectiveOn: body.measuresEffectiveOn ?? row.measuresEffectiveOn,
  };
  const missing = procedure.requiredOnClose.filter((f) => merged[f] === null);
  if (missing.length > 0) {
    throw new ApiError(
      422,
      'validation_failed',
      Object.fromEntries(missing.map((f) => [f, fieldMessage('required', locale)])),
    );
  }
  return {
    changes: {
      closedAt: now.toISOString(),
      classification: merged.classification,
      admissible: merged.admissible,
      remedy: merged.remedy,
      pdCause: merged.cause,
      pdSummary: merged.summary,
      pdPreventiveMeasures: merged.preventiveMeasures,
      measuresEffectiveOn: merged.measuresEffectiveOn,
      ...(body.satisfied !== undefined ? { satisfied: body.satisfied } : {}),
    },
    data: {
      classification: merged.classification,
      admissible: merged.admissible,
      remedy: merged.remedy,
    },
    pdData: body.deviationReason ? { deviationReason: body.deviationReason } : undefined,
    messages: [{ kind: 'closing', to: COMPLAINANT }],
  };
};

export const reopen: StepHandler<'reopen'> = (body) => ({
  changes: { closedAt: null, declined: false },
  pdData: body.reason ? { reason: body.reason } : undefined,
  messages: [],
});
