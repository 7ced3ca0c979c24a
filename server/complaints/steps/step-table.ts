import type { Action } from '../../../shared/lifecycle';
import {
  acceptSolution,
  decideAppeal,
  fileAppeal,
  recordSatisfaction,
  requestErasure,
} from './complainant-steps';
import { close, postpone, proposeSolution, reopen, respond } from './handling-steps';
import { acknowledge, addNote, forward, recordAcknowledgement, update } from './intake-steps';
import {
  decline,
  inviteHearing,
  recordAdvice,
  recordHearing,
  waiveHearing,
} from './statutory-steps';
import type { StepHandler } from './step-types';

/**
 * One handler per action of the lifecycle table (shared/lifecycle.ts), which says where each
 * may run and where it leads; the handler says what else it records and whom it tells.
 */
export const STEP_HANDLERS: { [A in Action]: StepHandler<A> } = {
  acknowledge,
  'record-acknowledgement': recordAcknowledgement,
  forward,
  respond,
  postpone,
  decline,
  'invite-hearing': inviteHearing,
  'record-hearing': recordHearing,
  'waive-hearing': waiveHearing,
  'record-advice': recordAdvice,
  'propose-solution': proposeSolution,
  'accept-solution': acceptSolution,
  'file-appeal': fileAppeal,
  'decide-appeal': decideAppeal,
  close,
  reopen,
  'record-satisfaction': recordSatisfaction,
  'request-erasure': requestErasure,
  update,
  'add-note': addNote,
};
