import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { complaints } from '../db/schema';
import { listComplaints, type RegisterQuery, registerQuerySchema } from './listing';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const set = (number: string, values: Partial<typeof complaints.$inferInsert>) =>
  w.db.update(complaints).set(values).where(eq(complaints.number, number));

/** Five awb complaints with known due dates, statuses, categories and handlers. */
async function register() {
  w = await world('awb');
  const numbers: string[] = [];
  for (let i = 0; i < 5; i++) numbers.push(await w.submit());
  const [a, b, c, d, e] = numbers as [string, string, string, string, string];
  await set(a, { nextDueDate: '2026-03-09', status: 'received', category: 'overig' });
  await set(b, {
    nextDueDate: '2026-03-05',
    status: 'forwarded',
    handler: 'Piet',
    receivedDate: '2026-02-20',
  });
  await set(c, {
    nextDueDate: null,
    status: 'closed',
    category: 'overig',
    receivedDate: '2026-03-01',
  });
  await set(d, { nextDueDate: '2026-03-05', status: 'inProgress', handler: 'Klaas' });
  await set(e, { nextDueDate: '2026-03-20', status: 'closed', erasedAt: '2026-03-03T00:00:00Z' });
  return numbers;
}

const query = (q: Partial<RegisterQuery> = {}) => registerQuerySchema.parse(q);
const list = async (q: Partial<RegisterQuery>, today = '2026-03-07') =>
  (await listComplaints(w.db, w.tenant.id, query(q), today)).items.map((i) => i.number);

describe('the register', () => {
  test('sorts by next due date (none last), then newest first, and leaves out the erased', async () => {
    await register();
    expect(await list({})).toEqual(['2026-0004', '2026-0002', '2026-0001', '2026-0003']);
  });

  test('shows a line per complaint without its free text', async () => {
    await register();
    const { items } = await listComplaints(w.db, w.tenant.id, query(), '2026-03-07');
    expect(items[0]).toEqual({
      number: '2026-0004',
      status: 'inProgress',
      channel: 'web',
      receivedAt: '2026-03-02T09:00:00.000Z',
      category: null,
      handler: 'Klaas',
      complainantName: 'Jan Jansen',
      nextDue: '2026-03-05',
    });
  });

  test('filters by status, category and handler', async () => {
    await register();
    expect(await list({ status: 'closed' })).toEqual(['2026-0003']);
    expect(await list({ category: 'overig' })).toEqual(['2026-0001', '2026-0003']);
    expect(await list({ handler: 'Piet' })).toEqual(['2026-0002']);
  });

  test('filters by receipt date, both ends included', async () => {
    await register();
    expect(await list({ from: '2026-03-01' })).toEqual(['2026-0004', '2026-0001', '2026-0003']);
    expect(await list({ to: '2026-03-01' })).toEqual(['2026-0002', '2026-0003']);
    expect(await list({ from: '2026-02-20', to: '2026-02-20' })).toEqual(['2026-0002']);
  });

  test('overdue: open with a due date before today; not overdue: the rest', async () => {
    await register();
    expect(await list({ overdue: 'true' })).toEqual(['2026-0004', '2026-0002']);
    expect(await list({ overdue: 'false' })).toEqual(['2026-0001', '2026-0003']);
    expect(await list({ overdue: 'true' }, '2026-03-05')).toEqual([]);
    expect(await list({ overdue: 'false' }, '2026-03-05')).toHaveLength(4);
  });

  test('a closed complaint is never overdue, whatever due date it kept', async () => {
    const [, , closed] = await register();
    await set(closed as string, { nextDueDate: '2026-03-01' });
    expect(await list({ overdue: 'true' })).toEqual(['2026-0004', '2026-0002']);
    expect(await list({ overdue: 'false' })).toEqual(['2026-0003', '2026-0001']);
  });

  test('pages with limit and offset, and says where the next page starts', async () => {
    await register();
    const page = (limit: number, offset: number) =>
      listComplaints(w.db, w.tenant.id, query({ limit, offset }), '2026-03-07');
    expect(await page(2, 0)).toMatchObject({ nextOffset: 2 });
    expect((await page(2, 0)).items).toHaveLength(2);
    expect((await page(2, 2)).items.map((i) => i.number)).toEqual(['2026-0001', '2026-0003']);
    expect(await page(2, 2)).toMatchObject({ nextOffset: null });
    expect(await page(4, 0)).toMatchObject({ nextOffset: null });
    expect(await page(3, 0)).toMatchObject({ nextOffset: 3 });
  });

  test("shows only the tenant's own complaints", async () => {
    await register();
    expect(await listComplaints(w.db, 'another-tenant', query(), '2026-03-07')).toEqual({
      items: [],
      nextOffset: null,
    });
  });

  test('takes its query from the URL: numbers as text, 50 by default, at most 200', () => {
    expect(registerQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(registerQuerySchema.parse({ limit: '200', offset: '10' })).toEqual({
      limit: 200,
      offset: 10,
    });
    for (const bad of [
      { limit: '201' },
      { limit: '0' },
      { offset: '-1' },
      { from: '2026-02-30' },
      { overdue: 'yes' },
    ]) {
      expect(registerQuerySchema.safeParse(bad).success).toBe(false);
    }
  });
});
