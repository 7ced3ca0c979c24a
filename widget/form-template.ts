import { html, nothing } from 'lit';
import type { FormConfig } from '../shared/api';
import type { FieldSpec } from './fields';
import type { Translate, WidgetLocale } from './i18n';
import * as view from './views';

/** Everything the form shows, and what it calls back; the element owns the state. */
export interface FormState {
  t: Translate;
  lang: WidgetLocale;
  config: FormConfig;
  fields: { complainant: FieldSpec[]; onBehalfOf: FieldSpec[]; complaint: FieldSpec[] };
  /** The paths of the fields shown now (the summary links only to those). */
  known: Set<string>;
  values: Record<string, string>;
  errors: Record<string, string>;
  alert: string;
  notice: string;
  status: string;
  files: File[];
  onBehalfOf: boolean;
  submitting: boolean;
  /** A failed attempt: the button says "try again". */
  retry: boolean;
  turnstile: boolean;
  on: {
    submit(event: Event): void;
    input(path: string, event: Event): void;
    goTo(event: Event, path: string): void;
    choose(event: Event): void;
    remove(index: number): void;
    onBehalfOf(on: boolean): void;
  };
}

/** The form itself: fields, files, honeypot, privacy line and the submit button. */
export function formTemplate(s: FormState) {
  const { t, lang, config, fields } = s;
  const field = (spec: FieldSpec) =>
    view.field(spec, {
      t,
      lang,
      value: s.values[spec.path] ?? '',
      error: s.errors[spec.path],
      categories: config.categories,
      onInput: (e) => s.on.input(spec.path, e),
    });
  const limits = config.attachments;
  return html`
    <form novalidate lang=${lang} @submit=${s.on.submit}>
      ${view.errorSummary(s.errors, s.known, t, s.on.goTo)}
      ${view.alert(s.alert)}
      ${s.notice ? html`<p class="notice">${s.notice}</p>` : nothing}
      ${config.intro ? html`<p>${config.intro[lang]}</p>` : nothing}
      <fieldset>
        <legend>${t('yourDetails')}</legend>
        ${fields.complainant.map(field)}
      </fieldset>
      ${
        fields.onBehalfOf.length > 0
          ? view.onBehalfOf(t, s.onBehalfOf, fields.onBehalfOf.map(field), s.on.onBehalfOf)
          : nothing
      }
      <fieldset>
        <legend>${t('complaint')}</legend>
        ${fields.complaint.map(field)}
        ${
          limits.mode === 'optional'
            ? view.filesField({
                t,
                lang,
                limits,
                files: s.files,
                errors: s.errors,
                onChoose: s.on.choose,
                onRemove: s.on.remove,
              })
            : nothing
        }
      </fieldset>
      ${view.honeypot(t)}
      ${s.turnstile ? html`<slot name="turnstile"></slot>` : nothing}
      <p>
        ${t('privacy')}
        ${
          config.privacyUrl
            ? html`<a href=${config.privacyUrl} target="_blank" rel="noopener"
                >${t('privacyLink')}</a>`
            : nothing
        }
      </p>
      <button type="submit" part="button" aria-disabled=${s.submitting ? 'true' : 'false'}>
        ${s.submitting ? t('submitting') : s.retry ? t('retry') : t('submit')}
      </button>
      <p class="visually-hidden" role="status">${s.status}</p>
    </form>
  `;
}
