import { sha256Hex } from '../crypto';
import { isUniqueViolation } from '../db/unique-violation';
import { ApiError } from '../http/errors';

/** What an Idempotency-Key may look like: visible ASCII, 8 to 255 characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** The key as it is stored: a hash, scoped (per tenant for submissions, per complaint for steps). */
export function keyHashOf(scope: string, key: string | null): string | null {
  return key === null ? null : sha256Hex(`${scope}:${key}`);
}

export interface Idempotent<T, Row> {
  keyHash: string | null;
  /** SHA-256 of what was asked: the same key with another request is refused. */
  requestHash: string;
  /** The row an earlier request with this key wrote, if any. */
  find(keyHash: string): Promise<Row | null | undefined>;
  requestHashOf(row: Row): string | null;
  /** The answer to give again for that row. */
  answer(row: Row): Promise<T>;
  /** Does the work; its write must fail on a unique key when a twin request won the race. */
  write(): Promise<T>;
  /** A unique violation that was not our own twin: someone else's change won. */
  conflict(): ApiError;
}

/**
 * Runs a request once per Idempotency-Key: a retry with the same key and the same request gets
 * the first answer again, the same key with another request is a 422, and of two twins racing,
 * the one that loses the unique key answers as the winner did.
 */
export async function once<T, Row>(request: Idempotent<T, Row>): Promise<T> {
  const earlier = async () => {
    if (!request.keyHash) return null;
    const row = await request.find(request.keyHash);
    if (!row) return null;
    if (request.requestHashOf(row) !== request.requestHash) {
      throw new ApiError(422, 'idempotency_key_reused');
    }
    return { answer: await request.answer(row) };
  };
  const first = await earlier();
  if (first) return first.answer;
  try {
    return await request.write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await earlier();
    if (raced) return raced.answer;
    throw request.conflict();
  }
}
