export interface TurnstileConfig {
  secret: string;
  /** Cloudflare's siteverify endpoint by default; tests point it at a local server. */
  verifyUrl?: string;
}

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** Asks Cloudflare whether a Turnstile token is genuine (and unused). */
export async function verifyTurnstile(
  config: TurnstileConfig,
  token: unknown,
  remoteIp: string | undefined,
): Promise<boolean> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return false;
  const form = new URLSearchParams({ secret: config.secret, response: token });
  if (remoteIp) form.set('remoteip', remoteIp);
  try {
    const res = await fetch(config.verifyUrl ?? SITEVERIFY, { method: 'POST', body: form });
    const body = (await res.json()) as { success?: boolean };
    return body.success === true;
  } catch {
    // Cloudflare unreachable: a person cannot be told apart from a script, so refuse; the widget
    // keeps what was typed and the complainant can send again.
    return false;
  }
}
