import type { KlachtForm, KlachtSubmittedDetail } from '../../widget/klacht-form';
import { equal, includes, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';
import {
  axeViolations,
  cleanUp,
  control,
  fill,
  mount,
  recordFetch,
  root,
  sentJson,
  submit,
  submitButton,
  VALID,
} from './widget';

afterEach(cleanUp);

describe('<klacht-form> states', () => {
  it('while submitting: one request only, the button says so, no axe violations', async () => {
    const el = await mount();
    let release = () => {};
    const calls = recordFetch(() => false, new Promise<void>((r) => (release = r)));
    await fill(el, VALID);
    await submit(el);
    await submit(el);
    submitButton(el).click();
    await el.updateComplete;
    equal(submitButton(el).getAttribute('aria-disabled'), 'true', 'the button is marked busy');
    includes(submitButton(el).textContent ?? '', 'Bezig met versturen');
    includes(root(el).querySelector('[role="status"]')?.textContent ?? '', 'Bezig met versturen');
    equal(await axeViolations(el), '', 'submitting');
    release();
    await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    equal(calls.filter((c) => c.method === 'POST').length, 1, 'a double submit sends once');
  });

  it('after a network failure and after server errors: no axe violations', async () => {
    const el = await mount();
    recordFetch((post) => post === 0);
    await fill(el, VALID);
    await submit(el);
    await waitFor(() => root(el).querySelector('.alert'), 'the alert');
    equal(await axeViolations(el), '', 'network failure');

    await fill(el, { 'complainant.email': 'jan..jansen@example.nl' });
    await submit(el);
    await waitFor(() => root(el).querySelector('.error-summary'), 'the server errors');
    equal(await axeViolations(el), '', 'server errors');
  });

  it('is typed and detailed in klacht-submitted, and recaps what was received', async () => {
    const el = await mount();
    let detail: KlachtSubmittedDetail | undefined;
    // Typed through HTMLElementEventMap: no cast needed for e.detail.
    el.addEventListener('klacht-submitted', (e) => {
      detail = e.detail;
    });
    const long = `${'woord '.repeat(30)}einde`;
    await fill(el, { ...VALID, description: long });
    await submit(el);
    const confirmation = await waitFor(
      () => root(el).querySelector<HTMLElement>('.confirmation'),
      'the confirmation',
    );
    ok(detail?.number, 'the number in the event');
    const text = confirmation.textContent ?? '';
    includes(text, 'Wat wij hebben ontvangen');
    includes(text, `${'woord '.repeat(20).trim()}…`, 'the first words of the description');
    ok(!text.includes('einde'), 'not the whole description');
    includes(text, 'Wat gebeurt er nu?');
  });

  it('follows the page language when it has no lang attribute', async () => {
    document.documentElement.lang = 'en';
    try {
      const el = await mount();
      equal(submitButton(el).textContent?.trim(), 'Send complaint');
    } finally {
      document.documentElement.lang = '';
    }
  });
});

describe('<klacht-form> robustness', () => {
  it('keeps a draft when the element is re-created, and clears it after success', async () => {
    const first = await mount();
    await fill(first, { 'complainant.name': 'Jansen', description: 'Half af.' });
    first.remove();

    const second = await mount();
    equal(control(second, 'complainant.name').value, 'Jansen', 'the name survived');
    equal(control(second, 'description').value, 'Half af.', 'the description survived');
    await fill(second, VALID);
    await submit(second);
    await waitFor(() => root(second).querySelector('.confirmation'), 'the confirmation');
    second.remove();

    const third = await mount();
    equal(control(third, 'complainant.name').value, '', 'the draft is gone after success');
  });

  it('tells after a reload which chosen files must be added again', async () => {
    const first = await mount({ tenant: 'totaalonder1dak' });
    const input = control(first, 'attachments') as HTMLInputElement;
    const files = new DataTransfer();
    files.items.add(new File(['%PDF-1.7\n'], 'factuur.pdf', { type: 'application/pdf' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => root(first).querySelector('.files li'), 'the chosen file');
    first.remove();

    const second = await mount({ tenant: 'totaalonder1dak' });
    const notice = root(second).querySelector('.notice')?.textContent ?? '';
    includes(notice, 'voeg deze bestanden opnieuw toe: factuur.pdf');
    equal(root(second).querySelectorAll('.files li').length, 0, 'files are not kept');
  });

  it('never submits a host page form around it', async () => {
    const host = document.createElement('form');
    host.action = '/never';
    let hostSubmits = 0;
    host.addEventListener('submit', (e) => {
      hostSubmits++;
      e.preventDefault();
    });
    document.body.append(host);
    const el = await mount({}, { parent: host });
    await submit(el);
    await waitFor(() => root(el).querySelector('.error-summary'), 'the error summary');
    await fill(el, VALID);
    submitButton(el).click();
    await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    equal(hostSubmits, 0, 'the host form was not submitted');
    equal(new FormData(host).has('complainant.name'), false, 'no field joins the host form');
  });

  it('has a honeypot people never meet, and sends it with the time the form was shown', async () => {
    const el = await mount();
    const trap = root(el).querySelector<HTMLInputElement>('input[name="website"]');
    ok(trap, 'the honeypot');
    equal(trap.tabIndex, -1, 'out of the tab order');
    equal(trap.autocomplete, 'off', 'never autofilled');
    equal(trap.closest('[aria-hidden="true"]') !== null, true, 'hidden from assistive tech');
    // Its wrapper is clipped to one pixel, the same technique as any visually hidden text.
    ok((trap.parentElement?.getBoundingClientRect().width ?? 9) <= 1, 'visually hidden');

    const calls = recordFetch();
    await fill(el, VALID);
    await submit(el);
    await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    const body = await sentJson(calls.find((c) => c.method === 'POST'));
    equal(body.website, '', 'the honeypot is sent, empty');
    ok(typeof body.formShownAt === 'number' && body.formShownAt < Date.now() - 3000, 'shown at');
  });

  it('is refused by the server when a bot fills in the honeypot, keeping everything', async () => {
    const el: KlachtForm = await mount();
    await fill(el, VALID);
    const trap = root(el).querySelector<HTMLInputElement>('input[name="website"]');
    ok(trap);
    trap.value = 'https://spam.example';
    await submit(el);
    const alert = await waitFor(() => root(el).querySelector('.alert'), 'the alert');
    includes(alert.textContent ?? '', 'nog niet verstuurd');
    equal(control(el, 'description').value, VALID.description, 'values are kept');
  });

  it('can be defined twice without error', async () => {
    // A second copy of the script (another embed on the same page) runs define.ts again.
    await import(`../../widget/define.ts?copy=${Date.now()}`);
    ok(customElements.get('klacht-form'), 'still defined');
  });
});
