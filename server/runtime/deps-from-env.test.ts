import { describe, expect, test } from 'vitest';
import type { Db } from '../db/client';
import { letterPdf } from '../letters/letter-pdf';
import { depsFromEnv } from './deps-from-env';
import { nodeEnvSchema, parseEnv, workerEnvSchema } from './env';

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
};

describe('depsFromEnv', () => {
  test('the Node entry and the Worker honour the same settings', async () => {
    const runtime = { db: {} as Db, clientAddress: () => undefined, renderLetter: letterPdf };
    const node = await depsFromEnv(parseEnv(nodeEnvSchema, settings), runtime);
    const worker = await depsFromEnv(parseEnv(workerEnvSchema, settings), runtime);
    for (const deps of [node, worker]) {
      expect(deps.config).toMatchObject({
        publicUrl: 'https://klacht.example.nl',
        submitLimit: { max: 3, windowSeconds: 60 },
        mailPerSecond: 5,
        mailFrom: 'k@example.nl',
        turnstile: { secret: 'secret', verifyUrl: 'http://127.0.0.1:9/verify' },
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
      renderLetter: letterPdf,
    });
    expect(deps.config.publicUrl).toBe('http://localhost:9000');
    expect(deps.mailer).toBeUndefined();
  });
});
