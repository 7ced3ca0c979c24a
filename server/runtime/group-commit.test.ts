import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, type InStatement } from '@libsql/client';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { GROUP_COMMIT_MAX, groupCommits } from './group-commit';

let dir: string;
let client: Client;
/** The size of every transaction the file saw, as the grouped client ran it. */
let transactions: number[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'klacht-group-'));
  client = createClient({ url: `file:${join(dir, 'g.db')}`, concurrency: 1 });
  await client.execute('CREATE TABLE t (seq INTEGER UNIQUE, note TEXT)');
  transactions = [];
  const run = client.batch.bind(client);
  client.batch = (statements, mode) => {
    transactions.push(statements.length);
    return run(statements, mode);
  };
  groupCommits(client);
});
afterEach(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const next = (note: string): InStatement => ({
  sql: 'INSERT INTO t SELECT COALESCE(MAX(seq), 0) + 1, ? FROM t RETURNING seq',
  args: [note],
});
const rows = async () =>
  (await client.execute('SELECT seq, note FROM t ORDER BY seq')).rows.map((r) => [
    Number(r.seq),
    r.note,
  ]);

test('batches started together share one transaction; each gets its own results, in order', async () => {
  const results = await Promise.all(
    ['a', 'b', 'c'].map((note) => client.batch([next(note), next(`${note}2`)], 'write')),
  );
  expect(transactions).toEqual([6]);
  expect(results.map((r) => r.map((set) => Number(set.rows[0]?.seq)))).toEqual([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  expect(await rows()).toEqual([
    [1, 'a'],
    [2, 'a2'],
    [3, 'b'],
    [4, 'b2'],
    [5, 'c'],
    [6, 'c2'],
  ]);
});

test('a failing batch fails alone: the others are written, with numbers that leave no gap', async () => {
  const clash = { sql: 'INSERT INTO t (seq, note) VALUES (1, ?)', args: ['clash'] };
  const [first, failed, third] = await Promise.allSettled([
    client.batch([next('a')], 'write'),
    client.batch([next('b'), clash], 'write'),
    client.batch([next('c')]),
  ]);
  expect(first.status).toBe('fulfilled');
  expect(third.status).toBe('fulfilled');
  expect(failed).toMatchObject({
    status: 'rejected',
    reason: { code: 'SQLITE_CONSTRAINT', statementIndex: 1 },
  });
  // The shared attempt, then each batch on its own.
  expect(transactions).toEqual([4, 1, 2, 1]);
  expect(await rows()).toEqual([
    [1, 'a'],
    [2, 'c'],
  ]);
});

test(`one transaction takes at most ${GROUP_COMMIT_MAX} batches; reads are not held back`, async () => {
  const writes = Array.from({ length: GROUP_COMMIT_MAX + 8 }, (_, i) =>
    client.batch([next(String(i))], 'write'),
  );
  const read = client.batch(['SELECT 1'], 'read');
  await Promise.all([...writes, read]);
  expect(transactions).toEqual([1, GROUP_COMMIT_MAX, 8]);
  expect((await rows()).length).toBe(GROUP_COMMIT_MAX + 8);
});

test('a batch alone runs as it was asked, in its own mode', async () => {
  await client.batch([next('a')], 'deferred');
  await client.batch([next('b')], 'write');
  expect(transactions).toEqual([1, 1]);
  expect(await rows()).toEqual([
    [1, 'a'],
    [2, 'b'],
  ]);
});

test('a database another process keeps locked fails the batches at once, not one by one', async () => {
  await client.execute('PRAGMA busy_timeout = 50');
  const other = createClient({ url: `file:${join(dir, 'g.db')}` });
  const lock = await other.transaction('write');
  try {
    const outcomes = await Promise.allSettled([
      client.batch([next('a')], 'write'),
      client.batch([next('b')], 'write'),
    ]);
    expect(outcomes.map((o) => o.status === 'rejected' && String(o.reason.code))).toEqual([
      'SQLITE_BUSY',
      'SQLITE_BUSY',
    ]);
    expect(transactions).toEqual([2]);
  } finally {
    lock.close();
    other.close();
  }
  expect(await rows()).toEqual([]);
});
