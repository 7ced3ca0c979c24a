import type { KlachtSubmittedDetail } from '../../widget/klacht-form';
import { equal, includes, match, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';
import {
  assertFieldError,
  axeViolations,
  cleanUp,
  control,
  fieldId,
  fill,
  labelText,
  mount,
  REQUIRED,
  recordFetch,
  root,
  submit,
  VALID,
} from './widget';

afterEach(cleanUp);

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
    const named: Record<string, string> = {
      'complainant.name': 'Vul uw naam in.',
      'complainant.phone': 'Vul uw telefoonnummer in.',
      'complainant.email': 'Vul uw e-mailadres in.',
      description: 'Beschrijf uw klacht.',
    };
    for (const path of REQUIRED) assertFieldError(el, path, named[path] ?? '');
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
