import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { Locale } from '../../shared/localised';
import type { AppEnv } from './context';
import { FIELD_MESSAGES, type FieldMessageKey, fieldMessage } from './error-messages';
import { ApiError } from './errors';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** One localised message for a zod issue, in plain words rather than zod's technical ones. */
function issueMessage(issue: Issue, locale: Locale): string {
  // Schemas name one of our messages as '@key' (or '@key|name=value&…' with values to fill in)
  // where zod's own wording would not do.
  if (issue.message?.startsWith('@')) {
    const [key = '', params = ''] = issue.message.slice(1).split('|');
    if (key in FIELD_MESSAGES) {
      return fieldMessage(
        key as FieldMessageKey,
        locale,
        Object.fromEntries(new URLSearchParams(params)),
      );
    }
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? fieldMessage('required', locale)
        : fieldMessage('type', locale);
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? fieldMessage('required', locale)
          : fieldMessage('tooShort', locale, { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) {
        return fieldMessage('required', locale);
      }
      return fieldMessage('tooSmall', locale, { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? fieldMessage('tooLong', locale, { max: Number(issue.maximum) })
        : fieldMessage('tooBig', locale, { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return fieldMessage('email', locale);
      if (issue.format === 'datetime') return fieldMessage('datetime', locale);
      if (issue.format === 'date') return fieldMessage('date', locale);
      if (issue.format === 'url') return fieldMessage('url', locale);
      return fieldMessage('invalid', locale);
    case 'invalid_value':
    case 'invalid_union':
      return fieldMessage('choice', locale);
    case 'unrecognized_keys':
      return fieldMessage('unknownKey', locale);
    case 'invalid_key': {
      // A record's key that fails its own rules: the first rule it broke says why.
      const [why] = issue.issues;
      return why ? issueMessage(why as Issue, locale) : fieldMessage('invalid', locale);
    }
    default:
      // Custom refinements in our schemas carry an English message that names the rule.
      return locale === 'en' && issue.message ? issue.message : fieldMessage('invalid', locale);
  }
}

/** Maps issues to `{ "a.b.0": message }`, one message per field (the first one found). */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  locale: Locale,
): Record<string, string> {
  // No prototype: a field named __proto__ is a key like any other, not the object's prototype.
  const fields: Record<string, string> = Object.create(null);
  for (const issue of issues as Issue[]) {
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const name = path.length > 0 ? path.map(String).join('.') : '_';
      fields[name] ??= issueMessage(issue, locale);
    }
  }
  return fields;
}

export function validationError(issues: readonly z.core.$ZodIssue[], locale: Locale): ApiError {
  return new ApiError(422, 'validation_failed', fieldErrors(issues, locale));
}

/** Parses with the request's locale, throwing the API's one 422 shape on failure. */
export async function parseOr422<S extends z.ZodType>(
  schema: S,
  value: unknown,
  c: Context,
): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(value, { reportInput: true });
  if (!result.success) throw validationError(result.error.issues, c.get('locale') as Locale);
  return result.data;
}

/** `zValidator` with the API's 422 body. */
export function validate<S extends z.ZodType, T extends keyof ValidationTargets>(
  target: T,
  schema: S,
) {
  return zValidator(
    target,
    schema,
    (result, c) => {
      if (!result.success) {
        throw validationError(result.error.issues, (c as Context<AppEnv>).get('locale'));
      }
    },
    {
      // reportInput lets a missing field say "required" rather than "wrong type".
      validationFunction: (s, value) => s.safeParseAsync(value, { reportInput: true }) as never,
    },
  );
}
