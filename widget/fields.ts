import type { ContactFieldModes, FieldMode, FormConfig } from '../shared/api';
import { FIELD_LIMITS, isPhoneNumber } from '../shared/field-rules';
import type { MessageKey, Translate } from './i18n';

/** One input of the form, described once so rendering, validation and the body agree. */
export interface FieldSpec {
  /** Path in the request body and in the server's 422 `fields`, e.g. 'complainant.name'. */
  path: string;
  label: MessageKey;
  /** What the form says when a required field is left empty: it names the field. */
  missing: MessageKey;
  hint?: MessageKey;
  mode: FieldMode;
  kind: 'text' | 'email' | 'tel' | 'textarea' | 'select';
  autocomplete?: string;
  maxLength: number;
}

const CONTACT: {
  key: keyof ContactFieldModes;
  kind: FieldSpec['kind'];
  autocomplete: string;
  maxLength: number;
}[] = [
  { key: 'name', kind: 'text', autocomplete: 'name', maxLength: FIELD_LIMITS.name },
  { key: 'initials', kind: 'text', autocomplete: 'off', maxLength: FIELD_LIMITS.initials },
  {
    key: 'address',
    kind: 'text',
    autocomplete: 'street-address',
    maxLength: FIELD_LIMITS.address,
  },
  { key: 'phone', kind: 'tel', autocomplete: 'tel', maxLength: FIELD_LIMITS.phone },
  { key: 'email', kind: 'email', autocomplete: 'email', maxLength: FIELD_LIMITS.email },
];

export function contactFields(
  prefix: 'complainant' | 'onBehalfOf',
  modes: ContactFieldModes,
): FieldSpec[] {
  return CONTACT.filter(({ key }) => modes[key] !== 'hidden').map(
    ({ key, kind, autocomplete, maxLength }) => ({
      path: `${prefix}.${key}`,
      label: key,
      missing: `${prefix === 'complainant' ? 'need' : 'needOther'}_${key}` as const,
      hint: key === 'phone' && prefix === 'complainant' ? 'phoneHint' : undefined,
      mode: modes[key],
      kind,
      // Someone else's details must not be filled in from the complainant's own browser profile.
      autocomplete:
        prefix === 'onBehalfOf'
          ? 'off'
          : key === 'name' && modes.initials !== 'hidden'
            ? 'family-name'
            : autocomplete,
      maxLength,
    }),
  );
}

export function complaintFields(config: FormConfig): FieldSpec[] {
  const fields: FieldSpec[] = [];
  if (config.category !== 'hidden' && config.categories.length > 0) {
    fields.push({
      path: 'category',
      label: 'category',
      missing: 'need_category',
      mode: config.category,
      kind: 'select',
      maxLength: FIELD_LIMITS.category,
    });
  }
  fields.push({
    path: 'description',
    label: 'description',
    missing: 'need_description',
    hint: 'descriptionHint',
    mode: 'required',
    kind: 'textarea',
    maxLength: FIELD_LIMITS.description,
  });
  if (config.desiredSolution !== 'hidden') {
    fields.push({
      path: 'desiredSolution',
      label: 'desiredSolution',
      missing: 'need_desiredSolution',
      mode: config.desiredSolution,
      kind: 'textarea',
      maxLength: FIELD_LIMITS.desiredSolution,
    });
  }
  return fields;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * The browser's check, in words that name the field, so a list of problems reads on its own;
 * the server checks again and has the last word.
 */
export function checkField(spec: FieldSpec, raw: string | undefined, t: Translate): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return spec.mode === 'required' ? t(spec.missing) : null;
  if (value.length > spec.maxLength) {
    return t('fieldTooLong', { label: t(spec.label), max: spec.maxLength });
  }
  if (spec.kind === 'email' && !EMAIL.test(value)) return t('fieldEmail');
  if (spec.kind === 'tel' && !isPhoneNumber(value)) return t('fieldPhone');
  return null;
}

export interface FormFields {
  complainant: FieldSpec[];
  onBehalfOf: FieldSpec[];
  complaint: FieldSpec[];
}

/** The form's fields, grouped as it shows them. */
export function formFields(config: FormConfig): FormFields {
  return {
    complainant: contactFields('complainant', config.complainant),
    onBehalfOf: config.onBehalfOf.offered
      ? contactFields('onBehalfOf', config.onBehalfOf.fields)
      : [],
    complaint: complaintFields(config),
  };
}

/** The fields that count now: "on behalf of" only when it is ticked. */
export function activeFields(fields: FormFields, onBehalfOf: boolean): FieldSpec[] {
  return [...fields.complainant, ...(onBehalfOf ? fields.onBehalfOf : []), ...fields.complaint];
}

/** Every field's problem, in the page's language. */
export function checkFields(
  fields: FieldSpec[],
  values: Record<string, string>,
  t: Translate,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of fields) {
    const problem = checkField(spec, values[spec.path], t);
    if (problem) errors[spec.path] = problem;
  }
  return errors;
}

/** Turns the flat form values into the API's body, leaving out what was not filled in. */
export function requestBody(fields: FieldSpec[], values: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const { path } of fields) {
    const value = values[path]?.trim();
    if (!value) continue;
    const [head = '', tail] = path.split('.');
    if (tail) {
      body[head] = { ...(body[head] as Record<string, string> | undefined), [tail]: value };
    } else {
      body[head] = value;
    }
  }
  body.complainant ??= {};
  return body;
}
