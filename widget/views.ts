import { html, nothing, type TemplateResult } from 'lit';
import type { FormConfig } from '../shared/api';
import { typeNames } from './attachments';
import type { FieldSpec } from './fields';
import { formatBytes, type Translate, type WidgetLocale } from './i18n';

// Templates without state of their own: the element passes in what they show and what to call.

export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/** The id a summary link points at: every attachment problem belongs to the file input. */
export function targetId(path: string): string {
  return fieldId(path.startsWith('attachments') ? 'attachments' : path);
}

function labelFor(id: string, text: string, mode: string) {
  return html`<label for=${id} part="label">${text} <span class="mode">${mode}</span></label>`;
}

function errorText(id: string, t: Translate, messages: string[]) {
  return messages.length > 0
    ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${t('errorPrefix')}</span>
        ${messages.join(' ')}</p>`
    : nothing;
}

export function alert(message: string) {
  return message ? html`<div class="alert" role="alert" tabindex="-1">${message}</div>` : nothing;
}

export function errorSummary(
  errors: Record<string, string>,
  known: Set<string>,
  t: Translate,
  go: (event: Event, path: string) => void,
) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return nothing;
  // A message for a field the form does not show (the server's word) is listed without a link.
  const linked = (path: string) => known.has(path) || path.startsWith('attachments');
  return html`
    <div class="error-summary" part="error-summary" tabindex="-1" role="alert"
      aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">${t('errorSummary')}</h2>
      <ul>
        ${entries.map(([path, message]) =>
          linked(path)
            ? html`<li><a href="#${targetId(path)}" @click=${(e: Event) => go(e, path)}
                >${message}</a></li>`
            : html`<li>${message}</li>`,
        )}
      </ul>
    </div>
  `;
}

/** "Namens iemand anders": a checkbox that shows the other person's fields. */
export function onBehalfOf(
  t: Translate,
  on: boolean,
  fields: TemplateResult[],
  toggle: (on: boolean) => void,
) {
  return html`<div class="check">
      <input id="on-behalf-of" type="checkbox" .checked=${on}
        @change=${(e: Event) => toggle((e.target as HTMLInputElement).checked)} />
      <label for="on-behalf-of" part="label">${t('onBehalfOfToggle')}</label>
    </div>
    <fieldset ?hidden=${!on}>
      <legend>${t('onBehalfOfLegend')}</legend>
      <p class="hint">${t('onBehalfOfHint')}</p>
      ${fields}
    </fieldset>`;
}

export interface FieldContext {
  t: Translate;
  lang: WidgetLocale;
  value: string;
  error: string | undefined;
  categories: FormConfig['categories'];
  onInput: (event: Event) => void;
}

export function field(
  spec: FieldSpec,
  { t, lang, value, error, categories, onInput }: FieldContext,
) {
  const id = fieldId(spec.path);
  const describedBy =
    [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    nothing;
  const invalid = error ? 'true' : 'false';
  let control: TemplateResult;
  if (spec.kind === 'textarea') {
    control = html`<textarea id=${id} part="input" name=${spec.path} maxlength=${spec.maxLength}
      aria-invalid=${invalid} aria-describedby=${describedBy}
      .value=${value} @input=${onInput}></textarea>`;
  } else if (spec.kind === 'select') {
    control = html`<select id=${id} part="input" name=${spec.path}
      aria-invalid=${invalid} aria-describedby=${describedBy} @change=${onInput}>
      <option value="" ?selected=${!value}>${t('chooseCategory')}</option>
      ${categories.map(
        (c) => html`<option value=${c.id} ?selected=${value === c.id}>${c.label[lang]}</option>`,
      )}
    </select>`;
  } else {
    control = html`<input id=${id} part="input" name=${spec.path} type=${spec.kind}
      autocomplete=${spec.autocomplete ?? nothing} maxlength=${spec.maxLength}
      spellcheck=${spec.kind === 'text' ? nothing : 'false'}
      aria-invalid=${invalid} aria-describedby=${describedBy}
      .value=${value} @input=${onInput} />`;
  }
  return html`
    <div class="field ${error ? 'invalid' : ''}">
      ${labelFor(id, t(spec.label), t(spec.mode === 'required' ? 'required' : 'optional'))}
      ${spec.hint ? html`<p class="hint" id="${id}-hint">${t(spec.hint)}</p>` : nothing}
      ${errorText(id, t, error ? [error] : [])}
      ${control}
    </div>
  `;
}

export interface FilesContext {
  t: Translate;
  lang: WidgetLocale;
  limits: FormConfig['attachments'];
  files: File[];
  /** Messages for the input as a whole and per chosen file (the server's `attachments.N`). */
  errors: Record<string, string>;
  onChoose: (event: Event) => void;
  onRemove: (index: number) => void;
}

export function filesField({ t, lang, limits, files, errors, onChoose, onRemove }: FilesContext) {
  const id = fieldId('attachments');
  const hint = t('attachmentsHint', {
    count: limits.maxCount,
    size: formatBytes(limits.maxBytes, lang),
    types: typeNames(limits.types, lang),
  });
  const messages = Object.entries(errors)
    .filter(([path]) => path.startsWith('attachments'))
    .map(([path, message]) => {
      const name = files[Number(path.split('.')[1])]?.name;
      return name && !message.includes(name) ? `${name}: ${message}` : message;
    });
  const describedBy = [`${id}-hint`, messages.length > 0 ? `${id}-error` : ''].join(' ').trim();
  return html`
    <div class="field ${messages.length > 0 ? 'invalid' : ''}">
      ${labelFor(id, t('attachments'), t('optional'))}
      <p class="hint" id="${id}-hint">${hint}</p>
      ${errorText(id, t, messages)}
      <input id=${id} part="input" type="file" multiple accept=${limits.types.join(',')}
        aria-invalid=${messages.length > 0 ? 'true' : 'false'} aria-describedby=${describedBy}
        @change=${onChoose} />
      ${
        files.length > 0
          ? html`<ul class="files" aria-label=${t('chosenFiles')}>
              ${files.map(
                (file, i) => html`<li>
                  <span class="file-name">${file.name}</span>
                  <span class="file-size">(${formatBytes(file.size, lang)})</span>
                  <button type="button" class="secondary" part="button" @click=${() => onRemove(i)}>
                    ${t('remove')}<span class="visually-hidden"> ${file.name}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>
  `;
}

/** Visually hidden and out of the tab order: people never meet it, simple bots fill it in. */
export function honeypot(t: Translate) {
  return html`<div class="hp" aria-hidden="true">
    <label for="f-website">${t('honeypot')}</label>
    <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" />
  </div>`;
}
