/** One webhook request, after the URL passed `checkWebhookUrl`. */
export interface WebhookRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Development: private and local addresses are allowed. */
  allowLocal: boolean;
}

/**
 * The receiver's HTTP status, or why there was none. `refused`: the target turned out not to be
 * public (a name that resolves to a private address); that is not retried.
 */
export type WebhookResult = { status: number } | { error: string; refused?: boolean };

export type WebhookTransport = (request: WebhookRequest) => Promise<WebhookResult>;

/**
 * Sends with fetch: what the Worker uses (Cloudflare's edge reaches no private network, and a
 * Worker cannot resolve names itself), after the literal checks of the URL. Redirects are not
 * followed: a redirect could lead anywhere, so it counts as a failed delivery.
 */
export const fetchTransport: WebhookTransport = async (request) => {
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    await res.body?.cancel();
    return { status: res.status };
  } catch (err) {
    const name = (err as Error).name;
    return { error: name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : name };
  }
};
