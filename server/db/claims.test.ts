import { eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { claimDue, inTurns } from './claims';
import { outbox } from './schema';

test('a run works through its claim line by line in turns, each line in the order it was queued', () => {
  const at = (ms: number) => `2026-03-02T10:00:00.${String(ms).padStart(3, '0')}Z`;
  const rows = [
    { id: 'a3', line: 'a', createdAt: at(2), n: 3 },
    { id: 'b1', line: 'b', createdAt: at(9), n: 9 },
    { id: 'a2', line: 'a', createdAt: at(1), n: 8 },
    { id: 'a1', line: 'a', createdAt: at(1), n: 2 },
  ];
  // a's backlog is older, but b takes its turn after a's first row; rowid breaks a tie.
  expect(inTurns(rows).map((r) => r.id)).toEqual(['a1', 'b1', 'a2', 'a3']);
  // The rows as claimed are left as they were.
  expect(rows.map((r) => r.id)).toEqual(['a3', 'b1', 'a2', 'a1']);
});

test('a claim gives back only the rows it still holds', async () => {
  const w = await world('awb');
  try {
    await w.submit();
    await w.submit();
    const claim = await claimDue(w.db, outbox, sql`status = 'pending'`, {
      limit: 10,
      from: new Date('2026-03-02T09:00:00.000Z'),
      leaseMs: 60_000,
    });
    const [taken, kept] = claim.rows;
    if (!taken || !kept) throw new Error('two rows claimed');
    // Another run took this one once the lease had ended: it is that run's now, not ours.
    await w.db
      .update(outbox)
      .set({ nextAttemptAt: '2026-03-02T09:01:00.001Z' })
      .where(eq(outbox.id, taken.id));
    await claim.release([taken.id, kept.id]);
    const state = async (id: string) =>
      (await w.db.select().from(outbox).where(eq(outbox.id, id))).map((r) => [
        r.status,
        r.attempts,
        r.nextAttemptAt,
      ]);
    expect(await state(taken.id)).toEqual([['sending', 1, '2026-03-02T09:01:00.001Z']]);
    expect(await state(kept.id)).toEqual([['pending', 0, null]]);
  } finally {
    w.close();
  }
});
