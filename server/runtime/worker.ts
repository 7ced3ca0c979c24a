import { createClient } from '@libsql/client/http';
import { drizzle } from 'drizzle-orm/libsql/http';
import type { ExecutionContext } from 'hono';
import { createApp } from '../app';
import { schema } from '../db/schema';
import type { AppDeps } from '../deps';
import { runJobs } from '../jobs/run-jobs';
import { depsFromEnv } from './deps-from-env';
import { parseEnv, workerEnvSchema } from './env';

type Bindings = Record<string, unknown>;

// Uploaded beside this script, not bundled into it: see wrangler.toml (find_additional_modules).
const LETTER_MODULE = './lazy/letter-pdf.mjs';

// Built once per isolate, on the first request, from the secrets; env cannot change in between.
let depsPromise: Promise<AppDeps> | undefined;
let app: ReturnType<typeof createApp> | undefined;

async function deps(bindings: Bindings): Promise<AppDeps> {
  depsPromise ??= (async () => {
    const env = parseEnv(workerEnvSchema, bindings);
    const client = createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
    return depsFromEnv(env, {
      db: drizzle(client, { schema }),
      // Set by Cloudflare's edge; a client cannot set it there.
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
      // A separate module (scripts/worker-modules.mjs), loaded on the first letter.
      renderLetter: async (letter) => (await import(LETTER_MODULE)).letterPdf(letter),
    });
  })();
  return depsPromise;
}

export default {
  async fetch(request: Request, bindings: Bindings, ctx: ExecutionContext) {
    try {
      app ??= createApp(await deps(bindings));
    } catch (err) {
      depsPromise = undefined;
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
    let appDeps: AppDeps;
    try {
      appDeps = await deps(bindings);
    } catch (err) {
      depsPromise = undefined;
      throw err;
    }
    const report = runJobs(appDeps, new Date(controller.scheduledTime));
    ctx.waitUntil(report.then((r) => console.log(JSON.stringify(r))));
    await report;
  },
};
