import { createClient } from '@libsql/client/http';
import { drizzle } from 'drizzle-orm/libsql/http';
import { schema } from '../db/schema';
import type { AppDeps } from '../deps';
import type { WriteLetter } from '../letters/letter-render';
import { depsFromEnv, type Runtime } from './deps-from-env';
import { type Env, parseEnv, workerEnvSchema } from './env';

type Bindings = Record<string, unknown>;

/**
 * The Worker's dependencies from its bindings (secrets), built once per isolate on first use;
 * a failure is not kept, so a fixed secret takes effect on the next event. The PDF writer is a
 * chunk of its own in the built Worker (scripts/build-worker.mjs), imported on the first letter.
 * `extra` adds what only some of the Worker's modules need (the mailer, for the scheduled jobs).
 */
export function workerDeps(extra: (env: Env) => Partial<Runtime> = () => ({})) {
  let pending: Promise<AppDeps> | undefined;
  return (bindings: Bindings): Promise<AppDeps> => {
    pending ??= (async () => {
      const env = parseEnv(workerEnvSchema, bindings);
      const client = createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
      return depsFromEnv(env, {
        db: drizzle(client, { schema }),
        // Set by Cloudflare's edge; a client cannot set it there.
        clientAddress: (c) => c.req.header('cf-connecting-ip'),
        writeLetter: writeLetterOnWorker,
        ...extra(env),
      });
    })().catch((err) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

/**
 * Writes a LetterDocument on the Worker: the PDF writer's chunk (pdf-lib, fontkit and the fonts
 * as data modules) is imported on the first letter, never with the script every request starts.
 */
export const writeLetterOnWorker: WriteLetter = async (doc) =>
  (await import('../letters/pdf-writer')).writeLetter(doc);
