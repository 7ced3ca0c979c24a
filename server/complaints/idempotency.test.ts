import { describe, expect, test } from 'vitest';
import { rejectionOf } from '../../test/unit-fixtures';
import { ApiError } from '../http/errors';
import { IDEMPOTENCY_KEY, type Idempotent, keyHashOf, once } from './idempotency';

/** A unique violation as libSQL reports it. */
const uniqueViolation = () =>
  Object.assign(new Error('UNIQUE constraint failed: events.seq'), {
    code: 'SQLITE_CONSTRAINT_UNIQUE',
  });

interface Row {
  requestHash: string | null;
  answer: string;
}

/** A store of earlier requests by key hash, and a count of the writes. */
function request(
  store: Map<string, Row>,
  changes: Partial<Idempotent<string, Row>> = {},
): Idempotent<string, Row> & { writes: number } {
  const r = {
    writes: 0,
    keyHash: 'key-1',
    requestHash: 'body-1',
    find: async (hash: string) => store.get(hash),
    requestHashOf: (row: Row) => row.requestHash,
    answer: async (row: Row) => `again: ${row.answer}`,
    write: async () => {
      r.writes++;
      store.set('key-1', { requestHash: 'body-1', answer: 'first' });
      return 'first';
    },
    conflict: () => new ApiError(409, 'concurrent_change'),
    ...changes,
  };
  return r;
}

describe('Idempotency-Key', () => {
  test('looks like visible ASCII of 8 to 255 characters', () => {
    expect(IDEMPOTENCY_KEY.test('abcdefgh')).toBe(true);
    expect(IDEMPOTENCY_KEY.test('a'.repeat(255))).toBe(true);
    expect(IDEMPOTENCY_KEY.test('abcdefg')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('a'.repeat(256))).toBe(false);
    expect(IDEMPOTENCY_KEY.test('abcd efgh')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('abcdéfgh')).toBe(false);
  });

  test('is stored as a hash scoped to its tenant or complaint; no key, no hash', async () => {
    const a = await keyHashOf('tenant-a', 'key-12345');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyHashOf('tenant-a', 'key-12345')).toBe(a);
    expect(await keyHashOf('tenant-b', 'key-12345')).not.toBe(a);
    expect(await keyHashOf('tenant-a', 'key-12346')).not.toBe(a);
    expect(await keyHashOf('tenant-a', null)).toBeNull();
  });
});

describe('once', () => {
  test('does the work the first time and answers a retry as the first time', async () => {
    const store = new Map<string, Row>();
    const first = request(store);
    expect(await once(first)).toBe('first');
    const retry = request(store);
    expect(await once(retry)).toBe('again: first');
    expect(first.writes + retry.writes).toBe(1);
  });

  test('without a key every request is done', async () => {
    const store = new Map<string, Row>([['key-1', { requestHash: 'body-1', answer: 'old' }]]);
    const r = request(store, { keyHash: null });
    expect(await once(r)).toBe('first');
    expect(r.writes).toBe(1);
  });

  test('the same key with another request is a 422', async () => {
    const store = new Map<string, Row>([['key-1', { requestHash: 'body-1', answer: 'first' }]]);
    const r = request(store, { requestHash: 'body-2' });
    const err = await rejectionOf(once(r));
    expect([err.status, err.code]).toEqual([422, 'idempotency_key_reused']);
    expect(r.writes).toBe(0);
  });

  test('a twin that lost the race answers as the winner did', async () => {
    const store = new Map<string, Row>();
    const loser = request(store, {
      write: async () => {
        store.set('key-1', { requestHash: 'body-1', answer: 'winner' });
        throw uniqueViolation();
      },
    });
    expect(await once(loser)).toBe('again: winner');
  });

  test("someone else's change that won is the conflict, without a key too", async () => {
    const lost = { write: async () => Promise.reject(uniqueViolation()) };
    const err = await rejectionOf(once(request(new Map(), lost)));
    expect([err.status, err.code]).toEqual([409, 'concurrent_change']);
    const keyless = await rejectionOf(once(request(new Map(), { ...lost, keyHash: null })));
    expect(keyless.status).toBe(409);
  });

  test('any other failure is passed on as it is', async () => {
    const boom = new Error('disk full');
    const r = request(new Map(), { write: () => Promise.reject(boom) });
    await expect(once(r)).rejects.toBe(boom);
  });
});
