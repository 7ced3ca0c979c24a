import { expect, test } from 'vitest';
import { newId } from './ids';

test('row ids are UUIDs in the order they were made, so new rows share the last index pages', () => {
  const ids = Array.from({ length: 1_000 }, () => newId());
  for (const id of ids)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});
