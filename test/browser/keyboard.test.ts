import { sendKeys } from '@web/test-runner-commands';
import type { KlachtForm } from '../../widget/klacht-form';
import { equal, match, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';
import { axeViolations, cleanUp, fieldId, mount, root, VALID } from './widget';

afterEach(cleanUp);

const focusedId = (el: KlachtForm) => root(el).activeElement?.id ?? '';

/** Presses Tab until focus is on the element with this id (inside the widget). */
async function tabTo(el: KlachtForm, id: string) {
  for (let i = 0; i < 20 && focusedId(el) !== id; i++) await sendKeys({ press: 'Tab' });
  equal(focusedId(el), id, 'focus reached by Tab');
}

describe('<klacht-form> with the keyboard only', () => {
  it('is filled in and sent with Tab, typing and Enter', async () => {
    const el = await mount();
    (document.activeElement as HTMLElement | null)?.blur();
    const order = [
      'complainant.name',
      'complainant.phone',
      'complainant.email',
      'description',
      'desiredSolution',
    ];
    for (const path of order) {
      await tabTo(el, fieldId(path));
      await sendKeys({ type: VALID[path] ?? '' });
    }
    // The category select sits between e-mail and description; Tab passed it untouched.
    for (let i = 0; i < 5 && root(el).activeElement?.tagName !== 'BUTTON'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    const button = root(el).activeElement;
    ok(button instanceof HTMLButtonElement && button.type === 'submit', 'focus on the button');
    await sendKeys({ press: 'Enter' });
    const confirmation = await waitFor(
      () => root(el).querySelector<HTMLElement>('.confirmation'),
      'the confirmation',
    );
    await el.updateComplete;
    equal(root(el).activeElement, confirmation, 'focus on the confirmation');
    match(confirmation.querySelector('.number')?.textContent ?? '', /^\d{4}-\d{4}$/);
    equal(await axeViolations(el), '', 'confirmation');
  });

  it('takes Enter in a field as a submit and sends focus to the error summary', async () => {
    const el = await mount();
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, fieldId('complainant.name'));
    await sendKeys({ type: 'Jansen' });
    await sendKeys({ press: 'Enter' });
    const summary = await waitFor(
      () => root(el).querySelector<HTMLElement>('.error-summary'),
      'the error summary',
    );
    equal(root(el).activeElement, summary, 'focus on the summary');
    // Tab to the first link and follow it with Enter: focus lands on the field.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => focusedId(el) === fieldId('complainant.phone'),
      'focus on the first field in error',
    );
  });
});
