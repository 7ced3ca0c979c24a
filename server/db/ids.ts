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

// The last id's millisecond and counter: ids made in the same millisecond count up from a random
// start (RFC 9562, method 1), so every id sorts after the one before it. uuid keeps such a
// counter only when it draws its own random bytes.
let lastMsecs = 0;
let seq = 0;

/**
 * A new row id: a UUIDv7, which begins with the millisecond it was made. Random ids (v4) put every
 * new row on a random page of each index keyed by it (the complaint's id keys five tables), so a
 * commit wrote one page per index per complaint; ids in time order fill the same last pages, and
 * a group of submissions shares them. Within a process each id sorts after the last, so rows made
 * in one batch keep their order by id too. Its random part comes from a pool (a CSPRNG call per id
 * was 4% of a submission). Ids are not secrets: links and keys are separate tokens.
 */
export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    // 31 random bits leave room to count up within the 32 the counter has.
    seq = new DataView(random.buffer, random.byteOffset, 16).getUint32(6) >>> 1;
  } else if (++seq > 0xffffffff) {
    lastMsecs++;
    seq = 0;
  }
  return v7({ random, msecs: lastMsecs, seq });
}
