import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isUniqueViolation } from '../server/db/unique-violation';
import { type HranaServer, startHranaServer } from './hrana/server';

// The test libSQL server itself, through the client the Worker uses (@libsql/client over HTTP)
// and, for what that client never sends (Hrana 3's requests), through raw pipeline requests.

const dir = mkdtempSync(join(tmpdir(), 'klacht-hrana-'));
let hrana: HranaServer;
let client: Client;
const TOKEN = 'hrana-test-token';

beforeAll(async () => {
  hrana = await startHranaServer({ file: join(dir, 'hrana.db'), authToken: TOKEN });
  client = createClient({ url: hrana.url, authToken: TOKEN });
  await client.execute(
    'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, price REAL, data BLOB)',
  );
});

afterAll(async () => {
  client.close();
  await hrana.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One raw pipeline request (JSON) with the token. */
async function pipeline(version: 2 | 3, body: unknown) {
  const res = await fetch(`${hrana.url}/v${version}/pipeline`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const text = (value: string) => ({ type: 'text', value });

test('execute: values of every type go in and come back as they were', async () => {
  const blob = new Uint8Array([0, 1, 254, 255]);
  const inserted = await client.execute({
    sql: 'INSERT INTO items (name, price, data) VALUES (?, ?, ?)',
    args: ['kettle', 12.5, blob],
  });
  expect(inserted.rowsAffected).toBe(1);
  expect(inserted.lastInsertRowid).toBe(1n);
  const named = await client.execute({
    sql: 'INSERT INTO items (name, price) VALUES (:name, $price) RETURNING id, name',
    args: { name: 'toaster', price: 2n ** 53n + 1n },
  });
  expect(named.rows).toEqual([expect.objectContaining({ id: 2, name: 'toaster' })]);
  expect(named.rowsAffected).toBe(1);
  const client64 = createClient({ url: hrana.url, authToken: TOKEN, intMode: 'bigint' });
  const all = await client64.execute('SELECT id, name, price, data, typeof(price) FROM items');
  client64.close();
  expect(all.columns).toEqual(['id', 'name', 'price', 'data', 'typeof(price)']);
  expect(all.columnTypes).toEqual(['INTEGER', 'TEXT', 'REAL', 'BLOB', '']);
  expect(all.rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i]))).toEqual([
    [1n, 'kettle', 12.5, blob.buffer, 'real'],
    [2n, 'toaster', 2 ** 53, null, 'real'],
  ]);
  // A number is a float in Hrana, as the client sends it, and an integer column keeps it whole.
  const typed = await client.execute({
    sql: 'SELECT typeof(?) AS a, typeof(?) AS b',
    args: [3, 3n],
  });
  expect(typed.rows[0]).toMatchObject({ a: 'real', b: 'integer' });
  // A SELECT changed nothing, whatever the INSERT before it did.
  expect((await client.execute('SELECT 1')).rowsAffected).toBe(0);
});

test('batch: all statements in one transaction, none when one fails', async () => {
  const before = hrana.served.length;
  await expect(
    client.batch(
      [
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['lamp'] },
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['kettle'] }, // taken
      ],
      'write',
    ),
  ).rejects.toSatisfy(isUniqueViolation);
  expect(hrana.served.length - before).toBe(1);
  const lamp = await client.execute("SELECT count(*) AS n FROM items WHERE name = 'lamp'");
  expect(lamp.rows[0]?.n).toBe(0);
  const results = await client.batch(
    [
      { sql: 'INSERT INTO items (name) VALUES (?)', args: ['lamp'] },
      "UPDATE items SET price = 1 WHERE name IN ('lamp', 'kettle')",
    ],
    'write',
  );
  expect(results.map((r) => r.rowsAffected)).toEqual([1, 2]);
});

test('batch conditions: ok, error, not, and, or, is_autocommit (Hrana 3)', async () => {
  const step = (sql: string, condition?: unknown) => ({ stmt: { sql }, condition });
  const { status, body } = await pipeline(3, {
    baton: null,
    requests: [
      {
        type: 'batch',
        batch: {
          steps: [
            step('SELECT 1'),
            step('SELECT nope'),
            step('SELECT 2', { type: 'ok', step: 0 }),
            step('SELECT 3', { type: 'ok', step: 1 }),
            step('SELECT 4', { type: 'error', step: 1 }),
            step('SELECT 5', { type: 'not', cond: { type: 'ok', step: 1 } }),
            step('SELECT 6', {
              type: 'and',
              conds: [
                { type: 'ok', step: 0 },
                { type: 'ok', step: 1 },
              ],
            }),
            step('SELECT 7', {
              type: 'or',
              conds: [
                { type: 'ok', step: 0 },
                { type: 'ok', step: 1 },
              ],
            }),
            step('SELECT 8', { type: 'is_autocommit' }),
          ],
        },
      },
      { type: 'close' },
    ],
  });
  expect(status).toBe(200);
  const [batch] = body.results;
  const ran = batch.response.result.step_results.map((r: unknown) => r !== null);
  expect(ran).toEqual([true, false, true, false, true, true, false, true, true]);
  expect(batch.response.result.step_errors[1]).toMatchObject({
    message: expect.stringContaining('no such column'),
    code: 'SQLITE_ERROR',
  });
  expect(body.baton).toBeNull();
  // A condition on a step that has not run yet refuses the batch before anything runs.
  const bad = await pipeline(3, {
    requests: [
      {
        type: 'batch',
        batch: {
          steps: [
            step("INSERT INTO items (name) VALUES ('x')"),
            step('SELECT 1', { type: 'ok', step: 1 }),
          ],
        },
      },
    ],
  });
  expect(bad.body.results[0]).toMatchObject({
    type: 'error',
    error: { code: 'BATCH_COND_INVALID' },
  });
  expect(
    (await client.execute("SELECT count(*) AS n FROM items WHERE name = 'x'")).rows[0]?.n,
  ).toBe(0);
  // Hrana 2 has no is_autocommit.
  const v2 = await pipeline(2, {
    requests: [{ type: 'batch', batch: { steps: [step('SELECT 1', { type: 'is_autocommit' })] } }],
  });
  expect(v2.body.results[0].type).toBe('error');
});

test('a transaction spans requests by its baton and holds the write lock until it ends', async () => {
  const other = createClient({ url: hrana.url, authToken: TOKEN });
  const streams = hrana.openStreams();
  const tx = await client.transaction('write');
  await tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['chair'] });
  expect(hrana.openStreams()).toBe(streams + 1);
  // Another stream neither sees the row nor writes while the transaction holds the lock: its
  // write waits for the lock (as on sqld), and lands after the commit.
  const seen = await other.execute("SELECT count(*) AS n FROM items WHERE name = 'chair'");
  expect(seen.rows[0]?.n).toBe(0);
  let written = false;
  const waiting = other
    .execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['table'] })
    .then(() => {
      written = true;
    });
  await new Promise((r) => setTimeout(r, 100));
  expect(written).toBe(false);
  await tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['stool'] });
  await tx.commit();
  await waiting;
  expect(hrana.openStreams()).toBe(streams);
  const names = await client.execute(
    "SELECT name FROM items WHERE name IN ('chair', 'stool', 'table') ORDER BY id",
  );
  expect(names.rows.map((r) => r.name)).toEqual(['chair', 'stool', 'table']);
  // A rolled-back transaction leaves nothing.
  const undone = await client.transaction('write');
  await undone.execute("INSERT INTO items (name) VALUES ('bench')");
  await undone.rollback();
  const bench = await other.execute("SELECT count(*) AS n FROM items WHERE name = 'bench'");
  expect(bench.rows[0]?.n).toBe(0);
  other.close();
});

test('a baton is good for one request; an unknown one is 400 STREAM_EXPIRED', async () => {
  const opened = await pipeline(2, { requests: [{ type: 'execute', stmt: { sql: 'SELECT 1' } }] });
  expect(opened.body.baton).toEqual(expect.any(String));
  const next = await pipeline(2, { baton: opened.body.baton, requests: [{ type: 'close' }] });
  expect(next.status).toBe(200);
  expect(next.body.baton).toBeNull();
  const again = await pipeline(2, { baton: opened.body.baton, requests: [{ type: 'close' }] });
  expect(again).toEqual({
    status: 400,
    body: { message: expect.any(String), code: 'STREAM_EXPIRED' },
  });
});

test('store_sql, close_sql, sequence, describe and get_autocommit', async () => {
  const { body } = await pipeline(3, {
    requests: [
      { type: 'store_sql', sql_id: 1, sql: 'SELECT name FROM items WHERE id = ?' },
      { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'integer', value: '1' }] } },
      { type: 'describe', sql_id: 1 },
      { type: 'describe', sql: 'INSERT INTO items (name) VALUES (:n)' },
      { type: 'describe', sql: 'EXPLAIN SELECT 1' },
      { type: 'close_sql', sql_id: 1 },
      { type: 'execute', stmt: { sql_id: 1, args: [] } },
      { type: 'sequence', sql: 'BEGIN; CREATE TABLE seq (x); INSERT INTO seq VALUES (1);' },
      { type: 'get_autocommit' },
      { type: 'sequence', sql: 'COMMIT' },
      { type: 'get_autocommit' },
      { type: 'close' },
    ],
  });
  const responses = body.results.map((r: { type: string; response?: unknown; error?: unknown }) =>
    r.type === 'ok' ? r.response : r.error,
  );
  expect(responses[1].result.rows).toEqual([[text('kettle')]]);
  expect(responses[2].result).toEqual({
    params: [{ name: null }],
    cols: [{ name: 'name', decltype: 'TEXT' }],
    is_explain: false,
    is_readonly: true,
  });
  expect(responses[3].result).toMatchObject({ params: [{ name: ':n' }], is_readonly: false });
  expect(responses[4].result).toMatchObject({ is_explain: true, is_readonly: true });
  expect(responses[6]).toMatchObject({ code: 'SQL_NOT_FOUND' });
  expect(responses[8]).toEqual({ type: 'get_autocommit', is_autocommit: false });
  expect(responses[10]).toEqual({ type: 'get_autocommit', is_autocommit: true });
  expect((await client.execute('SELECT x FROM seq')).rows[0]?.x).toBe(1);
  // The client's executeMultiple is a sequence too.
  await client.executeMultiple('INSERT INTO seq VALUES (2); INSERT INTO seq VALUES (3);');
  expect((await client.execute('SELECT count(*) AS n FROM seq')).rows[0]?.n).toBe(3);
});

test('errors come in the protocol shape, with SQLite code and message', async () => {
  const syntax = await client.execute('SELEC 1').catch((e) => e);
  expect(syntax).toBeInstanceOf(LibsqlError);
  expect(syntax).toMatchObject({
    code: 'SQLITE_ERROR',
    message: expect.stringContaining('syntax error'),
  });
  const taken = await client
    .execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['kettle'] })
    .catch((e) => e);
  expect(taken.code).toBe('SQLITE_CONSTRAINT');
  expect(isUniqueViolation(taken)).toBe(true);
  const { body } = await pipeline(2, {
    requests: [
      { type: 'execute', stmt: { sql: 'SELECT 1; SELECT 2' } },
      { type: 'execute', stmt: { sql: '-- nothing' } },
      { type: 'execute', stmt: { sql: 'SELECT ?, ?', args: [text('a')] } },
      { type: 'execute', stmt: { sql: 'SELECT ?', args: [text('a'), text('b')] } },
      {
        type: 'execute',
        stmt: { sql: 'SELECT :a', named_args: [{ name: 'b', value: text('b') }] },
      },
      { type: 'get_autocommit' },
      { type: 'nonsense' },
      { type: 'close' },
    ],
  });
  expect(body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual([
    'SQL_MANY_STATEMENTS',
    'SQL_NO_STATEMENT',
    'ARGS_INVALID',
    'ARGS_INVALID',
    'ARGS_INVALID',
    'HRANA_PROTO_ERROR', // get_autocommit is Hrana 3
    'HRANA_PROTO_ERROR',
    undefined,
  ]);
  const notJson = await fetch(`${hrana.url}/v2/pipeline`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: '{',
  });
  expect(notJson.status).toBe(400);
  expect(await notJson.json()).toMatchObject({ code: 'HRANA_PROTO_ERROR' });
});

test('health, version, the versions it speaks, and the auth token', async () => {
  const get = (path: string, token = TOKEN) =>
    fetch(`${hrana.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await get('/health')).status).toBe(200);
  expect((await get('/v1/health')).status).toBe(200);
  expect(await (await get('/version')).text()).toMatch(/Hrana/);
  expect((await get('/v2')).status).toBe(200);
  expect((await get('/v3')).status).toBe(200);
  expect((await get('/v3-protobuf')).status).toBe(404);
  expect((await get('/v2', 'wrong')).status).toBe(401);
  const stranger = createClient({ url: hrana.url, authToken: 'wrong' });
  await expect(stranger.execute('SELECT 1')).rejects.toThrow(/Authentication failed/);
  stranger.close();
});

test('a cursor streams a batch as entries (Hrana 3)', async () => {
  const res = await fetch(`${hrana.url}/v3/cursor`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      baton: null,
      batch: {
        steps: [
          { stmt: { sql: 'SELECT id FROM items WHERE id <= 2 ORDER BY id' } },
          { stmt: { sql: 'nope' } },
        ],
      },
    }),
  });
  const lines = (await res.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines[0]).toEqual({ baton: expect.any(String), base_url: null });
  expect(lines.slice(1).map((e) => e.type)).toEqual([
    'step_begin',
    'row',
    'row',
    'step_end',
    'step_error',
  ]);
  await pipeline(3, { baton: lines[0].baton, requests: [{ type: 'close' }] });
});

describe('counting and faults', () => {
  test('counts pipeline requests and statements: one request for an execute, one for a batch', async () => {
    const before = hrana.served.length;
    await client.execute('SELECT 1');
    await client.batch(['SELECT 1', 'SELECT 2'], 'read');
    const served = hrana.served.slice(before);
    // The client stores a batch's statements on the stream first, in the same request.
    expect(served.map((p) => p.requests)).toEqual([
      ['execute', 'close'],
      ['store_sql', 'store_sql', 'batch', 'close'],
    ]);
    // BEGIN, the two statements, COMMIT (the ROLLBACK step is skipped).
    expect(served.map((p) => p.statements)).toEqual([1, 4]);
    expect(served[1]?.sql).toEqual([
      'BEGIN TRANSACTION READONLY',
      'SELECT 1',
      'SELECT 2',
      'COMMIT',
      'ROLLBACK',
    ]);
  });

  test('refuse and reset: the client fails, nothing ran', async () => {
    for (const action of ['refuse', 'reset'] as const) {
      hrana.fail({ action, match: (p) => p.sql.some((s) => s.includes("'fault'")) });
      await expect(client.execute("INSERT INTO items (name) VALUES ('fault')")).rejects.toThrow();
      expect(hrana.served.at(-1)?.fault).toBe(action);
    }
    const n = await client.execute("SELECT count(*) AS n FROM items WHERE name = 'fault'");
    expect(n.rows[0]?.n).toBe(0);
  });

  test('lose-answer: it ran, but the client cannot know', async () => {
    hrana.fail({ action: 'lose-answer' });
    await expect(client.execute("INSERT INTO items (name) VALUES ('lost')")).rejects.toThrow();
    const n = await client.execute("SELECT count(*) AS n FROM items WHERE name = 'lost'");
    expect(n.rows[0]?.n).toBe(1);
  });

  test('stall: held until released', async () => {
    const stall = hrana.stall();
    let done = false;
    const pending = client.execute('SELECT 42 AS x').then((r) => {
      done = true;
      return r.rows[0]?.x;
    });
    const reached = await stall.reached;
    expect(reached.sql).toEqual(['SELECT 42 AS x']);
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    stall.release();
    expect(await pending).toBe(42);
  });
});
