import { describe, expect, test } from 'vitest';
import type { Db } from '../db/client';
import { writeLetter } from '../letters/letter-render';
import { depsFromEnv } from './deps-from-env';
import { nodeEnvSchema, parseEnv, workerEnvSchema } from './env';
import { mailerFromEnv } from './mailer-from-env';

const settings = {
  DATABASE_URL: 'libsql://db.example.turso.io',
  KLACHT_OPERATOR_TOKEN: 'x'.repeat(32),
  PUBLIC_URL: 'https://klacht.example.nl/',
  SUBMIT_RATE_LIMIT: '3/60',
  MAIL_PER_SECOND: '5',
  MAIL_FROM: 'k@example.nl',
  RESEND_API_KEY: 're_test',
  RESEND_BASE_URL: 'http://127.0.0.1:9/',
  TURNSTILE_SECRET_KEY: 'secret',
  TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/verify',
  KLACHT_SECRET_KEY: 's'.repeat(40),
};

describe('depsFromEnv', () => {
  test('the Node entry and the Worker honour the same settings', async () => {
    const runtime = { db: {} as Db, clientAddress: () => undefined, writeLetter };
    const nodeEnv = parseEnv(nodeEnvSchema, settings);
    const workerEnv = parseEnv(workerEnvSchema, settings);
    const node = await depsFromEnv(nodeEnv, { ...runtime, mailer: mailerFromEnv(nodeEnv) });
    const worker = await depsFromEnv(workerEnv, { ...runtime, mailer: mailerFromEnv(workerEnv) });
    for (const deps of [node, worker]) {
      expect(deps.config).toMatchObject({
        publicUrl: 'https://klacht.example.nl',
        submitLimit: { max: 3, windowSeconds: 60 },
        mailPerSecond: 5,
        mailFrom: 'k@example.nl',
        turnstile: { secret: 'secret', verifyUrl: 'http://127.0.0.1:9/verify' },
        secretKey: 's'.repeat(40),
        // Not a local file: webhooks go to public https URLs only.
        allowLocalWebhooks: false,
      });
      expect(deps.mailer).toBeDefined();
      expect(deps.clock()).toBeInstanceOf(Date);
    }
    expect(worker.config).toEqual(node.config);
  });

  test('a local server without PUBLIC_URL links to itself as localhost', async () => {
    const env = parseEnv(nodeEnvSchema, { PORT: '9000' });
    const deps = await depsFromEnv(env, {
      db: {} as Db,
      clientAddress: () => undefined,
      secretKey: 'k'.repeat(43),
      writeLetter,
    });
    expect(deps.config.publicUrl).toBe('http://localhost:9000');
    expect(deps.mailer).toBeUndefined();
    expect(mailerFromEnv(env)).toBeUndefined();
    // A local database file: the development settings, unless turned off.
    expect(deps.config.allowLocalWebhooks).toBe(true);
    const off = parseEnv(nodeEnvSchema, { WEBHOOKS_ALLOW_LOCAL: 'false' });
    const strict = await depsFromEnv(off, {
      db: {} as Db,
      clientAddress: () => undefined,
      secretKey: 'k'.repeat(43),
      writeLetter,
    });
    expect(strict.config.allowLocalWebhooks).toBe(false);
  });
});
