import { describe, expect, test } from 'vitest';
import { isInheritedName, own } from './own-keys';

describe('own keys', () => {
  test("Object's own property names are inherited names; others, and other cases, are not", () => {
    for (const name of ['constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(isInheritedName(name), name).toBe(true);
    }
    for (const name of ['ValueOf', 'value', 'prototype', 'acknowledgement', '']) {
      expect(isInheritedName(name), name).toBe(false);
    }
  });

  test('own() finds what the record holds and nothing its prototype answers', () => {
    const record: Record<string, number> = { a: 1, valueOf: 2 };
    expect([own(record, 'a'), own(record, 'valueOf')]).toEqual([1, 2]);
    expect([own(record, 'toString'), own(record, 'constructor'), own(record, 'b')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(own(undefined, 'a')).toBeUndefined();
  });
});
