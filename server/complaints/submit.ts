import { and, eq } from 'drizzle-orm';
import type { SubmitResponse } from '../../shared/api';
import type { ComplaintSubmission } from '../../shared/complaint';
import type { Locale } from '../../shared/localised';
import { sha256Hex } from '../crypto';
import { complaints } from '../db/schema';
import type { AppDeps } from '../deps';
import type { Actor, TenantRecord } from '../http/context';
import { fieldMessage } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { mailSubmissionSchemaOf, submissionSchemaOf } from '../tenants/derived';
import { checkAttachments, checkStepFiles, type IncomingFile } from './attachments';
import { IDEMPOTENCY_KEY, keyHashOf, once } from './idempotency';
import { guardPublicSubmission } from './intake';
import { answerAgain, recordComplaint } from './record-complaint';

/** A receipt moment this far ahead of our clock is a typo, not clock skew. */
const FUTURE_SLACK_MS = 60_000;

export interface Submission {
  tenant: TenantRecord;
  actor: Actor;
  /** The request's JSON object as sent (or the admin form's fields, shaped alike). */
  body: Record<string, unknown>;
  /** Files as received; checked here by content. */
  files: IncomingFile[];
  idempotencyKey: string | null;
  locale: Locale;
  /** Where the request came from, for the public form's rate limit and Turnstile. */
  clientAddress: string;
  /** The admin form asks for the moment of receipt; the API takes "now" when it is left out. */
  requireReceivedAt?: boolean;
  /** E-mail intake: the complainant's details are what the message gives (see derived.ts). */
  byMail?: boolean;
}

/**
 * Registers a complaint from any front door, in one pass: the body against the tenant's form
 * (staff may add channel, receipt moment and receiver), the receipt moment not in the future,
 * the files by content, the Idempotency-Key (a retry gets the first answer, before any spam
 * check), the public form's spam checks, and then one atomic write. Every problem with the
 * input is one 422 naming every field.
 */
export async function submitComplaint(deps: AppDeps, input: Submission): Promise<SubmitResponse> {
  const { tenant, locale } = input;
  const now = deps.clock();
  if (input.idempotencyKey !== null && !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new ApiError(422, 'validation_failed', {
      'Idempotency-Key': fieldMessage('invalid', locale),
    });
  }
  const data = parseSubmission(input, now);
  // Staff file what came with a letter or e-mail, whatever the public form takes; e-mail intake
  // takes what the form takes (more is set aside for staff).
  const files =
    input.actor.kind === 'public' || input.byMail
      ? checkAttachments(input.files, tenant.procedure, locale)
      : checkStepFiles(input.files, tenant.procedure, locale);
  // The files are part of the request: the same key with other files is another request.
  const requestHash = await sha256Hex(
    JSON.stringify(files.length > 0 ? { data, files: files.map((f) => [f.name, f.sha256]) } : data),
  );
  const keyHash = await keyHashOf(tenant.id, input.idempotencyKey);
  const complaint = {
    tenant,
    locale,
    links: { base: deps.config.publicUrl, secretKey: deps.config.secretKey },
    idempotencyKey: input.idempotencyKey,
    requestHash,
  };
  return once({
    keyHash,
    requestHash,
    find: (hash) =>
      deps.db.query.complaints.findFirst({
        where: and(eq(complaints.tenantId, tenant.id), eq(complaints.idempotencyKeyHash, hash)),
      }),
    requestHashOf: (row) => row.requestHash,
    answer: (row) => answerAgain(deps.db, row, complaint),
    write: async () => {
      if (input.actor.kind === 'public') {
        await guardPublicSubmission(deps, tenant, input.body, input.clientAddress, now, locale);
      }
      return recordComplaint(deps.db, {
        ...complaint,
        actor: input.actor,
        data,
        files,
        now,
        keyHash,
      });
    },
    conflict: () => new ApiError(409, 'concurrent_change'),
  });
}

function parseSubmission(input: Submission, now: Date): ComplaintSubmission {
  const asStaff = input.actor.kind !== 'public';
  const schema = input.byMail
    ? mailSubmissionSchemaOf(input.tenant.procedure)
    : submissionSchemaOf(input.tenant.procedure, asStaff);
  const result = schema.safeParse(input.body, { reportInput: true });
  const fields = result.success ? {} : fieldErrors(result.error.issues, input.locale);
  const receivedAt = input.body.receivedAt;
  if (asStaff && input.requireReceivedAt && (receivedAt === undefined || receivedAt === '')) {
    fields.receivedAt ??= fieldMessage('required', input.locale);
  } else if (
    asStaff &&
    typeof receivedAt === 'string' &&
    Date.parse(receivedAt) > now.getTime() + FUTURE_SLACK_MS
  ) {
    fields.receivedAt ??= fieldMessage('future', input.locale);
  }
  if (!result.success || Object.keys(fields).length > 0) {
    throw new ApiError(422, 'validation_failed', fields);
  }
  return result.data as unknown as ComplaintSubmission;
}
