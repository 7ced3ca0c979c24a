import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app';
import { sha256Hex } from '../server/crypto';
import type { Db } from '../server/db/client';
import type { AppDeps } from '../server/deps';
import { docsRoutes } from '../server/docs/docs-routes';
import { inboundRoutes } from '../server/inbound/inbound-routes';
import { writeLetter } from '../server/letters/letter-render';
import { nodeWebhookTransport, type Resolver } from '../server/runtime/node-webhook-transport';
import { openDatabase } from '../server/runtime/open-database';
import { tenantApiDocs } from '../server/tenant-api';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';
export const SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789';

/**
 * What the widget adds to every submission: when the form was shown (long enough ago) and the
 * empty honeypot. `t.json` adds them to a complaint posted without them, as the widget would.
 */
export const WIDGET_FIELDS = { formShownAt: Date.UTC(2020, 0, 1), website: '' };

const SUBMIT_PATH = /^(?:https?:\/\/[^/]+)?\/v1\/tenants\/[^/]+\/complaints$/;

function asTheWidgetSends(method: string, path: string, body: unknown): unknown {
  if (method !== 'POST' || !SUBMIT_PATH.test(path)) return body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return 'formShownAt' in body ? body : { ...WIDGET_FIELDS, ...body };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** The dependencies the app was built with (for runJobs and the like). */
  deps: AppDeps;
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
    /** The service's public origin (default https://klacht.test). */
    publicUrl?: string;
    /** The client address the app sees; by default CF-Connecting-IP, as on Workers. */
    clientAddress?: (c: import('hono').Context) => string | undefined;
    /** Webhooks to http and local addresses (default: allowed, as with a local database). */
    allowLocalWebhooks?: boolean;
    /** How webhook hosts resolve (default: the system's). */
    resolver?: Resolver;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-test-'));
  const dbPath = join(dir, 'test.db');
  const db = await openDatabase(`file:${dbPath}`);
  const deps: AppDeps = {
    db,
    clock: options.now ?? (() => new Date()),
    config: {
      operatorTokenHash: await sha256Hex(OPERATOR_TOKEN),
      publicUrl: options.publicUrl ?? 'https://klacht.test',
      mailFrom: 'klachten@example.org',
      mailPerSecond: 2,
      // Tests submit many complaints from one (absent) address; the limit has its own test.
      submitLimit: options.submitLimit ?? { max: 100_000, windowSeconds: 60 },
      ...(options.turnstile ? { turnstile: options.turnstile } : {}),
      secretKey: SECRET_KEY,
      allowLocalWebhooks: options.allowLocalWebhooks ?? true,
    },
    webhookTransport: nodeWebhookTransport(options.resolver),
    clientAddress: options.clientAddress ?? ((c) => c.req.header('cf-connecting-ip')),
    writeLetter,
  };
  const app = createApp(deps, {
    docs: docsRoutes(),
    inboundMail: inboundRoutes(deps),
    tenantApiDocs,
  });
  const json: TestApp['json'] = (method, path, body, headers = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(asTheWidgetSends(method, path, body)),
      }),
    );
  return {
    app,
    deps,
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

/**
 * Every byte of a test database as it lies on disk: the file and the write-ahead log (and a
 * rollback journal, if any), so a search finds personal data wherever SQLite keeps it.
 */
export function databaseBytes(t: Pick<TestApp, 'dbPath'>): Buffer {
  return Buffer.concat(
    [t.dbPath, `${t.dbPath}-wal`, `${t.dbPath}-journal`]
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path)),
  );
}
