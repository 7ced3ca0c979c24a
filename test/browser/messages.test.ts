import type { KlachtForm } from '../../widget/klacht-form';
import { equal, includes, match, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';
import {
  assertFieldError,
  axeViolations,
  cleanUp,
  control,
  fieldId,
  fill,
  mount,
  root,
  submit,
  VALID,
  VALID_TOTAAL,
} from './widget';

/*
 * Issue #25, item 5: every message names its field, in the summary and at the field; a refused
 * file's message stays; the confirmation is short, gives one date per term in full, and its
 * tracking link is a link in words.
 */

afterEach(cleanUp);

const summaryLines = (el: KlachtForm) =>
  [...root(el).querySelectorAll('.error-summary li')].map((li) =>
    (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );

async function emptySubmit(el: KlachtForm) {
  await submit(el);
  return waitFor(() => root(el).querySelector<HTMLElement>('.error-summary'), 'the summary');
}

describe('<klacht-form> messages that name their field', () => {
  it('an empty form lists one message per field, each naming its field', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    const toggle = root(el).querySelector<HTMLInputElement>('#on-behalf-of');
    ok(toggle, 'the on-behalf-of checkbox');
    toggle.click();
    await el.updateComplete;
    await emptySubmit(el);
    const expected = [
      'Vul uw naam in.',
      'Vul uw voorletters in.',
      'Vul uw telefoonnummer in.',
      'Vul de naam in van de persoon namens wie u klaagt.',
      'Vul de voorletters in van de persoon namens wie u klaagt.',
      'Vul het telefoonnummer in van de persoon namens wie u klaagt.',
      'Beschrijf uw klacht.',
    ];
    equal(summaryLines(el).join(' | '), expected.join(' | '), 'the summary, in form order');
    equal(new Set(summaryLines(el)).size, expected.length, 'no two lines alike');
    assertFieldError(el, 'onBehalfOf.name', 'Vul de naam in van de persoon namens wie u klaagt.');
    assertFieldError(el, 'complainant.initials', 'Vul uw voorletters in.');
    equal(await axeViolations(el), '', 'with errors');
  });

  it('in English too, and an invalid address says what a valid one looks like', async () => {
    const el = await mount({ lang: 'en' });
    await fill(el, { ...VALID, 'complainant.name': '', 'complainant.email': 'jansen@' });
    await emptySubmit(el);
    equal(
      summaryLines(el).join(' | '),
      'Enter your name. | Enter a valid email address, such as name@example.com.',
    );
    assertFieldError(el, 'complainant.name', 'Enter your name.');
  });

  it("keeps a refused file's message at the field and in the summary after a submit", async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    const input = control(el, 'attachments') as HTMLInputElement;
    const list = new DataTransfer();
    list.items.add(new File(['hello'], 'notities.txt', { type: 'text/plain' }));
    input.files = list.files;
    input.dispatchEvent(new Event('change'));
    const message = 'notities.txt is geen bestand dat wij kunnen aannemen.';
    const atField = () => root(el).querySelector('#f-attachments-error')?.textContent ?? '';
    await waitFor(() => atField().includes(message), 'the refusal at the file input');

    await fill(el, { ...VALID_TOTAAL, description: '' });
    const summary = await emptySubmit(el);
    equal(root(el).activeElement, summary, 'focus on the summary');
    const lines = summaryLines(el);
    equal(lines[0], 'Beschrijf uw klacht.');
    includes(lines[1] ?? '', message, 'the refused file is in the summary');
    ok(summary.querySelector(`a[href="#${fieldId('attachments')}"]`), 'linked to the file input');
    includes(atField(), message, 'still at the field');
    equal(input.getAttribute('aria-invalid'), 'true');

    // Nothing else is wrong: the complaint goes, without the file that was never added.
    await fill(el, VALID_TOTAAL);
    await submit(el);
    const done = await waitFor(() => root(el).querySelector('.confirmation'), 'the confirmation');
    ok(!(done.textContent ?? '').includes('notities.txt'), 'the recap lists no refused file');
  });
});

describe('<klacht-form> the confirmation', () => {
  async function confirm(attrs: Record<string, string>, values: Record<string, string>) {
    const el = await mount(attrs);
    await fill(el, values);
    await submit(el);
    const section = await waitFor(
      () => root(el).querySelector<HTMLElement>('.confirmation'),
      'the confirmation',
    );
    await el.updateComplete;
    return { el, section, text: (section.textContent ?? '').replace(/\s+/g, ' ') };
  }

  it('gives each term one date in full, the link in words, and says it is e-mailed', async () => {
    const { el, section, text } = await confirm({}, VALID);
    const terms = [...section.querySelectorAll('ul li')].map((li) =>
      (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    ok(terms.length >= 2, 'the terms of the wenb procedure');
    for (const line of terms) {
      match(line, /^[^:]+: uiterlijk [a-z]+dag \d{1,2} [a-z]+ \d{4}$/, 'one date, in full');
    }
    match(text, /Ontvangen op [a-z]+dag \d{1,2} [a-z]+ \d{4}\./);
    // No date twice, no short forms, no explanation, no ISO dates.
    ok(!/\b(ma|di|wo|do|vr|za|zo) \d/.test(text), `no short weekday in ${text}`);
    ok(!/\d{4}-\d\d-\d\d/.test(text), 'no ISO date');
    ok(!text.includes('na ontvangst'), 'the explanation is on the tracking page, not here');

    const link = section.querySelector<HTMLAnchorElement>('a.tracking');
    ok(link, 'a tracking link');
    equal(link.textContent?.trim(), 'Volg uw klacht online');
    match(link.href, /^https:\/\/klacht\.test\/track\//);
    ok(!text.includes('https://'), 'no raw address in the text');
    includes(text, 'Wij sturen de link ook naar jansen@example.nl.');
    equal(await axeViolations(el), '', 'confirmation');
  });

  it('says nothing of e-mail when no address was given', async () => {
    const { text } = await confirm({ tenant: 'totaalonder1dak' }, VALID_TOTAAL);
    includes(text, 'Volg uw klacht online');
    ok(!text.includes('Wij sturen'), `no e-mail promise in ${text}`);
  });

  it('has no large gaps between its lines at 320 px', async () => {
    const frame = document.createElement('div');
    frame.style.inlineSize = '320px';
    document.body.append(frame);
    try {
      const el = await mount({}, { parent: frame });
      await fill(el, VALID);
      await submit(el);
      const section = await waitFor(
        () => root(el).querySelector<HTMLElement>('.confirmation'),
        'the confirmation',
      );
      await el.updateComplete;
      ok(section.scrollWidth <= section.clientWidth, 'nothing wider than the confirmation');
      const children = [...section.children] as HTMLElement[];
      for (let i = 1; i < children.length; i++) {
        const above = children[i - 1]?.getBoundingClientRect().bottom ?? 0;
        const gap = (children[i]?.getBoundingClientRect().top ?? 0) - above;
        ok(gap <= 24, `a gap of ${gap}px before ${children[i]?.tagName} (at most 24)`);
      }
    } finally {
      frame.remove();
    }
  });
});
