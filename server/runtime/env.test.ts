import { describe, expect, test } from 'vitest';
import { MAX_PUBLIC_URL_CHARS } from '../../shared/message-kinds';
import { nodeEnvSchema, parseEnv, workerEnvSchema } from './env';

describe('environment', () => {
  test('Node defaults need nothing set', () => {
    expect(parseEnv(nodeEnvSchema, {})).toMatchObject({
      PORT: 8787,
      DATABASE_URL: 'file:data/klacht.db',
    });
  });

  test('one clear message lists every problem', () => {
    expect(() => parseEnv(workerEnvSchema, { DATABASE_URL: 'file:local.db' })).toThrowError(
      /Invalid configuration:\n {2}DATABASE_URL: must be a libsql:\/\/ or https:\/\/ URL on Workers.*\n {2}KLACHT_OPERATOR_TOKEN: is required but not set/s,
    );
    expect(() =>
      parseEnv(nodeEnvSchema, { PORT: 'eighty', KLACHT_OPERATOR_TOKEN: 'short' }),
    ).toThrowError(/PORT: .*\n {2}KLACHT_OPERATOR_TOKEN: must be at least 24 characters/s);
  });

  test('the public origin is short enough for the tracking link every message may hold', () => {
    const origin = `https://${'k'.repeat(MAX_PUBLIC_URL_CHARS - 'https://.nl'.length)}.nl`;
    expect(parseEnv(nodeEnvSchema, { PUBLIC_URL: origin }).PUBLIC_URL).toBe(origin);
    expect(() => parseEnv(nodeEnvSchema, { PUBLIC_URL: `${origin}/x` })).toThrowError(
      /PUBLIC_URL: must be at most 200 characters/,
    );
  });

  test('the server secret is required unless the database is a local file', () => {
    const turso = { DATABASE_URL: 'libsql://db.example.turso.io' };
    expect(() => parseEnv(nodeEnvSchema, turso)).toThrowError(
      /KLACHT_SECRET_KEY: is required but not set/,
    );
    expect(() =>
      parseEnv(workerEnvSchema, {
        ...turso,
        KLACHT_OPERATOR_TOKEN: 'x'.repeat(32),
        PUBLIC_URL: 'https://klacht.example.nl',
      }),
    ).toThrowError(/KLACHT_SECRET_KEY: is required but not set/);
    expect(() => parseEnv(nodeEnvSchema, { ...turso, KLACHT_SECRET_KEY: 'short' })).toThrowError(
      /KLACHT_SECRET_KEY: must be at least 32 characters/,
    );
    expect(parseEnv(nodeEnvSchema, {}).KLACHT_SECRET_KEY).toBeUndefined();
  });
});
