import { expect, test } from 'vitest';
import { inQueuedOrder } from './claims';

test('claimed rows go by the moment they were queued, and by rowid within one moment', () => {
  const rows = [
    { id: 'c', createdAt: '2026-03-02T10:00:00.001Z', n: 1 },
    { id: 'b', createdAt: '2026-03-02T10:00:00.000Z', n: 7 },
    { id: 'a', createdAt: '2026-03-02T10:00:00.000Z', n: 3 },
  ];
  expect(inQueuedOrder(rows).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  // The rows as claimed are left as they were.
  expect(rows.map((r) => r.id)).toEqual(['c', 'b', 'a']);
});
