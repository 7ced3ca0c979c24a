// What the widget's browser tests share: mounting against the real API, filling, submitting,
// recording fetch calls and running axe.
import '../../widget/define.ts';
// axe-core's main file is UMD: imported as a module it installs itself as window.axe.
import 'axe-core';
import type Axe from 'axe-core';
import type { KlachtForm } from '../../widget/klacht-form';
import { equal, includes, ok, waitFor } from './assert';

const axe = (window as unknown as { axe: typeof Axe }).axe;
export const realFetch = window.fetch;

// The wenb preset: name, phone and e-mail required; category and desired solution optional.
export const REQUIRED = [
  'complainant.name',
  'complainant.phone',
  'complainant.email',
  'description',
];
export const VALID: Record<string, string> = {
  'complainant.name': 'Jansen',
  'complainant.phone': '06 12345678',
  'complainant.email': 'jansen@example.nl',
  category: '',
  description: 'De monteur kwam twee keer niet opdagen.',
  desiredSolution: 'Een nieuwe afspraak op een vaste tijd.',
};
// The totaalonder1dak preset (attachments allowed): name, initials and phone required.
export const VALID_TOTAAL: Record<string, string> = {
  'complainant.name': 'Jansen',
  'complainant.initials': 'J.P.',
  'complainant.phone': '06 12345678',
  description: 'De verkoper belde drie keer op zondag.',
};

let mounted: Element[] = [];

/** Call from afterEach: restores fetch, removes what was mounted, forgets drafts. */
export function cleanUp() {
  window.fetch = realFetch;
  for (const el of mounted) el.remove();
  mounted = [];
  sessionStorage.clear();
}

/**
 * Mounts the element and waits for its form. The server refuses forms sent within 3 seconds of
 * being shown (a bot's speed); a test fills in faster than any person, so the moment the form is
 * shown is set 10 seconds back by default.
 */
export async function mount(
  attrs: Record<string, string> = {},
  { parent = document.body, shownSecondsAgo = 10 } = {},
): Promise<KlachtForm> {
  const el = document.createElement('klacht-form');
  el.setAttribute('tenant', 'wenb');
  el.setAttribute('api', location.origin);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const now = Date.now;
  Date.now = () => now() - shownSecondsAgo * 1000;
  try {
    parent.append(el);
    mounted.push(parent === document.body ? el : parent);
    await waitFor(() => root(el).querySelector('form'), 'the form to load from the API');
  } finally {
    Date.now = now;
  }
  await el.updateComplete;
  return el;
}

export function root(el: KlachtForm): ShadowRoot {
  ok(el.shadowRoot, 'the widget has an open shadow root');
  return el.shadowRoot;
}

export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

export function control(el: KlachtForm, path: string) {
  const found = root(el).querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    `#${fieldId(path)}`,
  );
  ok(found, `a control for ${path}`);
  return found;
}

export async function fill(el: KlachtForm, values: Record<string, string>) {
  for (const [path, value] of Object.entries(values)) {
    const input = control(el, path);
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }
  await el.updateComplete;
}

export function submitButton(el: KlachtForm): HTMLButtonElement {
  const button = root(el).querySelector<HTMLButtonElement>('button[type="submit"]');
  ok(button, 'a submit button');
  return button;
}

export async function submit(el: KlachtForm) {
  submitButton(el).click();
  await el.updateComplete;
}

export function labelText(el: KlachtForm, path: string): string {
  const label = root(el).querySelector<HTMLLabelElement>(`label[for="${fieldId(path)}"]`);
  ok(label, `a label for ${path}`);
  ok(label.checkVisibility(), `the label of ${path} is visible`);
  return (label.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The error summary has focus, links to the field, and the field points at its message. */
export function assertFieldError(el: KlachtForm, path: string, message: string) {
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

export interface Call {
  method: string;
  url: string;
  idempotencyKey: string | null;
  contentType: string | null;
  body: RequestInit['body'];
  status: number | 'rejected';
}

/**
 * Wraps fetch to record every call. `fail(n)` makes the n-th POST fail like a lost network;
 * `hold` keeps every POST waiting until it resolves.
 */
export function recordFetch(
  fail: (postIndex: number) => boolean = () => false,
  hold?: Promise<void>,
): Call[] {
  const calls: Call[] = [];
  let posts = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const call: Call = {
      method,
      url: String(input),
      idempotencyKey: headers.get('Idempotency-Key'),
      contentType: headers.get('Content-Type'),
      body: init?.body,
      status: 'rejected',
    };
    calls.push(call);
    if (method === 'POST') {
      if (fail(posts++)) throw new TypeError('Failed to fetch');
      await hold;
    }
    const res = await realFetch(input, init);
    call.status = res.status;
    return res;
  };
  return calls;
}

/** The JSON body of a recorded POST, whether sent as JSON or as the multipart `complaint` part. */
export async function sentJson(call: Call | undefined): Promise<Record<string, unknown>> {
  ok(call, 'a recorded call');
  if (typeof call.body === 'string') return JSON.parse(call.body);
  ok(call.body instanceof FormData, 'a JSON string or multipart body');
  const part = call.body.get('complaint');
  return JSON.parse(typeof part === 'string' ? part : await (part as Blob).text());
}

export async function axeViolations(el: KlachtForm): Promise<string> {
  const results = await axe.run(el);
  return results.violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');
}
