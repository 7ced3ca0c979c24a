import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { complaints, events } from '../db/schema';
import { findTenant } from '../tenants/tenants';
import { purgeExpired, retentionCutoff } from './retention-purge';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

describe('the end of retention', () => {
  test('is the end of the Amsterdam closing date, that many years on', () => {
    // On 5 Jan 2031 (Amsterdam), complaints closed up to the end of 4 Jan 2026 have gone 5 years.
    expect(retentionCutoff(new Date('2031-01-05T10:00:00Z'), 5)).toBe('2026-01-04T22:59:59.999Z');
    // Just after midnight in Amsterdam it is already the next day.
    expect(retentionCutoff(new Date('2031-01-04T23:30:00Z'), 5)).toBe('2026-01-04T22:59:59.999Z');
    // In summer time.
    expect(retentionCutoff(new Date('2028-07-02T10:00:00Z'), 2)).toBe('2026-07-01T21:59:59.999Z');
  });

  test('of a complaint closed on 29 February comes on 1 March', () => {
    expect(retentionCutoff(new Date('2029-03-01T10:00:00Z'), 1)).toBe('2028-02-29T22:59:59.999Z');
    expect(retentionCutoff(new Date('2029-02-28T10:00:00Z'), 1)).toBe('2028-02-27T22:59:59.999Z');
  });
});

describe('purging', () => {
  async function closedOn(closedAt: string | null) {
    const number = await w.submit();
    await w.db
      .update(complaints)
      .set({ status: closedAt ? 'closed' : 'received', closedAt })
      .where(eq(complaints.number, number));
    return number;
  }
  const erased = async () =>
    (await w.db.select().from(complaints))
      .filter((c) => c.erasedAt !== null)
      .map((c) => c.number)
      .sort();
  const procedures = () => new Map([[w.tenant.id, { procedure: w.tenant.procedure }]]);

  test('erases what was closed before the cutoff, keeps open and later ones', async () => {
    w = await world('wenb'); // two years
    await closedOn('2024-03-01T22:59:59.999Z'); // 1 March 2024, 23:59 Amsterdam
    await closedOn('2024-03-01T23:00:00.000Z'); // 2 March 2024, 00:00 Amsterdam
    await closedOn(null);
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await purgeExpired(w.db, now, procedures(), 500, false)).toBe(1);
    expect(await erased()).toEqual(['2026-0001']);
    const [row] = await w.db.select().from(complaints).where(eq(complaints.number, '2026-0001'));
    expect(row?.pdComplainantName).toBeNull();
    const [erasure] = await w.db.select().from(events).where(eq(events.type, 'erased'));
    expect(erasure?.actor).toBe('retention');
    // Already erased: not counted again.
    expect(await purgeExpired(w.db, now, procedures(), 500, false)).toBe(0);
  });

  test('a dry run counts without erasing', async () => {
    w = await world('wenb');
    await closedOn('2020-01-01T10:00:00Z');
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await purgeExpired(w.db, now, procedures(), 500, true)).toBe(1);
    expect(await erased()).toEqual([]);
  });

  test('stops at the batch size, also across tenants', async () => {
    w = await world('wenb');
    for (let i = 0; i < 3; i++) await closedOn('2020-01-01T10:00:00Z');
    const now = new Date('2026-03-02T09:00:00Z');
    const twice = new Map([
      [w.tenant.id, { procedure: w.tenant.procedure }],
      ['another-tenant', { procedure: w.tenant.procedure }],
    ]);
    expect(await purgeExpired(w.db, now, twice, 2, false)).toBe(2);
    expect(await erased()).toHaveLength(2);
    expect(await purgeExpired(w.db, now, twice, 2, false)).toBe(1);
    expect(await erased()).toHaveLength(3);
  });

  test('the batch is shared by the tenants in turn', async () => {
    w = await world('wenb');
    for (let i = 0; i < 2; i++) await closedOn('2020-01-01T10:00:00Z');
    const otherKey = await w.t.tenant('other', { preset: 'wenb' });
    for (let i = 0; i < 2; i++) {
      const res = await w.t.json(
        'POST',
        '/v1/tenants/other/complaints',
        {
          complainant: { name: 'Piet', phone: '0612345678', email: 'p@example.nl' },
          description: 'x',
        },
        { Authorization: `Bearer ${otherKey}` },
      );
      expect(res.status).toBe(201);
    }
    const other = await findTenant(w.db, 'other');
    await w.db
      .update(complaints)
      .set({ status: 'closed', closedAt: '2020-01-01T10:00:00Z' })
      .where(eq(complaints.tenantId, other?.id ?? ''));
    const both = new Map([
      [w.tenant.id, { procedure: w.tenant.procedure }],
      [other?.id ?? '', { procedure: w.tenant.procedure }],
    ]);
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await purgeExpired(w.db, now, both, 3, false)).toBe(3);
    const gone = (await w.db.select().from(complaints)).filter((c) => c.erasedAt !== null);
    expect(gone.map((c) => c.tenantId === w.tenant.id).sort()).toEqual([false, true, true]);
  });

  test("only the tenant's own complaints, by its own retention", async () => {
    w = await world('wenb');
    await closedOn('2023-01-01T10:00:00Z');
    const now = new Date('2026-03-02T09:00:00Z');
    const longer = { ...w.tenant.procedure, retention: { years: 5 } };
    expect(
      await purgeExpired(w.db, now, new Map([[w.tenant.id, { procedure: longer }]]), 500, false),
    ).toBe(0);
    expect(
      await purgeExpired(
        w.db,
        now,
        new Map([['other', { procedure: w.tenant.procedure }]]),
        500,
        false,
      ),
    ).toBe(0);
    expect(await purgeExpired(w.db, now, procedures(), 500, false)).toBe(1);
  });
});
