import type { ExecutionContext } from 'hono';
import { createApp } from '../app';
import type { InboundEmail } from '../inbound/email-handler';
import type * as Background from './worker-background';
import { workerDeps } from './worker-deps';

type Bindings = Record<string, unknown>;
type BackgroundModule = typeof Background;

/**
 * Where the built Worker finds its second module (see worker-background.ts): uploaded beside
 * this script (wrangler.toml: base_dir, find_additional_modules), imported on first use. A
 * variable, so that wrangler leaves the import to the runtime instead of bundling it here.
 */
const BACKGROUND: string = './lazy/background.mjs';

/**
 * The Worker: requests go to the app (built once per isolate from the secrets); the cron
 * trigger and Email Routing go to the background module, loaded on the first such event.
 * `loadBackground` is how that module is found; tests hand in its source.
 */
export function createWorker(
  loadBackground: () => Promise<BackgroundModule> = () => import(BACKGROUND),
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
