import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase } from './open-database';
import { STATEMENT_CACHE_SIZE } from './reused-statements';

let dir: string;
let db: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'klacht-statements-'));
  // Opening a local database is what installs the reuse, for every connection of the process.
  (await openDatabase(`file:${join(dir, 'app.db')}`)).$client.close();
  db = new Database(join(dir, 'plain.db'));
  db.exec('CREATE TABLE t (a TEXT PRIMARY KEY, b INTEGER)');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a statement is prepared once per connection and SQL text, then reused', () => {
  const first = db.prepare('SELECT a, b FROM t WHERE b >= ?');
  expect(db.prepare('SELECT a, b FROM t WHERE b >= ?')).toBe(first);
  expect(db.prepare('SELECT a FROM t')).not.toBe(first);
  const other = new Database(join(dir, 'plain.db'));
  expect(other.prepare('SELECT a, b FROM t WHERE b >= ?')).not.toBe(first);
  other.close();
});

test('a reused statement reads what was written since, also after a failed write', () => {
  const insert = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const read = () => db.prepare('SELECT a, b FROM t WHERE b >= ? ORDER BY a').raw(true).all([0]);
  insert.run(['x', 1]);
  expect(read()).toEqual([['x', 1]]);
  expect(() => db.prepare('INSERT INTO t (a, b) VALUES (?, ?)').run(['x', 2])).toThrow(/UNIQUE/);
  db.prepare('INSERT INTO t (a, b) VALUES (?, ?)').run(['y', 2]);
  expect(read()).toEqual([
    ['x', 1],
    ['y', 2],
  ]);
});

test('a statement that returns no rows says so as @libsql/client asks, with one error kept for it', () => {
  const insert = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  let first: unknown;
  try {
    insert.raw(true);
  } catch (err) {
    first = err;
  }
  expect(first).toBeInstanceOf(TypeError);
  expect(() => insert.raw(true)).toThrow(first as Error);
  // One that returns rows takes raw mode as before.
  const returning = db.prepare('INSERT INTO t (a, b) VALUES (?, ?) RETURNING a');
  expect(returning.raw(true).all(['zz', 9])).toEqual([['zz']]);
});

test('a reused statement follows a change of the schema (a migration)', () => {
  const all = () => db.prepare('SELECT * FROM t ORDER BY a LIMIT 1').all() as object[];
  const names = () =>
    db
      .prepare('SELECT * FROM t ORDER BY a LIMIT 1')
      .columns()
      .map((c) => c.name);
  expect(Object.keys(all()[0] ?? {})).toEqual(['a', 'b']);
  expect(names()).toEqual(['a', 'b']);
  db.exec("ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'z'");
  expect(all()[0]).toEqual({ a: 'x', b: 1, c: 'z' });
  expect(names()).toEqual(['a', 'b', 'c']);
});

test('the columns of a statement that names them are read from the binding once', () => {
  const read = db.prepare('SELECT a, b AS total FROM t');
  expect(read.columns()).toBe(read.columns());
  expect(read.columns().map((c) => c.name)).toEqual(['a', 'total']);
});

test('each connection keeps at most STATEMENT_CACHE_SIZE statements, the least recently used going first', () => {
  const conn = new Database(':memory:');
  const kept = conn.prepare('SELECT 0');
  const pushedOut = conn.prepare('SELECT 1');
  for (let i = 2; i < STATEMENT_CACHE_SIZE; i++) conn.prepare(`SELECT ${i}`);
  expect(conn.prepare('SELECT 0')).toBe(kept); // used again: now the most recent
  conn.prepare(`SELECT ${STATEMENT_CACHE_SIZE}`); // one over: `SELECT 1` goes
  expect(conn.prepare('SELECT 0')).toBe(kept);
  expect(conn.prepare('SELECT 1')).not.toBe(pushedOut);
  conn.close();
});

test('a closed connection forgets its statements; a new one prepares its own', () => {
  const path = join(dir, 'plain.db');
  const conn = new Database(path);
  const before = conn.prepare('SELECT count(*) FROM t');
  conn.close();
  const again = new Database(path);
  expect(again.prepare('SELECT count(*) FROM t')).not.toBe(before);
  again.close();
});
