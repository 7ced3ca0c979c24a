/*
 * The Resend SDK imports standardwebhooks (to verify Resend's own webhooks) for a feature this
 * service does not use from it. The Worker's build (scripts/build-worker.mjs)
 * replaces it with this module to stay small; anything that did reach it would fail loudly
 * rather than quietly. (Our own webhooks are signed with node:crypto, server/webhooks/signing.ts;
 * postal-mime is used for real, by e-mail intake.)
 */
function unavailable(): never {
  throw new Error('Not bundled in the Worker: see server/runtime/stubs/resend-extras.ts');
}

/** Stands in for `PostalMime`, should anything alias postal-mime here again. */
export default { parse: unavailable };

export class Webhook {
  constructor() {
    unavailable();
  }
}
