import '../../widget/define.ts';
// axe-core's main file is UMD: imported as a module it installs itself as window.axe.
import 'axe-core';
import type Axe from 'axe-core';
import type { KlachtForm, KlachtSubmittedDetail } from '../../widget/klacht-form';
import { equal, includes, match, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';

const axe = (window as unknown as { axe: typeof Axe }).axe;
const realFetch = window.fetch;

// The wenb preset: name, phone and e-mail required; category and desired solution optional.
const REQUIRED = ['complainant.name', 'complainant.phone', 'complainant.email', 'description'];
const VALID: Record<string, string> = {
  'complainant.name': 'Jansen',
  'complainant.phone': '06 12345678',
  'complainant.email': 'jansen@example.nl',
  category: '',
  description: 'De monteur kwam twee keer niet opdagen.',
  desiredSolution: 'Een nieuwe afspraak op een vaste tijd.',
};

let mounted: KlachtForm[] = [];

afterEach(() => {
  window.fetch = realFetch;
  for (const el of mounted) el.remove();
  mounted = [];
});

async function mount(attrs: Record<string, string> = {}): Promise<KlachtForm> {
  const el = document.createElement('klacht-form');
  el.setAttribute('tenant', 'wenb');
  el.setAttribute('api', location.origin);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  document.body.append(el);
  mounted.push(el);
  await waitFor(() => root(el).querySelector('form'), 'the form to load from the API');
  await el.updateComplete;
  return el;
}

function root(el: KlachtForm): ShadowRoot {
  ok(el.shadowRoot, 'the widget has an open shadow root');
  return el.shadowRoot;
}

function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

function control(el: KlachtForm, path: string) {
  const found = root(el).querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    `#${fieldId(path)}`,
  );
  ok(found, `a control for ${path}`);
  return found;
}

async function fill(el: KlachtForm, values: Record<string, string>) {
  for (const [path, value] of Object.entries(values)) {
    const input = control(el, path);
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }
  await el.updateComplete;
}

async function submit(el: KlachtForm) {
  const button = root(el).querySelector<HTMLButtonElement>('button[type="submit"]');
  ok(button, 'a submit button');
  button.click();
  await el.updateComplete;
}

function labelText(el: KlachtForm, path: string): string {
  const label = root(el).querySelector<HTMLLabelElement>(`label[for="${fieldId(path)}"]`);
  ok(label, `a label for ${path}`);
  ok(label.checkVisibility(), `the label of ${path} is visible`);
  return (label.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The error summary has focus, links to the field, and the field points at its message. */
function assertFieldError(el: KlachtForm, path: string, message: string) {
  const summary = root(el).querySelector<HTMLElement>('.error-summary');
  ok(summary, 'an error summary');
  const link = summary.querySelector<HTMLAnchorElement>(`a[href="#${fieldId(path)}"]`);
  ok(link, `the summary links to ${path}`);
  includes(link.textContent ?? '', message, `the summary's message for ${path}`);
  const input = control(el, path);
  equal(input.getAttribute('aria-invalid'), 'true', `aria-invalid of ${path}`);
  const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const errorId = `${fieldId(path)}-error`;
  ok(describedBy.includes(errorId), `aria-describedby of ${path} names ${errorId}`);
  const error = root(el).getElementById(errorId);
  ok(error, `the error message of ${path}`);
  includes(error.textContent ?? '', message, `the inline message of ${path}`);
}

interface Call {
  method: string;
  url: string;
  idempotencyKey: string | null;
  status: number | 'rejected';
}

/** Wraps fetch to record every call; `fail(n)` makes the n-th POST fail like a lost network. */
function recordFetch(fail: (postIndex: number) => boolean = () => false): Call[] {
  const calls: Call[] = [];
  let posts = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const call: Call = {
      method,
      url: String(input),
      idempotencyKey: new Headers(init?.headers).get('Idempotency-Key'),
      status: 'rejected',
    };
    calls.push(call);
    if (method === 'POST' && fail(posts++)) throw new TypeError('Failed to fetch');
    const res = await realFetch(input, init);
    call.status = res.status;
    return res;
  };
  return calls;
}

async function axeViolations(el: KlachtForm): Promise<string> {
  const results = await axe.run(el);
  return results.violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');
}

describe('<klacht-form> against the real API', () => {
  it('loads the form and labels every field visibly as verplicht or optioneel', async () => {
    const el = await mount();
    equal(labelText(el, 'complainant.name'), 'Naam (verplicht)');
    equal(labelText(el, 'complainant.phone'), 'Telefoonnummer (verplicht)');
    equal(labelText(el, 'complainant.email'), 'E-mailadres (verplicht)');
    equal(labelText(el, 'category'), 'Waar gaat uw klacht over? (optioneel)');
    equal(labelText(el, 'description'), 'Beschrijf uw klacht (verplicht)');
    equal(labelText(el, 'desiredSolution'), 'Welke oplossing zou u willen? (optioneel)');
    // Fields the tenant hid are not rendered at all.
    equal(root(el).querySelector(`#${fieldId('complainant.initials')}`), null);
    ok(control(el, 'category').querySelectorAll('option').length > 1, 'categories from the API');
  });

  it('an empty submit shows a focused error summary linking to each required field', async () => {
    const el = await mount();
    const calls = recordFetch();
    await submit(el);
    const summary = await waitFor(
      () => root(el).querySelector<HTMLElement>('.error-summary'),
      'the error summary',
    );
    equal(root(el).activeElement, summary, 'focus on the error summary');
    equal(summary.querySelectorAll('a').length, REQUIRED.length, 'one link per required field');
    for (const path of REQUIRED) assertFieldError(el, path, 'Vul dit veld in.');
    for (const path of ['category', 'desiredSolution']) {
      equal(control(el, path).getAttribute('aria-invalid'), 'false', `${path} is not invalid`);
    }
    equal(calls.length, 0, 'nothing was sent');

    // A link in the summary takes the user to the field.
    summary.querySelector<HTMLAnchorElement>(`a[href="#${fieldId('description')}"]`)?.click();
    equal(root(el).activeElement, control(el, 'description'), 'focus on the field');
  });

  it("shows the server's 422 field message like a browser-side error", async () => {
    const el = await mount();
    const calls = recordFetch();
    // The widget's e-mail check lets consecutive dots through; the server's does not.
    await fill(el, { ...VALID, 'complainant.email': 'jan..jansen@example.nl' });
    await submit(el);
    await waitFor(() => root(el).querySelector('.error-summary'), 'the error summary');
    const post = calls.find((c) => c.method === 'POST');
    equal(post?.status, 422, 'the server rejected the submission');
    assertFieldError(el, 'complainant.email', 'Vul een geldig e-mailadres in');
    equal(root(el).activeElement, root(el).querySelector('.error-summary'), 'focus on summary');
    equal(control(el, 'complainant.name').getAttribute('aria-invalid'), 'false');
    equal(control(el, 'description').value, VALID.description, 'the values are kept');
  });

  it('a valid submission shows and focuses the number and fires klacht-submitted', async () => {
    const el = await mount();
    const events: CustomEvent<KlachtSubmittedDetail>[] = [];
    const listener = (e: Event) => events.push(e as CustomEvent<KlachtSubmittedDetail>);
    document.addEventListener('klacht-submitted', listener);
    try {
      await fill(el, VALID);
      await submit(el);
      const confirmation = await waitFor(
        () => root(el).querySelector<HTMLElement>('.confirmation'),
        'the confirmation',
      );
      await el.updateComplete;
      const number = confirmation.querySelector('.number')?.textContent?.trim() ?? '';
      match(number, /^\d{4}-\d{4}$/, 'the complaint number');
      equal(root(el).activeElement, confirmation, 'focus on the confirmation');
      includes(confirmation.textContent ?? '', 'Uw klacht is ontvangen');

      equal(events.length, 1, 'one klacht-submitted event reached the document');
      const [event] = events;
      ok(event);
      ok(event.bubbles && event.composed, 'the event bubbles out of the shadow root');
      equal(event.detail.number, number);
      ok(Object.keys(event.detail.due).length > 0, 'the event carries the due dates');
      for (const date of Object.values(event.detail.due)) match(date, /^\d{4}-\d{2}-\d{2}$/);
      match(event.detail.trackingUrl, /^https:\/\/klacht\.test\//, 'the tracking link');
    } finally {
      document.removeEventListener('klacht-submitted', listener);
    }
  });

  it('keeps every value after a network failure and retries with the same key', async () => {
    const el = await mount();
    const calls = recordFetch((post) => post === 0);
    const values = {
      ...VALID,
      category: control(el, 'category').querySelectorAll('option')[1]?.value ?? '',
    };
    ok(values.category, 'a category to choose');
    await fill(el, values);
    await submit(el);
    const alert = await waitFor(
      () => root(el).querySelector<HTMLElement>('.alert[role="alert"]'),
      'the alert',
    );
    includes(alert.textContent ?? '', 'Uw klacht is nog niet verstuurd');
    equal(root(el).activeElement, alert, 'focus on the alert');
    for (const [path, value] of Object.entries(values)) {
      equal(control(el, path).value, value, `${path} is kept`);
    }
    const button = root(el).querySelector('button[type="submit"]');
    equal(button?.textContent?.trim(), 'Opnieuw proberen');

    await submit(el);
    await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    const posts = calls.filter((c) => c.method === 'POST');
    equal(posts.length, 2, 'two attempts');
    equal(posts[0]?.status, 'rejected');
    equal(posts[1]?.status, 201);
    ok(posts[0]?.idempotencyKey, 'the first attempt sent an Idempotency-Key');
    equal(posts[1]?.idempotencyKey, posts[0]?.idempotencyKey, 'the retry reuses the key');
  });

  it('renders English with lang="en"', async () => {
    const el = await mount({ lang: 'en' });
    equal(labelText(el, 'complainant.name'), 'Name (required)');
    equal(labelText(el, 'complainant.email'), 'Email address (required)');
    equal(labelText(el, 'desiredSolution'), 'What solution would you like? (optional)');
    equal(root(el).querySelector('button[type="submit"]')?.textContent?.trim(), 'Send complaint');
  });

  it('has no axe violations when empty, with errors, and after success', async () => {
    const el = await mount();
    equal(await axeViolations(el), '', 'empty form');

    await submit(el);
    await waitFor(() => root(el).querySelector('.error-summary'), 'the error summary');
    equal(await axeViolations(el), '', 'form with errors');

    await fill(el, VALID);
    await submit(el);
    await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'confirmation');
  });
});
