import { expect, test } from 'vitest';
import { applyMergePatch } from './merge-patch';

// RFC 7396, Appendix A: every example, as the RFC gives it.
const EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

test.each(EXAMPLES)('RFC 7396 Appendix A: %j patched with %j is %j', (target, patch, result) => {
  expect(applyMergePatch(target, patch)).toEqual(result);
});

test('leaves the target as it was (the cached procedure is shared)', () => {
  const target = { a: { b: 'c' }, list: [1] };
  applyMergePatch(target, { a: { b: null }, list: [2] });
  expect(target).toEqual({ a: { b: 'c' }, list: [1] });
});

test('a __proto__ member stays a member and never becomes the prototype', () => {
  const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": {"x": 1}}}');
  const result = applyMergePatch({ a: {} }, patch) as Record<string, Record<string, unknown>>;
  expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(result.a)).toBe(Object.prototype);
  expect((result as { polluted?: boolean }).polluted).toBeUndefined();
  expect(Object.hasOwn(result, '__proto__')).toBe(true);
  expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
});
