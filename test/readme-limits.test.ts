import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { MAX_FILENAME_LENGTH, MAX_FILES_PER_STEP } from '../server/complaints/attachments';
import {
  DEFAULT_SUBMIT_LIMIT,
  MIN_FILL_MS,
  SUBMIT_ATTEMPTS_PER_ALLOWED,
} from '../server/complaints/intake';
import { BODY_LIMITS, MAX_JSON_DEPTH } from '../server/http/body';
import { MAX_FORM_PARTS, MAX_PART_HEADER_BYTES } from '../server/http/form-body';
import { ATTEMPT_KEYS } from '../server/http/rate-limit';
import {
  ADDRESS_CONFIRMATION_LIMIT,
  MAIL_COMPLAINT_LIMIT,
  MAIL_DOMAIN_LIMIT,
  MAIL_SOURCE_LIMIT,
  MAIL_TEXT_ALLOWANCE,
  MAX_MAIL_BYTES,
  MAX_MAIL_DEPTH,
  MAX_MAIL_HEADER_BYTES,
  MAX_MAIL_PARTS,
  QUARANTINE_LIMIT,
  REPLY_LIMIT,
} from '../server/inbound/limits';
import { MAX_ENCLOSURE_PAGES } from '../server/letters/letter-enclosures';
import { MAX_LETTER_PAGES } from '../server/letters/letter-render';
import { GROUP_COMMIT_MAX } from '../server/runtime/group-commit';
import {
  LETTER_TIMEOUT_MS,
  MAX_LETTER_QUEUE_BYTES,
  MAX_WAITING_LETTERS,
} from '../server/runtime/letter-threads';
import { STATEMENT_CACHE_SIZE } from '../server/runtime/reused-statements';
import { SESSION_HOURS } from '../server/staff/sessions';
import {
  ACCOUNT_FAILURES,
  ADDRESS_FAILURES,
  CONCURRENT_PASSWORD_CHECKS,
  LOCK_MINUTES,
  MAX_LOCK_HOURS,
  WINDOW_MINUTES,
} from '../server/staff/sign-in';
import { MAX_LIVE_KEYS } from '../server/tenants/api-keys';
import { TRACK_LIMIT } from '../server/tracking/tracking-docs';
import { WEBHOOK_TIMEOUT_MS } from '../server/webhooks/deliver';
import { MAX_WEBHOOK_ENDPOINTS } from '../server/webhooks/endpoints';
import {
  MAX_CALENDAR_DAYS,
  MAX_CHAIN,
  MAX_CONSENTED_WEEKS,
  MAX_HORIZON_DAYS,
  MAX_TERMS,
  MAX_WEEKS,
  MAX_WORKING_DAYS,
} from '../shared/deadlines';
import { FIELD_LIMITS } from '../shared/field-rules';
import { MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS } from '../shared/message-kinds';

const kb = (bytes: number) => `${bytes / 1024} KB`;
const n = (value: number) => value.toLocaleString('en-GB');
const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** What the README's limits table must say for each constant, computed from the code. */
const EXPECTED: Record<string, string> = {
  'BODY_LIMITS.submission': kb(BODY_LIMITS.submission),
  'BODY_LIMITS.multipartOverhead': kb(BODY_LIMITS.multipartOverhead),
  'BODY_LIMITS.json': kb(BODY_LIMITS.json),
  'BODY_LIMITS.procedure': kb(BODY_LIMITS.procedure),
  'BODY_LIMITS.tracking': kb(BODY_LIMITS.tracking),
  'BODY_LIMITS.adminForm': kb(BODY_LIMITS.adminForm),
  'BODY_LIMITS.signIn': kb(BODY_LIMITS.signIn),
  MAX_FORM_PARTS: String(MAX_FORM_PARTS),
  MAX_PART_HEADER_BYTES: kb(MAX_PART_HEADER_BYTES),
  MAX_JSON_DEPTH: String(MAX_JSON_DEPTH),
  'FIELD_LIMITS.description': `${n(FIELD_LIMITS.description)} characters`,
  MAX_FILENAME_LENGTH: `${MAX_FILENAME_LENGTH} characters`,
  MAX_FILES_PER_STEP: String(MAX_FILES_PER_STEP),
  MAX_CONSENTED_WEEKS: String(MAX_CONSENTED_WEEKS),
  MAX_TERMS: String(MAX_TERMS),
  MAX_WORKING_DAYS: String(MAX_WORKING_DAYS),
  MAX_CHAIN: String(MAX_CHAIN),
  MAX_HORIZON_DAYS: String(MAX_HORIZON_DAYS),
  DEFAULT_SUBMIT_LIMIT: `${DEFAULT_SUBMIT_LIMIT.max} per ${DEFAULT_SUBMIT_LIMIT.windowSeconds} s`,
  SUBMIT_ATTEMPTS_PER_ALLOWED: String(SUBMIT_ATTEMPTS_PER_ALLOWED),
  ATTEMPT_KEYS: n(ATTEMPT_KEYS),
  MIN_FILL_MS: `${n(MIN_FILL_MS)} ms`,
  TRACK_LIMIT: `${TRACK_LIMIT.max} per ${TRACK_LIMIT.windowSeconds} s`,
  ADDRESS_FAILURES: `${ADDRESS_FAILURES} per ${WINDOW_MINUTES} min`,
  ACCOUNT_FAILURES: String(ACCOUNT_FAILURES),
  CONCURRENT_PASSWORD_CHECKS: String(CONCURRENT_PASSWORD_CHECKS),
  SESSION_HOURS: String(SESSION_HOURS),
  STATEMENT_CACHE_SIZE: n(STATEMENT_CACHE_SIZE),
  GROUP_COMMIT_MAX: String(GROUP_COMMIT_MAX),
  MAX_MAIL_BYTES: mb(MAX_MAIL_BYTES),
  MAIL_TEXT_ALLOWANCE: mb(MAIL_TEXT_ALLOWANCE),
  MAX_MAIL_PARTS: String(MAX_MAIL_PARTS),
  MAX_MAIL_DEPTH: String(MAX_MAIL_DEPTH),
  MAX_MAIL_HEADER_BYTES: kb(MAX_MAIL_HEADER_BYTES),
  QUARANTINE_LIMIT: `${QUARANTINE_LIMIT.messages} messages, ${mb(QUARANTINE_LIMIT.bytes)}`,
  REPLY_LIMIT: `${REPLY_LIMIT.max} per ${REPLY_LIMIT.windowSeconds} s`,
  ADDRESS_CONFIRMATION_LIMIT: `${ADDRESS_CONFIRMATION_LIMIT.max} per ${ADDRESS_CONFIRMATION_LIMIT.windowSeconds} s`,
  MAIL_COMPLAINT_LIMIT: `${MAIL_COMPLAINT_LIMIT.max} per ${MAIL_COMPLAINT_LIMIT.windowSeconds} s`,
  MAIL_DOMAIN_LIMIT: `${MAIL_DOMAIN_LIMIT.max} per ${MAIL_DOMAIN_LIMIT.windowSeconds} s`,
  MAIL_SOURCE_LIMIT: `${MAIL_SOURCE_LIMIT.max} per ${MAIL_SOURCE_LIMIT.windowSeconds} s`,
  MAX_LIVE_KEYS: String(MAX_LIVE_KEYS),
  MAX_WEBHOOK_ENDPOINTS: String(MAX_WEBHOOK_ENDPOINTS),
  MAX_MESSAGE_CHARS: `${n(MAX_MESSAGE_CHARS)} characters`,
  MAX_LETTER_PAGES: String(MAX_LETTER_PAGES),
  MAX_ENCLOSURE_PAGES: String(MAX_ENCLOSURE_PAGES),
  MAX_WAITING_LETTERS: String(MAX_WAITING_LETTERS),
  MAX_LETTER_QUEUE_BYTES: mb(MAX_LETTER_QUEUE_BYTES),
  LETTER_TIMEOUT_MS: `${n(LETTER_TIMEOUT_MS)} ms`,
  WEBHOOK_TIMEOUT_MS: `${n(WEBHOOK_TIMEOUT_MS)} ms`,
};

test("the README's limits table says what the code enforces", () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Configuration'));
  const rows = new Map(
    [...section.matchAll(/^\|\s*`([\w.]+)`\s*\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|$/gm)].map((m) => [
      m[1] as string,
      { limit: (m[2] as string).trim(), what: m[3] as string },
    ]),
  );
  expect([...rows.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const [name, limit] of Object.entries(EXPECTED)) {
    expect(rows.get(name)?.limit, name).toBe(limit);
  }
  // The constants named in passing, too.
  const what = (name: string) => rows.get(name)?.what ?? '';
  expect(what('MAX_WORKING_DAYS')).toContain(`\`MAX_CALENDAR_DAYS\` ${MAX_CALENDAR_DAYS}`);
  expect(what('MAX_WORKING_DAYS')).toContain(`\`MAX_WEEKS\` ${MAX_WEEKS}`);
  expect(what('ACCOUNT_FAILURES')).toContain(`\`LOCK_MINUTES\` ${LOCK_MINUTES}`);
  expect(what('ACCOUNT_FAILURES')).toContain(`\`MAX_LOCK_HOURS\` ${MAX_LOCK_HOURS}`);
  expect(what('MAX_MESSAGE_CHARS')).toContain(`\`MAX_SUBJECT_CHARS\` ${MAX_SUBJECT_CHARS}`);
  expect(what('FIELD_LIMITS.description')).toContain(
    `name ${FIELD_LIMITS.name}, initials ${FIELD_LIMITS.initials}, address ${FIELD_LIMITS.address}, phone ${FIELD_LIMITS.phone}, e-mail ${FIELD_LIMITS.email}, desired solution ${n(FIELD_LIMITS.desiredSolution)}`,
  );
});
