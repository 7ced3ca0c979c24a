import { targetId } from './views';

/** Moves focus to the first match after the next render, and scrolls it into view. */
export async function focusAfterUpdate(
  element: { updateComplete: Promise<unknown>; renderRoot: ParentNode },
  selector: string,
) {
  await element.updateComplete;
  const target = element.renderRoot.querySelector<HTMLElement>(selector);
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

/** A summary link: the label scrolls into view, so the question is seen with its field. */
export function goToField(root: ParentNode, event: Event, path: string) {
  event.preventDefault();
  const id = targetId(path);
  root.querySelector(`label[for="${id}"]`)?.scrollIntoView({ block: 'start' });
  root.querySelector<HTMLElement>(`#${id}`)?.focus({ preventScroll: true });
}

/** A `klacht-*` event that bubbles and crosses the shadow boundary. */
export function emit(element: HTMLElement, type: string, detail: unknown) {
  element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** The element's language: its `lang` attribute, else the page's, else Dutch. */
export function elementLocale(element: Element, own: string): 'nl' | 'en' {
  const lang = (own || element.closest('[lang]')?.getAttribute('lang') || 'nl').toLowerCase();
  return lang.startsWith('en') ? 'en' : 'nl';
}
