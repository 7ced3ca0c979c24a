import * as z from 'zod';
import { MAX_PUBLIC_URL_CHARS } from '../../shared/message-kinds';
import { DEFAULT_SUBMIT_LIMIT } from '../complaints/intake';

const databaseUrl = z
  .string()
  .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, https: or wss:');

const operatorToken = z
  .string()
  .min(24, 'must be at least 24 characters (use a random secret, e.g. openssl rand -base64 32)');

/** Every setting of both runtimes; the Worker asks a few more of it (`workerEnvSchema`). */
export const nodeEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: databaseUrl.default('file:data/klacht.db'),
    DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
    /** Without it, `npm start` makes one for this run and prints it. */
    KLACHT_OPERATOR_TOKEN: operatorToken.optional(),
    /**
     * The origin links point to; without it, http://localhost:PORT (local development). Bounded,
     * as every message's worst case counts its tracking link (shared/message-kinds.ts).
     */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .max(MAX_PUBLIC_URL_CHARS, `must be at most ${MAX_PUBLIC_URL_CHARS} characters`)
      .optional(),
    /** Without it, e-mail is held in the outbox (visible, never pretended to be sent). */
    RESEND_API_KEY: z.string().min(1).optional(),
    /** Resend's API base URL (tests point it at a local capture server). */
    RESEND_BASE_URL: z.url().optional(),
    MAIL_FROM: z.email().default('klachten@example.org'),
    /** Messages per second to Resend (its default limit is 2). */
    MAIL_PER_SECOND: z.coerce.number().positive().max(100).default(2),
    TURNSTILE_SECRET_KEY: z.string().min(1).optional(),
    TURNSTILE_VERIFY_URL: z.url().optional(),
    /** How often the Node entry runs the jobs, in seconds; 0 turns the timer off. */
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    /** Public submissions allowed per tenant and client address: "<count>/<seconds>". */
    SUBMIT_RATE_LIMIT: z
      .string()
      .regex(/^\d+\/\d+$/, 'must look like 10/600 (count per seconds)')
      .default(`${DEFAULT_SUBMIT_LIMIT.max}/${DEFAULT_SUBMIT_LIMIT.windowSeconds}`)
      .transform((value) => {
        const [max, windowSeconds] = value.split('/').map(Number);
        return { max: max as number, windowSeconds: windowSeconds as number };
      }),
    /**
     * Seed the preset demo tenants and print fresh demo keys and passwords. Defaults to on for a
     * local file database only, so a server on Turso never grows demo tenants by accident.
     */
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    /**
     * The server's secret: seals webhook signing secrets and keys the references by which e-mail
     * replies find their complaint. Required unless the database is a local file, which then gets
     * one kept beside it (`<file>.key`).
     */
    KLACHT_SECRET_KEY: z
      .string()
      .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
      .optional(),
    /**
     * Development: webhooks may use http and go to loopback, private and local addresses. Defaults
     * to on for a local file database only, like SEED_DEMO.
     */
    WEBHOOKS_ALLOW_LOCAL: z.enum(['true', 'false']).optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.KLACHT_SECRET_KEY && !isLocalDatabase(env)) {
      ctx.addIssue({ code: 'custom', path: ['KLACHT_SECRET_KEY'], message: REQUIRED });
    }
  });
export type Env = z.infer<typeof nodeEnvSchema>;

const REQUIRED = 'is required but not set';

/** Whether the database is a local file (development and the demo). */
export function isLocalDatabase(env: { DATABASE_URL: string }): boolean {
  return env.DATABASE_URL.startsWith('file:');
}

/** A Worker has no local file, no way to print a token, and no other way to know its origin. */
export const workerEnvSchema = nodeEnvSchema.superRefine((env, ctx) => {
  if (env.DATABASE_URL.startsWith('file:')) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_URL'],
      message: 'must be a libsql:// or https:// URL on Workers (set it with wrangler secret put)',
    });
  }
  if (!env.KLACHT_OPERATOR_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['KLACHT_OPERATOR_TOKEN'], message: REQUIRED });
  }
  if (!env.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: REQUIRED });
});

/** The origin every link points to: PUBLIC_URL, or the local server as localhost. */
export function publicOrigin(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;
}

/** Validates the environment once, failing with one message that lists every problem. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, unknown>,
): z.output<S> {
  // `NAME=` (empty) means not set, as in most .env files and CI settings.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && set[name] === undefined;
    return `  ${name}: ${missing ? REQUIRED : issue.message}`;
  });
  throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
}
