import type { Db } from '../db/client';
import type { AppDeps } from '../deps';
import { depsFromEnv, type Runtime } from './deps-from-env';
import type { Env } from './env';
import { letterThreads } from './letter-threads';
import { localSecretKey } from './local-secret';
import { threadedMailParser } from './mail-parse-thread';
import { mailerFromEnv } from './mailer-from-env';
import { nodeWebhookTransport } from './node-webhook-transport';

/**
 * The dependencies of the Node entries (the server and `npm run jobs`): everything the Worker
 * loads on first use is simply imported here (the Resend SDK; letters are written on a thread of
 * their own, started on the first, so the event loop is never busy with a PDF), the server secret
 * may come from beside a local database file, and webhooks are sent by a transport that checks
 * every resolved address. `more` adds what only one entry knows (the client's address, the
 * operator token made for this run).
 */
export function nodeDeps(env: Env, db: Db, more: Partial<Runtime> = {}): Promise<AppDeps> {
  return depsFromEnv(env, {
    db,
    clientAddress: () => undefined,
    secretKey: localSecretKey(env.DATABASE_URL),
    mailer: mailerFromEnv(env),
    webhookTransport: nodeWebhookTransport(),
    writeLetter: letterThreads().write,
    parseMail: threadedMailParser(),
    ...more,
  });
}
