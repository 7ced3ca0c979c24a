import type { Context } from 'hono';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import type { AppDeps } from '../deps';
import type { WriteLetter } from '../letters/letter-render';
import type { Mailer } from '../mail/mailer';
import { type Env, isLocalDatabase, publicOrigin } from './env';

/**
 * What only the runtime knows: its database client, how it sees a client's address, and how it
 * loads the PDF writer.
 */
export interface Runtime {
  db: Db;
  clientAddress: (c: Context) => string | undefined;
  writeLetter: WriteLetter;
  /** The operator token when the environment has none (npm start makes one per run). */
  operatorToken?: string;
  /** The server secret when the environment has none (kept beside a local database file). */
  secretKey?: string;
  /** How webhooks are sent (the Node entry's checks every resolved address); fetch otherwise. */
  webhookTransport?: AppDeps['webhookTransport'];
  /** What sends e-mail (`mailerFromEnv`), where mail is sent; without it messages are held. */
  mailer?: Mailer;
  /** How inbound mail is read (the Node entry's: in a thread); in place otherwise. */
  parseMail?: AppDeps['parseMail'];
}

/**
 * The app's dependencies from a validated environment, the same for the Node entry, the Worker
 * and the jobs CLI, so no setting is honoured by one runtime and ignored by another.
 */
export async function depsFromEnv(env: Env, runtime: Runtime): Promise<AppDeps> {
  const operatorToken = env.KLACHT_OPERATOR_TOKEN ?? runtime.operatorToken ?? '';
  const secretKey = env.KLACHT_SECRET_KEY ?? runtime.secretKey;
  if (!secretKey) {
    throw new Error('Invalid configuration:\n  KLACHT_SECRET_KEY: is required but not set');
  }
  return {
    db: runtime.db,
    clock: () => new Date(),
    clientAddress: runtime.clientAddress,
    writeLetter: runtime.writeLetter,
    config: {
      // No token, no operator: an empty hash matches no bearer token's hash.
      operatorTokenHash: operatorToken ? await sha256Hex(operatorToken) : '',
      publicUrl: publicOrigin(env),
      mailFrom: env.MAIL_FROM,
      mailPerSecond: env.MAIL_PER_SECOND,
      submitLimit: env.SUBMIT_RATE_LIMIT,
      secretKey,
      allowLocalWebhooks: (env.WEBHOOKS_ALLOW_LOCAL ?? String(isLocalDatabase(env))) === 'true',
      ...(env.TURNSTILE_SECRET_KEY
        ? { turnstile: { secret: env.TURNSTILE_SECRET_KEY, verifyUrl: env.TURNSTILE_VERIFY_URL } }
        : {}),
    },
    mailer: runtime.mailer,
    ...(runtime.webhookTransport ? { webhookTransport: runtime.webhookTransport } : {}),
    ...(runtime.parseMail ? { parseMail: runtime.parseMail } : {}),
  };
}
