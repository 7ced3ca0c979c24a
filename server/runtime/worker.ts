import type { ExecutionContext } from 'hono';
import { createApp } from '../app';
import type { InboundEmail } from '../inbound/email-handler';
import type * as Background from './worker-background';
import { workerDeps } from './worker-deps';

type Bindings = Record<string, unknown>;
type BackgroundModule = typeof Background;

/**
 * The Worker: requests go to the app (built once per isolate from the secrets), which loads the
 * PDF writer on the first letter; the cron trigger and Email Routing go to the background module
 * (worker-background.ts), loaded on the first such event. `loadBackground` is how that module is
 * found; tests hand in its source.
 */
export function createWorker(
  loadBackground: () => Promise<BackgroundModule> = () => import('./worker-background'),
) {
  const deps = workerDeps();
  let app: ReturnType<typeof createApp> | undefined;
  return {
    async fetch(request: Request, bindings: Bindings, ctx: ExecutionContext) {
      try {
        app ??= createApp(await deps(bindings));
      } catch (err) {
        console.error((err as Error).message);
        return new Response('Service misconfigured; see the Worker logs.', { status: 503 });
      }
      return app.fetch(request, bindings, ctx);
    },

    async scheduled(
      controller: { scheduledTime: number },
      bindings: Bindings,
      ctx: ExecutionContext,
    ) {
      await (await loadBackground()).scheduled(controller, bindings, ctx);
    },

    async email(message: InboundEmail, bindings: Bindings, ctx: ExecutionContext) {
      await (await loadBackground()).email(message, bindings, ctx);
    },
  };
}

export default createWorker();
