import type { z } from 'zod';
import type { ACTION_BODIES, Action } from '../../../shared/lifecycle';
import type { Locale } from '../../../shared/localised';
import type { complaints } from '../../db/schema';
import type { TenantRecord } from '../../http/context';
import { fieldMessage } from '../../http/error-messages';
import { ApiError } from '../../http/errors';
import type { ComplaintRow, DeadlineRow, EventRow } from '../complaint-records';
import type { HandlerAccount } from './handler-account';

export type StepBody<A extends Action> = z.infer<(typeof ACTION_BODIES)[A]>;

/** What a step may read: the complaint as it is, its timeline and its deadlines. */
export interface StepContext {
  row: ComplaintRow;
  tenant: TenantRecord;
  now: Date;
  /** `now` as an Amsterdam date. */
  today: string;
  locale: Locale;
  timeline: EventRow[];
  deadlines: DeadlineRow[];
  /** For `forward` with a `handlerId`: that account, or null when it may not handle this. */
  handlerAccount?: HandlerAccount | null;
}

/**
 * A message for the complainant: by e-mail when they gave an address, else as a letter to print
 * and post when they gave a postal address (performStep decides), else none.
 */
export const COMPLAINANT = '@complainant';

/** What a step does; the lifecycle's transition (status, event) is added by performStep. */
export interface Effect {
  changes: Partial<typeof complaints.$inferInsert>;
  /** Recorded with the event: ids, dates, choices. */
  data?: Record<string, unknown>;
  /** Recorded with the event, erased with the complaint: free text, names. */
  pdData?: Record<string, unknown>;
  /** Messages to queue: their kind and recipient (an address, COMPLAINANT, or none when null). */
  messages: { kind: string; to: string | null }[];
  /** A timeline event the complainant does not see. */
  internal?: boolean;
}

/** Saying the same thing twice (a double click, a retried form) changes nothing. */
export const UNCHANGED = 'unchanged' as const;

export type StepHandler<A extends Action> = (
  body: StepBody<A>,
  ctx: StepContext,
) => Effect | typeof UNCHANGED;

export function fieldError(
  field: string,
  key: Parameters<typeof fieldMessage>[0],
  locale: Locale,
): never {
  throw new ApiError(422, 'validation_failed', { [field]: fieldMessage(key, locale) });
}

/** A choice must be one of the procedure's options (categories, classifications, remedies). */
export function checkOption(
  field: string,
  value: string | null | undefined,
  options: { id: string }[],
  locale: Locale,
) {
  if (value !== undefined && value !== null && !options.some((o) => o.id === value)) {
    fieldError(field, 'choice', locale);
  }
}

/** Whether `a` and `b` name the same person (case and surrounding spaces aside). */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}
