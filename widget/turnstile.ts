interface TurnstileApi {
  render(
    container: HTMLElement,
    options: {
      sitekey: string;
      language?: string;
      callback: (token: string) => void;
      'expired-callback'?: () => void;
    },
  ): string | undefined;
  reset(widgetId?: string): void;
}

/**
 * The optional Cloudflare Turnstile hook. The widget loads nothing itself: the host page loads
 * Turnstile's script (and allows it in its CSP); without `window.turnstile` this does nothing.
 * The container lives in the light DOM, where Turnstile expects it.
 */
export function renderTurnstile(
  host: HTMLElement,
  sitekey: string,
  language: string,
  onToken: (token: string) => void,
): (() => void) | null {
  const api = (window as { turnstile?: TurnstileApi }).turnstile;
  if (!api) return null;
  const container = document.createElement('div');
  container.slot = 'turnstile';
  host.append(container);
  const id = api.render(container, {
    sitekey,
    language,
    callback: onToken,
    'expired-callback': () => onToken(''),
  });
  // A token is good for one submission: a failed attempt needs a new one.
  return () => {
    onToken('');
    api.reset(id);
  };
}
