import { afterEach, expect, test } from 'vitest';
import { decisionLetter, PNG_40X20 } from '../../test/letter-documents';
import { ApiError } from '../http/errors';
import { writeLetter } from '../letters/letter-render';
import {
  LETTER_TIMEOUT_MS,
  letterThreads,
  MAX_LETTER_QUEUE_BYTES,
  MAX_WAITING_LETTERS,
} from './letter-threads';

const letter = (body = 'Uw klacht is ontvangen.') => decisionLetter({ paragraphs: [body] });

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString() === '%PDF-';

let pools: ReturnType<typeof letterThreads>[] = [];
const pool = (options?: Parameters<typeof letterThreads>[0]) => {
  const made = letterThreads(options);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

test('letters are written on a thread of their own, one after another', {
  timeout: 30_000,
}, async () => {
  const render = pool();
  const written = await Promise.all(
    [letter('Een.'), letter('Twee.'), letter('Drie.')].map(render.write),
  );
  expect(written.every((w) => isPdf(w.pdf))).toBe(true);
  // After closing, a new letter starts a new thread.
  await render.close();
  expect(isPdf((await render.write(letter())).pdf)).toBe(true);
});

test(`at most ${MAX_WAITING_LETTERS} letters wait; one more is a 503 at once`, {
  timeout: 30_000,
}, async () => {
  const render = pool({ maxWaiting: 2 });
  const asked = [1, 2, 3, 4].map((i) =>
    render.write(letter(`Brief ${i}.`)).then(
      (w) => isPdf(w.pdf),
      (err) => err,
    ),
  );
  const answers = await Promise.all(asked);
  // One is being written, two wait, the fourth finds the queue full.
  expect(answers.slice(0, 3)).toEqual([true, true, true]);
  expect(answers[3]).toBeInstanceOf(ApiError);
  expect(answers[3]).toMatchObject({ status: 503, code: 'letters_busy', retryAfter: 2 });
});

test(`a letter that takes longer than its time is given up with a 503 (${LETTER_TIMEOUT_MS} ms)`, {
  timeout: 30_000,
}, async () => {
  // No thread starts within a millisecond: the first letter runs out of time, its thread is
  // stopped, and the letters after it are not held up by it.
  const render = pool({ timeoutMs: 1 });
  const [first, second] = await Promise.all(
    [letter('Een.'), letter('Twee.')].map((l) => render.write(l).catch((err: unknown) => err)),
  );
  expect(first).toMatchObject({ status: 503, code: 'letters_busy' });
  expect(second).toMatchObject({ status: 503, code: 'letters_busy' });
});

test('a LetterDocument is written on the thread: the same bytes as here, and what to report', {
  timeout: 30_000,
}, async () => {
  const render = pool();
  const doc = decisionLetter({
    recipient: { name: 'Chen 陈', address: ['Straat 1'] },
    enclosures: [
      { title: 'Foto', content: { type: 'image/png', bytes: new Uint8Array(PNG_40X20) } },
      {
        title: 'Kapot',
        content: { type: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
      },
    ],
  });
  const written = await render.write(doc);
  const here = await writeLetter(doc);
  expect(Buffer.from(written.pdf).equals(Buffer.from(here.pdf))).toBe(true);
  expect(written).toMatchObject({
    pages: here.pages,
    unwritable: ['陈'],
    notAppended: [{ title: 'Kapot', reason: 'unreadable' }],
    truncated: false,
  });
  // The caller keeps its document: its enclosures were copied to the thread, not moved.
  expect(doc.enclosures[0]?.content?.bytes.byteLength).toBe(PNG_40X20.byteLength);
  await expect(render.write({ ...doc, madeAt: 'nooit' })).rejects.toThrow(/madeAt/);
});

test(`the letters in the thread's hands hold at most ${MAX_LETTER_QUEUE_BYTES / 1024 / 1024} MB of enclosures; one more is a 503`, {
  timeout: 30_000,
}, async () => {
  const render = pool({ maxBytes: 300_000 });
  const withEnclosure = (bytes: number) =>
    decisionLetter({
      enclosures: [
        { title: 'Scan', content: { type: 'application/pdf', bytes: new Uint8Array(bytes) } },
      ],
    });
  // A letter larger than the bound alone is taken while nothing else is held; the next is not.
  const big = render.write(withEnclosure(400_000));
  const refused = await render.write(withEnclosure(1_000)).catch((err: unknown) => err);
  expect(refused).toMatchObject({ status: 503, code: 'letters_busy', retryAfter: 2 });
  // Letters without enclosures hold none and still wait their turn.
  const plain = render.write(letter());
  expect((await big).notAppended).toEqual([{ title: 'Scan', reason: 'unreadable' }]);
  expect(isPdf((await plain).pdf)).toBe(true);
  // Once written, its bytes are free again: two that fit together are both taken.
  const both = await Promise.all([
    render.write(withEnclosure(140_000)),
    render.write(withEnclosure(140_000)),
  ]);
  expect(both.map((w) => w.notAppended.length)).toEqual([1, 1]);
});
