import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app';
import { sha256Hex } from '../server/crypto';
import type { Db } from '../server/db/client';
import { openDatabase } from '../server/db/node';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  dir: string;
  dbPath: string;
  close(): void;
  /** Creates a tenant from a preset (or procedure) and returns its API key. */
  tenant(slug: string, body?: Record<string, unknown>): Promise<string>;
  json(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/** The real app on a real libSQL file in a fresh temp folder. */
export async function testApp(
  options: {
    now?: () => Date;
    submitLimit?: { max: number; windowSeconds: number };
    turnstile?: { secret: string; verifyUrl: string };
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-test-'));
  const dbPath = join(dir, 'test.db');
  const db = await openDatabase(`file:${dbPath}`);
  const app = createApp({
    db,
    clock: options.now,
    config: {
      operatorTokenHash: await sha256Hex(OPERATOR_TOKEN),
      publicUrl: 'https://klacht.test',
      // Tests submit many complaints from one (absent) address; the limit has its own test.
      submitLimit: options.submitLimit ?? { max: 100_000, windowSeconds: 60 },
      ...(options.turnstile ? { turnstile: options.turnstile } : {}),
    },
  });
  const json: TestApp['json'] = (method, path, body, headers = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    app,
    db,
    dir,
    dbPath,
    json,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async tenant(slug, body = { preset: slug }) {
      const res = await json(
        'POST',
        '/v1/tenants',
        { slug, name: `Tenant ${slug}`, ...body },
        { Authorization: `Bearer ${OPERATOR_TOKEN}` },
      );
      if (res.status !== 201) throw new Error(`tenant ${slug}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { apiKey: string }).apiKey;
    },
  };
}
