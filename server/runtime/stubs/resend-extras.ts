/*
 * The Resend SDK imports postal-mime (to parse received mail) and standardwebhooks (to verify
 * Resend's own webhooks) for features this service does not use from it. The Worker build
 * replaces both with this module (wrangler.toml [alias]) to keep the script small; anything that
 * did reach them would fail loudly rather than quietly.
 */
function unavailable(): never {
  throw new Error('Not bundled in the Worker: see server/runtime/stubs/resend-extras.ts');
}

/** Stands in for `PostalMime` (the SDK calls `PostalMime.parse`). */
export default { parse: unavailable };

export class Webhook {
  constructor() {
    unavailable();
  }
}
