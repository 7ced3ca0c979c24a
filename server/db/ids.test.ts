import { expect, test } from 'vitest';
import { newId } from './ids';

const millisecondOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

test('row ids are UUIDv7s that begin with the moment they were made, and never repeat', async () => {
  const before = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < 1_000; i++) {
    ids.push(newId());
    if (i % 250 === 0) await new Promise((r) => setTimeout(r, 2));
  }
  const after = Date.now();
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  const moments = ids.map(millisecondOf);
  expect(moments[0]).toBeGreaterThanOrEqual(before);
  expect(moments.at(-1)).toBeLessThanOrEqual(after);
  // In the order they were made, so new rows share the last pages of an index.
  expect([...moments].sort((a, b) => a - b)).toEqual(moments);
  expect(new Set(moments).size).toBeGreaterThan(1);
  // Also within one millisecond: each id sorts after the one made before it.
  expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as string))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  // A thousand ids draw on four pools of random bytes: no random part repeats.
  expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
});
