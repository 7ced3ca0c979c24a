import { v7 } from 'uuid';

/** Random bytes drawn at once and handed out 16 at a time: one call for the CSPRNG per 256 ids. */
const POOL_BYTES = 4_096;
let pool = new Uint8Array(0);
let used = POOL_BYTES;

function randomBytes16(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * A new row id: a UUIDv7, which begins with the millisecond it was made. Random ids (v4) put every
 * new row on a random page of each index keyed by it (the complaint's id keys five tables), so a
 * commit wrote one page per index per complaint; ids in time order fill the same last pages, and
 * a group of submissions shares them. Its random part comes from a pool (a CSPRNG call per id
 * was 4% of a submission). Ids are not secrets: links and keys are separate tokens.
 */
export function newId(): string {
  return v7({ random: randomBytes16() });
}
