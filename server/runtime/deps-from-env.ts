import type { Context } from 'hono';
import { sha256Hex } from '../crypto';
import type { Db } from '../db/client';
import type { AppDeps } from '../deps';
import type { RenderLetter } from '../letters/letter-pdf';
import { resendMailer } from '../mail/mailer';
import { type Env, publicOrigin } from './env';

/**
 * What only the runtime knows: its database client, how it sees a client's address, and how it
 * loads the PDF writer.
 */
export interface Runtime {
  db: Db;
  clientAddress: (c: Context) => string | undefined;
  renderLetter: RenderLetter;
  /** The operator token when the environment has none (npm start makes one per run). */
  operatorToken?: string;
}

/**
 * The app's dependencies from a validated environment, the same for the Node entry, the Worker
 * and the jobs CLI, so no setting is honoured by one runtime and ignored by another.
 */
export async function depsFromEnv(env: Env, runtime: Runtime): Promise<AppDeps> {
  const operatorToken = env.KLACHT_OPERATOR_TOKEN ?? runtime.operatorToken ?? '';
  return {
    db: runtime.db,
    clock: () => new Date(),
    clientAddress: runtime.clientAddress,
    renderLetter: runtime.renderLetter,
    config: {
      // No token, no operator: an empty hash matches no bearer token's hash.
      operatorTokenHash: operatorToken ? await sha256Hex(operatorToken) : '',
      publicUrl: publicOrigin(env),
      mailFrom: env.MAIL_FROM,
      mailPerSecond: env.MAIL_PER_SECOND,
      submitLimit: env.SUBMIT_RATE_LIMIT,
      ...(env.TURNSTILE_SECRET_KEY
        ? { turnstile: { secret: env.TURNSTILE_SECRET_KEY, verifyUrl: env.TURNSTILE_VERIFY_URL } }
        : {}),
    },
    mailer: env.RESEND_API_KEY
      ? resendMailer({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
      : undefined,
  };
}
