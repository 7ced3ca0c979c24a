import type { KlachtErrorDetail, KlachtSubmittedDetail } from './events';
import { KlachtForm } from './klacht-form';

// A page may load the script twice (two embeds, a CMS block and a theme): define only once.
if (!customElements.get('klacht-form')) customElements.define('klacht-form', KlachtForm);

declare global {
  interface HTMLElementTagNameMap {
    'klacht-form': KlachtForm;
  }
  interface HTMLElementEventMap {
    'klacht-submitted': CustomEvent<KlachtSubmittedDetail>;
    'klacht-error': CustomEvent<KlachtErrorDetail>;
  }
}

export { KlachtForm };
