import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { FormConfig, SubmitResponse } from '../shared/api';
import { checkFiles, fileId } from './attachments';
import { clearDraft, loadDraft, saveDraft } from './draft';
import type { KlachtErrorDetail, KlachtSubmittedDetail } from './events';
import { checkField, complaintFields, contactFields, type FieldSpec, requestBody } from './fields';
import { type MessageKey, type Translate, translator, type WidgetLocale } from './i18n';
import { styles } from './klacht-form.styles';
import { sendComplaint } from './submit';
import { renderTurnstile } from './turnstile';
import * as view from './views';

export type { KlachtErrorDetail, KlachtSubmittedDetail } from './events';

type State = 'loading' | 'unavailable' | 'ready' | 'submitting' | 'done';

// The origin this module was loaded from: a site owner pastes one script tag and the element.
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * A complaint form for a tenant's procedure ("klachtenregeling"), rendered from the tenant's form
 * configuration and submitted to the Klachtenregeling API. What is typed survives a reload in
 * the same tab (sessionStorage) until the complaint is sent; chosen files do not.
 *
 * @summary Embeddable complaint form.
 * @attr tenant - The tenant's slug (required).
 * @attr api - Base URL of the API; defaults to the origin the script was loaded from.
 * @attr lang - `nl` or `en`; defaults to the page's language, then Dutch.
 * @attr turnstile-sitekey - Cloudflare Turnstile site key. Off by default; when set and the page
 * has loaded Turnstile (`window.turnstile`), the challenge is rendered in a light-DOM child with
 * `slot="turnstile"` and its token is sent as `turnstileToken`.
 * @slot turnstile - Where the Turnstile challenge is rendered; filled by the element itself.
 * @event {CustomEvent<KlachtSubmittedDetail>} klacht-submitted - A complaint was registered;
 * `detail`: `{ number, due, trackingUrl }`. Bubbles and crosses the shadow boundary.
 * @event {CustomEvent<KlachtErrorDetail>} klacht-error - Loading or submitting failed;
 * `detail`: `{ kind, fields? }`. Bubbles and crosses the shadow boundary.
 * @csspart label - Every field label.
 * @csspart input - Every input, select and textarea.
 * @csspart button - The submit button and the buttons that remove a chosen file.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart confirmation - The confirmation shown after a successful submit.
 * @cssproperty --klacht-color-primary - Button colour
 *   (falls back to `--nl-button-primary-background-color`).
 * @cssproperty --klacht-color-on-primary - Button text colour
 *   (falls back to `--nl-button-primary-color`).
 * @cssproperty --klacht-color-text - Text colour (falls back to `--nl-paragraph-color`).
 * @cssproperty --klacht-color-error - Error colour
 *   (falls back to `--utrecht-feedback-danger-color`).
 * @cssproperty --klacht-color-border - Input border colour
 *   (falls back to `--utrecht-form-control-border-color`).
 * @cssproperty --klacht-color-focus - Focus outline colour
 *   (falls back to `--utrecht-focus-outline-color`).
 * @cssproperty --klacht-color-success - Border of the confirmation.
 * @cssproperty --klacht-color-input-background - Background of inputs.
 * @cssproperty --klacht-font-family - Font; inherits the page's font by default.
 * @cssproperty --klacht-radius - Corner radius
 *   (falls back to `--utrecht-form-control-border-radius`).
 * @cssproperty --klacht-space - Spacing unit.
 */
export class KlachtForm extends LitElement {
  static override styles = styles;

  static override properties = {
    tenant: { type: String },
    api: { type: String },
    locale: { type: String, attribute: 'lang' },
    turnstileSitekey: { type: String, attribute: 'turnstile-sitekey' },
    state: { state: true },
    config: { state: true },
    values: { state: true },
    errors: { state: true },
    alert: { state: true },
    notice: { state: true },
    status: { state: true },
    files: { state: true },
    result: { state: true },
    onBehalfOf: { state: true },
  };

  // Reactive properties are declared, not defined as class fields: a class field would shadow
  // the accessor Lit installs, and changes would not render.
  declare tenant: string;
  declare api: string;
  declare locale: string;
  declare turnstileSitekey: string;
  declare protected state: State;
  declare protected config?: FormConfig;
  declare protected values: Record<string, string>;
  declare protected errors: Record<string, string>;
  declare protected alert: MessageKey | null;
  declare protected notice: string;
  declare protected status: string;
  declare protected files: File[];
  declare protected result?: SubmitResponse;
  declare protected onBehalfOf: boolean;
  #idempotencyKey = '';
  #sentBody = '';
  #shownAt = 0;
  #restored = false;
  #lostFiles: string[] = [];
  #recap: view.Recap = { description: '', files: [] };
  #turnstileToken = '';
  #resetTurnstile: (() => void) | null = null;

  constructor() {
    super();
    this.tenant = '';
    this.api = '';
    this.locale = '';
    this.turnstileSitekey = '';
    this.state = 'loading';
    this.values = {};
    this.errors = {};
    this.alert = null;
    this.notice = '';
    this.status = '';
    this.files = [];
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

  get #t(): Translate {
    return translator(this.#lang);
  }

  get #base(): string {
    const api = (this.api || SCRIPT_ORIGIN).replace(/\/$/, '');
    return `${api}/v1/tenants/${encodeURIComponent(this.tenant)}`;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const source = changed.has('tenant') || changed.has('api') || changed.has('locale');
    if (source && this.tenant) void this.#load();
  }

  protected override updated() {
    if (this.state === 'ready' && this.turnstileSitekey && !this.#resetTurnstile) {
      this.#resetTurnstile = renderTurnstile(this, this.turnstileSitekey, this.#lang, (token) => {
        this.#turnstileToken = token;
      });
    }
    if (this.state === 'ready' || this.state === 'submitting') this.#saveDraft();
  }

  async #load() {
    this.state = 'loading';
    try {
      const res = await fetch(`${this.#base}/form`, { headers: { 'Accept-Language': this.#lang } });
      if (!res.ok) throw new Error(String(res.status));
      this.config = (await res.json()) as FormConfig;
      this.#restore();
      this.state = 'ready';
    } catch {
      this.state = 'unavailable';
      this.#emit('klacht-error', { kind: 'load' } satisfies KlachtErrorDetail);
    }
  }

  /** Takes up a draft left by an earlier page in this tab, once per element. */
  #restore() {
    if (this.#restored) return;
    this.#restored = true;
    const draft = loadDraft(this.tenant);
    this.#shownAt = draft?.shownAt ?? Date.now();
    if (!draft) return;
    this.values = { ...draft.values, ...this.values };
    this.onBehalfOf = draft.onBehalfOf ?? false;
    this.#idempotencyKey = draft.idempotencyKey ?? '';
    this.#sentBody = draft.sentBody ?? '';
    this.#lostFiles = draft.files ?? [];
    if (this.#lostFiles.length > 0) {
      this.notice = this.#t('filesLost', { names: this.#lostFiles.join(', ') });
    }
  }

  #saveDraft() {
    const chosen = this.files.map((f) => f.name);
    saveDraft(this.tenant, {
      values: this.values,
      onBehalfOf: this.onBehalfOf,
      files: [...this.#lostFiles.filter((name) => !chosen.includes(name)), ...chosen],
      shownAt: this.#shownAt,
      idempotencyKey: this.#idempotencyKey,
      sentBody: this.#sentBody,
    });
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
    // The form lives in the shadow root: preventing its default also keeps any host page <form>
    // around the element from being submitted or the page from navigating.
    event.preventDefault();
    if (this.state === 'submitting' || !this.config) return;
    const fields = this.#activeFields();
    const errors: Record<string, string> = {};
    for (const spec of fields) {
      const problem = checkField(spec, this.values[spec.path]);
      if (problem) errors[spec.path] = this.#t(problem);
    }
    this.errors = errors;
    this.alert = null;
    if (Object.keys(errors).length > 0) return this.#invalid(errors);

    const body = {
      ...requestBody(fields, this.values),
      website: this.renderRoot.querySelector<HTMLInputElement>('#f-website')?.value ?? '',
      formShownAt: this.#shownAt,
    };
    // A retry of the same body and files reuses the key, so the complaint is registered once.
    const signature = JSON.stringify([body, this.files.map(fileId)]);
    if (signature !== this.#sentBody) {
      this.#idempotencyKey = crypto.randomUUID();
      this.#sentBody = signature;
    }
    const token = this.#turnstileToken ? { turnstileToken: this.#turnstileToken } : {};
    this.state = 'submitting';
    this.status = this.#t('submitting');
    const files = this.files;
    const outcome = await sendComplaint(
      `${this.#base}/complaints`,
      { ...body, ...token },
      files,
      this.#idempotencyKey,
      this.#lang,
    );
    this.status = '';
    if (outcome.kind === 'done') {
      const category = this.config.categories.find((c) => c.id === this.values.category);
      this.#recap = {
        category: category?.label[this.#lang],
        description: this.values.description ?? '',
        files: files.map((f) => f.name),
      };
      this.result = outcome.result;
      this.state = 'done';
      clearDraft(this.tenant);
      const { number, due, trackingUrl } = outcome.result;
      this.#emit('klacht-submitted', { number, due, trackingUrl } satisfies KlachtSubmittedDetail);
      return this.#focus('.confirmation');
    }
    this.state = 'ready';
    this.#resetTurnstile?.();
    if (outcome.kind === 'invalid') return this.#invalid(outcome.fields);
    if (outcome.kind === 'network') return this.#fail('networkFailed', 'network');
    // 'not_sent': the spam checks refused it (e.g. sent within seconds by autofill); a person
    // who checks the form and sends it again gets through.
    const message =
      outcome.status === 429
        ? 'rateLimited'
        : outcome.code === 'not_sent'
          ? 'notSent'
          : 'serverFailed';
    this.#fail(message, 'server');
  }

  async #invalid(fields: Record<string, string>) {
    this.errors = fields;
    this.#emit('klacht-error', { kind: 'validation', fields } satisfies KlachtErrorDetail);
    await this.#focus('.error-summary');
  }

  async #fail(message: MessageKey, kind: KlachtErrorDetail['kind']) {
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

  /** A summary link: the label scrolls into view, so the question is seen with its field. */
  #goTo = (event: Event, path: string) => {
    event.preventDefault();
    const id = view.targetId(path);
    this.renderRoot.querySelector(`label[for="${id}"]`)?.scrollIntoView({ block: 'start' });
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus({ preventScroll: true });
  };

  #input(path: string, event: Event) {
    this.values = { ...this.values, [path]: (event.target as HTMLInputElement).value };
  }

  async #choose(event: Event) {
    const input = event.target as HTMLInputElement;
    const added = [...(input.files ?? [])];
    // Emptied so the same file can be chosen again after removing it; the list shows the choice.
    input.value = '';
    const limits = (this.config as FormConfig).attachments;
    const { keep, problems } = await checkFiles(this.files, added, limits, this.#t, this.#lang);
    this.files = [...this.files, ...keep];
    this.errors = this.#withoutFileErrors(
      problems.length > 0 ? { attachments: problems.join(' ') } : {},
    );
    this.status = problems.join(' ');
  }

  #remove(index: number) {
    const [file] = this.files.splice(index, 1);
    this.files = [...this.files];
    this.errors = this.#withoutFileErrors({});
    this.status = this.#t('fileRemoved', { name: file?.name ?? '' });
    this.renderRoot.querySelector<HTMLElement>(`#${view.fieldId('attachments')}`)?.focus();
  }

  // The server's `attachments.N` refer to positions in the list, which a change makes stale.
  #withoutFileErrors(extra: Record<string, string>) {
    const kept = Object.entries(this.errors).filter(([path]) => !path.startsWith('attachments'));
    return { ...Object.fromEntries(kept), ...extra };
  }

  override render() {
    const t = this.#t;
    const lang = this.#lang;
    if (this.state === 'loading') return html`<p role="status">${t('loading')}</p>`;
    if (this.state === 'unavailable' || !this.config) {
      return html`<p role="alert">${t('loadFailed')}</p>`;
    }
    if (this.state === 'done' && this.result) {
      return view.confirmation(this.result, this.#recap, t, lang);
    }
    const config = this.config;
    const fields = this.#fields();
    const known = new Set(this.#activeFields().map((f) => f.path));
    const field = (spec: FieldSpec) =>
      view.field(spec, {
        t,
        lang,
        value: this.values[spec.path] ?? '',
        error: this.errors[spec.path],
        categories: config.categories,
        onInput: (e) => this.#input(spec.path, e),
      });
    const limits = config.attachments;
    const submitting = this.state === 'submitting';
    return html`
      <form novalidate lang=${lang} @submit=${this.#submit}>
        ${view.errorSummary(this.errors, known, t, this.#goTo)}
        ${view.alert(this.alert ? t(this.alert) : '')}
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
        ${config.intro ? html`<p>${config.intro[lang]}</p>` : nothing}
        <fieldset>
          <legend>${t('yourDetails')}</legend>
          ${fields.complainant.map(field)}
        </fieldset>
        ${
          fields.onBehalfOf.length > 0
            ? view.onBehalfOf(t, this.onBehalfOf, fields.onBehalfOf.map(field), (on) => {
                this.onBehalfOf = on;
              })
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
                  files: this.files,
                  errors: this.errors,
                  onChoose: (e) => void this.#choose(e),
                  onRemove: (i) => this.#remove(i),
                })
              : nothing
          }
        </fieldset>
        ${view.honeypot(t)}
        ${this.turnstileSitekey ? html`<slot name="turnstile"></slot>` : nothing}
        <p>
          ${t('privacy')}
          ${
            config.privacyUrl
              ? html`<a href=${config.privacyUrl} target="_blank" rel="noopener"
                  >${t('privacyLink')}</a>`
              : nothing
          }
        </p>
        <button type="submit" part="button" aria-disabled=${submitting ? 'true' : 'false'}>
          ${submitting ? t('submitting') : this.alert ? t('retry') : t('submit')}
        </button>
        <p class="visually-hidden" role="status">${this.status}</p>
      </form>
    `;
  }
}
