import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ErrorBody, FormConfig, SubmitResponse } from '../shared/api';
import { checkField, complaintFields, contactFields, type FieldSpec, requestBody } from './fields';
import { formatDate, MESSAGES, type MessageKey, type WidgetLocale } from './i18n';
import { styles } from './klacht-form.styles';

type State = 'loading' | 'unavailable' | 'ready' | 'submitting' | 'done';

/** Detail of `klacht-submitted`. */
export interface KlachtSubmittedDetail {
  number: string;
  due: Record<string, string>;
  trackingUrl: string;
}

/** Detail of `klacht-error`. */
export interface KlachtErrorDetail {
  kind: 'validation' | 'network' | 'server' | 'load';
  fields?: Record<string, string>;
}

// The origin this module was loaded from: a site owner pastes one script tag and the element.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * A complaint form for a tenant's procedure ("klachtenregeling"), rendered from the tenant's form
 * configuration and submitted to the Klachtenregeling API.
 *
 * @summary Embeddable complaint form.
 * @attr tenant - The tenant's slug (required).
 * @attr api - Base URL of the API; defaults to the origin the script was loaded from.
 * @attr lang - `nl` or `en`; defaults to the page's language, then Dutch.
 * @event klacht-submitted - A complaint was registered; `detail`: `{ number, due, trackingUrl }`.
 * @event klacht-error - Submitting or loading failed; `detail`: `{ kind, fields? }`.
 * @csspart label - Every field label.
 * @csspart input - Every input, select and textarea.
 * @csspart button - The submit button.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart confirmation - The confirmation shown after a successful submit.
 * @cssproperty --klacht-color-primary - Button colour (falls back to `--nl-button-primary-background-color`).
 * @cssproperty --klacht-color-on-primary - Button text colour.
 * @cssproperty --klacht-color-error - Error colour.
 * @cssproperty --klacht-color-border - Input border colour.
 * @cssproperty --klacht-color-focus - Focus outline colour.
 * @cssproperty --klacht-font-family - Font; inherits the page's font by default.
 * @cssproperty --klacht-radius - Corner radius.
 * @cssproperty --klacht-space - Spacing unit.
 */
export class KlachtForm extends LitElement {
  static override styles = styles;

  static override properties = {
    tenant: { type: String },
    api: { type: String },
    locale: { type: String, attribute: 'lang' },
    state: { state: true },
    config: { state: true },
    values: { state: true },
    errors: { state: true },
    alert: { state: true },
    result: { state: true },
    onBehalfOf: { state: true },
  };

  // Reactive properties are declared, not defined as class fields: a class field would shadow
  // the accessor Lit installs, and changes would not render.
  declare tenant: string;
  declare api: string;
  declare locale: string;
  declare protected state: State;
  declare protected config?: FormConfig;
  declare protected values: Record<string, string>;
  declare protected errors: Record<string, string>;
  declare protected alert: MessageKey | null;
  declare protected result?: SubmitResponse;
  declare protected onBehalfOf: boolean;
  #idempotencyKey = '';
  #lastBody = '';

  constructor() {
    super();
    this.tenant = '';
    this.api = '';
    this.locale = '';
    this.state = 'loading';
    this.values = {};
    this.errors = {};
    this.alert = null;
    this.onBehalfOf = false;
  }

  get #lang(): WidgetLocale {
    const lang = (
      this.locale ||
      this.closest('[lang]')?.getAttribute('lang') ||
      'nl'
    ).toLowerCase();
    return lang.startsWith('en') ? 'en' : 'nl';
  }

  #t(key: MessageKey): string {
    return MESSAGES[this.#lang][key];
  }

  get #base(): string {
    return (this.api || SCRIPT_ORIGIN).replace(/\/$/, '');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const source = changed.has('tenant') || changed.has('api') || changed.has('locale');
    if (source && this.tenant) void this.#load();
  }

  async #load() {
    this.state = 'loading';
    try {
      const res = await fetch(`${this.#base}/v1/tenants/${encodeURIComponent(this.tenant)}/form`, {
        headers: { 'Accept-Language': this.#lang },
      });
      if (!res.ok) throw new Error(String(res.status));
      this.config = (await res.json()) as FormConfig;
      this.state = 'ready';
    } catch {
      this.state = 'unavailable';
      this.#emit('klacht-error', { kind: 'load' } satisfies KlachtErrorDetail);
    }
  }

  #fields(): { complainant: FieldSpec[]; onBehalfOf: FieldSpec[]; complaint: FieldSpec[] } {
    const config = this.config as FormConfig;
    return {
      complainant: contactFields('complainant', config.complainant),
      onBehalfOf: config.onBehalfOf.offered
        ? contactFields('onBehalfOf', config.onBehalfOf.fields)
        : [],
      complaint: complaintFields(config),
    };
  }

  #activeFields(): FieldSpec[] {
    const f = this.#fields();
    return [...f.complainant, ...(this.onBehalfOf ? f.onBehalfOf : []), ...f.complaint];
  }

  async #submit(event: Event) {
    event.preventDefault();
    if (this.state === 'submitting') return;
    const fields = this.#activeFields();
    const errors: Record<string, string> = {};
    for (const spec of fields) {
      const problem = checkField(spec, this.values[spec.path]);
      if (problem) errors[spec.path] = this.#t(problem);
    }
    this.errors = errors;
    this.alert = null;
    if (Object.keys(errors).length > 0) {
      this.#emit('klacht-error', {
        kind: 'validation',
        fields: errors,
      } satisfies KlachtErrorDetail);
      await this.#focus('.error-summary');
      return;
    }
    const body = JSON.stringify(requestBody(fields, this.values));
    // A retry of the same body reuses the key, so the server registers the complaint only once.
    if (body !== this.#lastBody) {
      this.#idempotencyKey = crypto.randomUUID();
      this.#lastBody = body;
    }
    this.state = 'submitting';
    let res: Response;
    try {
      res = await fetch(`${this.#base}/v1/tenants/${encodeURIComponent(this.tenant)}/complaints`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Accept-Language': this.#lang,
          'Idempotency-Key': this.#idempotencyKey,
        },
        body,
      });
    } catch {
      return this.#fail('networkFailed', 'network');
    }
    if (res.status === 201) {
      this.result = (await res.json()) as SubmitResponse;
      this.state = 'done';
      const { number, due, trackingUrl } = this.result;
      this.#emit('klacht-submitted', { number, due, trackingUrl } satisfies KlachtSubmittedDetail);
      await this.#focus('.confirmation');
      return;
    }
    const error = ((await res.json().catch(() => null)) as ErrorBody | null)?.error;
    if (res.status === 422 && error?.fields) {
      this.state = 'ready';
      this.errors = error.fields;
      this.#emit('klacht-error', {
        kind: 'validation',
        fields: error.fields,
      } satisfies KlachtErrorDetail);
      await this.#focus('.error-summary');
      return;
    }
    this.#fail('serverFailed', 'server');
  }

  async #fail(message: MessageKey, kind: KlachtErrorDetail['kind']) {
    this.state = 'ready';
    this.alert = message;
    this.#emit('klacht-error', { kind } satisfies KlachtErrorDetail);
    await this.#focus('.alert');
  }

  async #focus(selector: string) {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #goTo(event: Event, path: string) {
    event.preventDefault();
    const id = fieldId(path);
    this.renderRoot
      .querySelector<HTMLElement>(`label[for="${id}"]`)
      ?.scrollIntoView({ block: 'start' });
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus({ preventScroll: true });
  }

  #input(path: string, event: Event) {
    this.values = { ...this.values, [path]: (event.target as HTMLInputElement).value };
  }

  override render() {
    if (this.state === 'loading') return html`<p role="status">${this.#t('loading')}</p>`;
    if (this.state === 'unavailable' || !this.config)
      return html`<p role="alert">${this.#t('loadFailed')}</p>`;
    if (this.state === 'done' && this.result) return this.#confirmation(this.result);
    const fields = this.#fields();
    const lang = this.#lang;
    const submitting = this.state === 'submitting';
    return html`
      <form novalidate @submit=${this.#submit}>
        ${this.#errorSummary()}
        ${this.alert ? html`<div class="alert" role="alert" tabindex="-1">${this.#t(this.alert)}</div>` : nothing}
        ${this.config.intro ? html`<p>${this.config.intro[lang]}</p>` : nothing}
        <fieldset>
          <legend>${this.#t('yourDetails')}</legend>
          ${fields.complainant.map((spec) => this.#field(spec))}
        </fieldset>
        ${
          fields.onBehalfOf.length > 0
            ? html`<div class="check">
                <input id="on-behalf-of" type="checkbox" .checked=${this.onBehalfOf}
                  @change=${(e: Event) => {
                    this.onBehalfOf = (e.target as HTMLInputElement).checked;
                  }} />
                <label for="on-behalf-of" part="label">${this.#t('onBehalfOfToggle')}</label>
              </div>
              <fieldset ?hidden=${!this.onBehalfOf}>
                <legend>${this.#t('onBehalfOfLegend')}</legend>
                <p class="hint">${this.#t('onBehalfOfHint')}</p>
                ${fields.onBehalfOf.map((spec) => this.#field(spec))}
              </fieldset>`
            : nothing
        }
        <fieldset>
          <legend>${this.#t('complaint')}</legend>
          ${fields.complaint.map((spec) => this.#field(spec))}
        </fieldset>
        <p>
          ${this.#t('privacy')}
          ${
            this.config.privacyUrl
              ? html`<a href=${this.config.privacyUrl} target="_blank" rel="noopener">${this.#t('privacyLink')}</a>`
              : nothing
          }
        </p>
        <button type="submit" part="button" aria-disabled=${submitting ? 'true' : 'false'}>
          ${submitting ? this.#t('submitting') : this.alert ? this.#t('retry') : this.#t('submit')}
        </button>
      </form>
    `;
  }

  #errorSummary() {
    const entries = Object.entries(this.errors);
    if (entries.length === 0) return nothing;
    return html`
      <div class="error-summary" part="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">${this.#t('errorSummary')}</h2>
        <ul>
          ${entries.map(
            ([path, message]) =>
              html`<li><a href="#${fieldId(path)}" @click=${(e: Event) => this.#goTo(e, path)}>${message}</a></li>`,
          )}
        </ul>
      </div>
    `;
  }

  #field(spec: FieldSpec) {
    const id = fieldId(spec.path);
    const error = this.errors[spec.path];
    const describedBy = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    const common = {
      id,
      invalid: error ? 'true' : 'false',
      describedBy: describedBy || nothing,
      value: this.values[spec.path] ?? '',
    };
    const onInput = (e: Event) => this.#input(spec.path, e);
    let control: unknown;
    if (spec.kind === 'textarea') {
      control = html`<textarea id=${common.id} part="input" name=${spec.path} maxlength=${spec.maxLength}
        aria-invalid=${common.invalid} aria-describedby=${common.describedBy}
        .value=${common.value} @input=${onInput}></textarea>`;
    } else if (spec.kind === 'select') {
      control = html`<select id=${common.id} part="input" name=${spec.path}
        aria-invalid=${common.invalid} aria-describedby=${common.describedBy} @change=${onInput}>
        <option value="" ?selected=${!common.value}>${this.#t('chooseCategory')}</option>
        ${this.config?.categories.map(
          (c) =>
            html`<option value=${c.id} ?selected=${common.value === c.id}>${c.label[this.#lang]}</option>`,
        )}
      </select>`;
    } else {
      control = html`<input id=${common.id} part="input" name=${spec.path} type=${spec.kind}
        autocomplete=${spec.autocomplete ?? nothing} maxlength=${spec.maxLength}
        aria-invalid=${common.invalid} aria-describedby=${common.describedBy}
        .value=${common.value} @input=${onInput} />`;
    }
    return html`
      <div class="field ${error ? 'invalid' : ''}">
        <label for=${id} part="label">${this.#t(spec.label)}
          <span class="mode">${this.#t(spec.mode === 'required' ? 'required' : 'optional')}</span></label>
        ${spec.hint ? html`<p class="hint" id="${id}-hint">${this.#t(spec.hint)}</p>` : nothing}
        ${error ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${this.#t('errorPrefix')}</span> ${error}</p>` : nothing}
        ${control}
      </div>
    `;
  }

  #confirmation(result: SubmitResponse) {
    const lang = this.#lang;
    return html`
      <section class="confirmation" part="confirmation" tabindex="-1" aria-labelledby="confirmation-title">
        <h2 id="confirmation-title">${this.#t('receivedTitle')}</h2>
        <p>${this.#t('yourNumber')} <span class="number">${result.number}</span></p>
        <p>${this.#t('receivedOn')} ${formatDate(result.receivedAt.slice(0, 10), lang)}</p>
        ${
          result.deadlines.length > 0
            ? html`<h3>${this.#t('deadlines')}</h3>
              <ul>
                ${result.deadlines.map(
                  (
                    d,
                  ) => html`<li><strong>${d.label}</strong>: ${this.#t('dueBy')} ${formatDate(d.date, lang)}.
                    <br /><small>${d.explanation}</small></li>`,
                )}
              </ul>`
            : nothing
        }
        <h3>${this.#t('whatNext')}</h3>
        <p>${this.#t('whatNextText')}</p>
        <p>${this.#t('tracking')} <a class="tracking" href=${result.trackingUrl}>${result.trackingUrl}</a></p>
      </section>
    `;
  }
}

function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'klacht-form': KlachtForm;
  }
  interface HTMLElementEventMap {
    'klacht-submitted': CustomEvent<KlachtSubmittedDetail>;
    'klacht-error': CustomEvent<KlachtErrorDetail>;
  }
}
