import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDatabase } from '../../test/unit-fixtures';
import type { Db } from './client';
import { compiledWrite, insertRows, placeholders } from './compiled-writes';
import { outbox, tenants, webhookEndpoints } from './schema';

let db: Db;
let close: () => void;
beforeEach(async () => {
  ({ db, close } = await tempDatabase());
  await db.insert(tenants).values({ id: 't1', slug: 't1', name: 'T1', procedure: {} });
});
afterEach(() => close());

const endpoint = (id: string, changes: Partial<typeof webhookEndpoints.$inferInsert> = {}) => ({
  id,
  tenantId: 't1',
  url: 'https://example.nl/hook',
  events: ['complaint.received'],
  includePersonalData: true,
  description: null as string | null,
  secretSealed: 'sealed',
  ...changes,
});

const rawRow = async (id: string) =>
  (
    await db.$client.execute({
      sql: 'SELECT events, include_personal_data, description, created_at FROM webhook_endpoints WHERE id = ?',
      args: [id],
    })
  ).rows[0];

describe('compiled writes', () => {
  test('store what drizzle stores: JSON as text, booleans as 0/1, null as NULL, defaults applied', async () => {
    await insertRows(db, webhookEndpoints, [endpoint('a')]);
    await db.insert(webhookEndpoints).values(endpoint('b'));
    const [compiled, built] = [await rawRow('a'), await rawRow('b')];
    expect(compiled?.events).toBe('["complaint.received"]');
    expect(compiled?.include_personal_data).toBe(1);
    expect(compiled?.description).toBeNull();
    expect(compiled?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect({ ...compiled, created_at: 0 }).toEqual({ ...built, created_at: 0 });
  });

  test('store a JSON column left empty as NULL, not as the text "null"', async () => {
    const message = (id: string) => ({
      id,
      tenantId: 't1',
      complaintId: null,
      kind: 'test',
      status: 'pending',
      pdPayload: null,
    });
    await insertRows(db, outbox, [message('a')]);
    const row = await db.$client.execute("SELECT pd_payload FROM outbox WHERE id = 'a'");
    expect(row.rows[0]?.pd_payload).toBeNull();
  });

  test('go into a batch beside drizzle queries, many rows at once, and answer as drizzle does', async () => {
    const [inserted, , read] = await db.batch([
      compiledWrite(
        db,
        'test:returning',
        () =>
          db
            .insert(webhookEndpoints)
            .values({ ...placeholders(['id', 'tenantId', 'url', 'events', 'secretSealed']) })
            .returning({ id: webhookEndpoints.id, events: webhookEndpoints.events }),
        endpoint('a'),
      ),
      insertRows(db, webhookEndpoints, [
        endpoint('b', { includePersonalData: false }),
        endpoint('c'),
      ]),
      db.select().from(webhookEndpoints),
    ]);
    expect(inserted).toEqual([{ id: 'a', events: ['complaint.received'] }]);
    expect(read.map((r) => [r.id, r.includePersonalData])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
  });

  test('bind new values to the SQL built the first time', async () => {
    let builds = 0;
    const write = (id: string, url: string) =>
      compiledWrite(
        db,
        'test:raw',
        () => {
          builds++;
          return db.run(sql`INSERT INTO ${webhookEndpoints} (id, tenant_id, url, events, secret_sealed)
            VALUES (${sql.placeholder('id')}, 't1', ${sql.placeholder('url')}, '[]', 's')`);
        },
        { id, url },
      );
    await write('a', 'https://a.example');
    await write('b', 'https://b.example');
    expect(builds).toBe(1);
    const urls = await db.select({ url: webhookEndpoints.url }).from(webhookEndpoints);
    expect(urls.map((u) => u.url)).toEqual(['https://a.example', 'https://b.example']);
  });

  test('refuse a value left out, and rows that do not share their keys', async () => {
    const { description: _, ...withoutDescription } = endpoint('b');
    expect(() => insertRows(db, webhookEndpoints, [endpoint('a'), withoutDescription])).toThrow(
      /different keys/,
    );
    expect(() =>
      insertRows(db, webhookEndpoints, [{ ...endpoint('a'), url: undefined as never }]),
    ).toThrow(/no value for 0:url/);
    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, 'a'))).toEqual(
      [],
    );
  });
});
