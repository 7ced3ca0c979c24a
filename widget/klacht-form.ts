import { html, LitElement, type PropertyValues } from 'lit';
import type { FormConfig, OrganisationContact, SubmitResponse } from '../shared/api';
import { chooseFiles, refusedFile, withoutFileErrors } from './attachments';
import { Attempt } from './attempt';
import { elementLocale, emit, focusAfterUpdate, goToField } from './dom';
import { clearDraft } from './draft';
import type { KlachtErrorDetail, KlachtSubmittedDetail } from './events';
import { activeFields, checkFields, type FieldSpec, formFields, requestBody } from './fields';
import { formTemplate } from './form-template';
import { type MessageKey, type Translate, translator, type WidgetLocale } from './i18n';
import { styles } from './klacht-form.styles';
import { confirmation, type Recap, recapOf, refused } from './outcome-views';
import { failureMessage, loadForm, reportLoadFailure, sendComplaint } from './submit';
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
 * `detail`: `{ kind, fields?, code?, origin? }`. Bubbles and crosses the shadow boundary.
 * @csspart label - Every field label.
 * @csspart input - Every input, select and textarea.
 * @csspart button - The submit button and the buttons that remove a chosen file.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart confirmation - The confirmation shown after a successful submit.
 * @cssproperty --klacht-color-primary - Button colour (`--nl-button-primary-background-color`).
 * @cssproperty --klacht-color-on-primary - Button text colour (`--nl-button-primary-color`).
 * @cssproperty --klacht-color-text - Text colour (`--nl-paragraph-color`).
 * @cssproperty --klacht-color-error - Error colour (`--utrecht-feedback-danger-color`).
 * @cssproperty --klacht-color-border - Input border (`--utrecht-form-control-border-color`).
 * @cssproperty --klacht-color-focus - Focus outline, 3:1 or more on the page
 *   (`--utrecht-focus-outline-color`, else near-black).
 * @cssproperty --klacht-color-focus-halo - The band between the outline and the control.
 * @cssproperty --klacht-color-success - Border of the confirmation.
 * @cssproperty --klacht-color-input-background - Background of inputs.
 * @cssproperty --klacht-font-family - Font; inherits the page's font by default.
 * @cssproperty --klacht-radius - Corner radius (`--utrecht-form-control-border-radius`).
 * @cssproperty --klacht-space - Spacing unit.
 * (Each falls back to the NL Design System token named, where there is one.)
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
  #attempt = new Attempt();
  #recap: Recap = { description: '', files: [] };
  // What came with the form or its refusal: the words, and where else to complain.
  #contact?: OrganisationContact;
  #words?: Translate;
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
    return elementLocale(this, this.locale);
  }

  get #t(): Translate {
    return this.#words ?? translator(this.#lang);
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
    if (this.state === 'ready' || this.state === 'submitting') {
      this.#attempt.save(this.tenant, this.values, this.onBehalfOf, this.files);
    }
  }

  async #load() {
    this.state = 'loading';
    this.#words = undefined;
    const loaded = await loadForm(this.#base, this.#lang);
    if (loaded) this.#words = translator(this.#lang, loaded.messages);
    if (!loaded || 'error' in loaded) {
      this.#contact = loaded?.contact;
      this.state = 'unavailable';
      return reportLoadFailure(this, this.#base, loaded?.error.origin);
    }
    this.config = loaded;
    this.#restore();
    this.state = 'ready';
  }

  /** Takes up a draft left by an earlier page in this tab. */
  #restore() {
    const draft = this.#attempt.restore(this.tenant);
    if (!draft) return;
    this.values = { ...draft.values, ...this.values };
    this.onBehalfOf = draft.onBehalfOf;
    const lost = this.#attempt.lostFiles;
    if (lost.length > 0) this.notice = this.#t('filesLost', { names: lost.join(', ') });
  }

  #activeFields(): FieldSpec[] {
    return activeFields(formFields(this.config as FormConfig), this.onBehalfOf);
  }

  async #submit(event: Event) {
    // The form lives in the shadow root: preventing its default also keeps any host page <form>
    // around the element from being submitted or the page from navigating.
    event.preventDefault();
    if (this.state === 'submitting' || !this.config) return;
    const fields = this.#activeFields();
    const errors = checkFields(fields, this.values, this.#t);
    this.alert = null;
    // A refused file was never added, so it does not hold the complaint back; but its message
    // stays, at the field and in the summary, until other files are chosen.
    if (Object.keys(errors).length > 0) return this.#invalid(errors);
    this.errors = refusedFile(this.errors);

    const body = {
      ...requestBody(fields, this.values),
      website: this.renderRoot.querySelector<HTMLInputElement>('#f-website')?.value ?? '',
      formShownAt: this.#attempt.shownAt,
    };
    // A retry of the same body and files reuses the key, so the complaint is registered once.
    const key = this.#attempt.keyFor(body, this.files);
    const token = this.#turnstileToken ? { turnstileToken: this.#turnstileToken } : {};
    this.state = 'submitting';
    this.status = this.#t('submitting');
    const files = this.files;
    const outcome = await sendComplaint(
      `${this.#base}/complaints`,
      { ...body, ...token },
      files,
      key,
      this.#lang,
    );
    this.status = '';
    if (outcome.kind === 'done') {
      this.#recap = recapOf(this.config, this.values, files, this.#lang);
      this.result = outcome.result;
      this.state = 'done';
      clearDraft(this.tenant);
      const { number, due, trackingUrl } = outcome.result;
      emit(this, 'klacht-submitted', { number, due, trackingUrl } satisfies KlachtSubmittedDetail);
      return focusAfterUpdate(this, '.confirmation');
    }
    this.state = 'ready';
    this.#resetTurnstile?.();
    if (outcome.kind === 'invalid') return this.#invalid(outcome.fields);
    if (outcome.kind === 'network') return this.#fail('networkFailed', 'network');
    this.#fail(failureMessage(outcome), 'server');
  }

  async #invalid(fields: Record<string, string>) {
    const errors = { ...fields, ...refusedFile(this.errors) };
    this.errors = errors;
    emit(this, 'klacht-error', { kind: 'validation', fields: errors } satisfies KlachtErrorDetail);
    await focusAfterUpdate(this, '.error-summary');
  }

  async #fail(message: MessageKey, kind: KlachtErrorDetail['kind']) {
    this.alert = message;
    emit(this, 'klacht-error', { kind } satisfies KlachtErrorDetail);
    await focusAfterUpdate(this, '.alert');
  }

  #input(path: string, event: Event) {
    this.values = { ...this.values, [path]: (event.target as HTMLInputElement).value };
  }

  async #choose(event: Event) {
    const limits = (this.config as FormConfig).attachments;
    const { keep, problems } = await chooseFiles(event, this.files, limits, this.#t, this.#lang);
    this.files = [...this.files, ...keep];
    this.errors = withoutFileErrors(this.errors, problems ? { attachments: problems } : {});
    this.status = problems;
  }

  #remove(index: number) {
    const [file] = this.files.splice(index, 1);
    this.files = [...this.files];
    this.errors = withoutFileErrors(this.errors, {});
    this.status = this.#t('fileRemoved', { name: file?.name ?? '' });
    this.renderRoot.querySelector<HTMLElement>(`#${view.fieldId('attachments')}`)?.focus();
  }

  override render() {
    const t = this.#t;
    const lang = this.#lang;
    if (this.state === 'loading') return html`<p role="status">${t('loading')}</p>`;
    if (this.state === 'unavailable' || !this.config) {
      return this.#contact
        ? refused(this.#contact, t, lang)
        : html`<p role="alert">${t('loadFailed')}</p>`;
    }
    if (this.state === 'done' && this.result) {
      return confirmation(this.result, this.#recap, t, lang);
    }
    return formTemplate({
      t,
      lang,
      config: this.config,
      fields: formFields(this.config),
      known: new Set(this.#activeFields().map((f) => f.path)),
      values: this.values,
      errors: this.errors,
      alert: this.alert ? t(this.alert) : '',
      notice: this.notice,
      status: this.status,
      files: this.files,
      onBehalfOf: this.onBehalfOf,
      submitting: this.state === 'submitting',
      retry: this.alert !== null,
      turnstile: Boolean(this.turnstileSitekey),
      on: {
        submit: (e) => void this.#submit(e),
        input: (path, e) => this.#input(path, e),
        goTo: (e, path) => goToField(this.renderRoot, e, path),
        choose: (e) => void this.#choose(e),
        remove: (i) => this.#remove(i),
        onBehalfOf: (on) => {
          this.onBehalfOf = on;
        },
      },
    });
  }
}
