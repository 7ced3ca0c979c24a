import type { Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterEach, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import type { Db } from '../db/client';
import { complaints, schema } from '../db/schema';
import { eraseComplaint } from './erase';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

/**
 * The test's local database as a remote server's client would present it (`protocol` https),
 * recording every statement sent outside a batch. Its methods still run on the local file.
 */
function asRemote(client: Client, sent: string[]): Db {
  const remote = new Proxy(client, {
    get(target, key) {
      if (key === 'protocol') return 'https';
      if (key === 'execute') {
        return (stmt: string | { sql: string }) => {
          sent.push(typeof stmt === 'string' ? stmt : stmt.sql);
          return target.execute(stmt as string);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return drizzle(remote, { schema });
}

test('on a database server (Turso) erasure sends no checkpoint of a local file', async () => {
  w = await world('totaalonder1dak');
  const number = await w.submit();
  const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  if (!row) throw new Error('no complaint');
  const sent: string[] = [];
  await eraseComplaint(asRemote(w.db.$client, sent), row.id, new Date(), 'staff:Ad');
  expect(sent.filter((sql) => /wal_checkpoint/i.test(sql))).toEqual([]);
  const after = await w.db.query.complaints.findFirst({ where: eq(complaints.id, row.id) });
  expect(after?.pdComplainantName).toBeNull();
  expect(after?.erasedAt).not.toBeNull();
  // On the local file itself the log is emptied into the file, so no erased value lingers there.
  const local: string[] = [];
  const number2 = await w.submit();
  const row2 = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number2) });
  const spied = new Proxy(w.db.$client, {
    get(target, key) {
      if (key === 'execute') {
        return (stmt: string) => {
          local.push(stmt);
          return target.execute(stmt);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await eraseComplaint(drizzle(spied, { schema }), row2?.id ?? '', new Date(), 'staff:Ad');
  expect(local).toContain('PRAGMA wal_checkpoint(TRUNCATE)');
});
