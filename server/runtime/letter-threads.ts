import { Worker } from 'node:worker_threads';
import { ApiError } from '../http/errors';
import type { LetterDocument } from '../letters/letter-document';
import type { WriteLetter, WrittenLetter } from '../letters/letter-render';
import type { LetterJob } from './letter-thread';

/**
 * Letters waiting for the letter thread at most. Each waits with its text (a message is at most
 * MAX_MESSAGE_CHARS), so whoever asks for PDFs over and over holds a bounded amount of memory;
 * beyond it the answer is 503 with Retry-After, and the server goes on serving everyone else.
 */
export const MAX_WAITING_LETTERS = 16;

/**
 * Enclosure bytes the letters in the letter thread's hands (waiting or being written) hold
 * together at most. A LetterDocument travels with its enclosures (a few files of up to 10 MB
 * each), so MAX_WAITING_LETTERS alone would let them hold half a gigabyte; beyond this the
 * answer is 503 with Retry-After too. A letter larger than this alone is still taken when the
 * thread holds no other enclosures.
 */
export const MAX_LETTER_QUEUE_BYTES = 64 * 1024 * 1024;

/**
 * The longest one letter may take in the letter thread. A letter is bounded in characters and
 * pages and takes tens of milliseconds; one that takes this long has met a bug, and its thread
 * is stopped and replaced rather than left to hold up every letter after it (503).
 */
export const LETTER_TIMEOUT_MS = 10_000;

// Under tsx (how the Node entry runs) a thread must register tsx itself to load TypeScript:
// tsx's hooks do not reach worker threads on Node 20. Its path is found here, from this file,
// so the thread finds it whatever the process's working directory.
const BOOT = `
const { workerData } = require('node:worker_threads');
(workerData.tsx
  ? import(workerData.tsx).then(({ register }) => register())
  : Promise.resolve()
).then(() => import(workerData.entry));
`;

function threadEntry(): { entry: string; tsx?: string } {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./letter-thread.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  if (!typescript) return { entry };
  return { entry, tsx: import.meta.resolve('tsx/esm/api') };
}

type Answer = { written: WrittenLetter };

interface Job {
  message: LetterJob;
  /** The enclosures' bytes it holds. */
  bytes: number;
  resolve: (answer: Answer) => void;
  reject: (err: Error) => void;
}

const busy = () => new ApiError(503, 'letters_busy', undefined, { retryAfter: 2 });

/**
 * Writes letters on a thread of their own, so the event loop keeps serving every tenant while a
 * PDF is made (six long letters at once held up /health for 1.4 s on the request path). One
 * thread, started on the first letter, one letter at a time; a queue of at most `maxWaiting`.
 * Its `write` takes a LetterDocument (see writeLetter).
 */
export function letterThreads(
  options: { maxWaiting?: number; maxBytes?: number; timeoutMs?: number } = {},
): { write: WriteLetter; close(): Promise<void> } {
  const maxWaiting = options.maxWaiting ?? MAX_WAITING_LETTERS;
  const maxBytes = options.maxBytes ?? MAX_LETTER_QUEUE_BYTES;
  const timeoutMs = options.timeoutMs ?? LETTER_TIMEOUT_MS;
  const boot = threadEntry();

  const waiting: Job[] = [];
  /** Enclosure bytes of the letters waiting and the one being written. */
  let held = 0;
  let worker: Worker | undefined;
  let current: { job: Job; thread: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

  /** Ends the letter `thread` is writing, if it still is; then the next one starts. */
  const finish = (thread: Worker, outcome: Answer | { error: Error }) => {
    if (current?.thread !== thread) return;
    clearTimeout(current.timer);
    const { job } = current;
    current = undefined;
    held -= job.bytes;
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome);
    next();
  };

  /** A thread that failed or took too long is not given another letter. */
  const stop = (thread: Worker) => {
    if (worker === thread) worker = undefined;
    void thread.terminate();
  };

  const start = (): Worker => {
    const thread = new Worker(BOOT, { eval: true, workerData: boot });
    // An idle letter thread must not keep the process alive at shutdown.
    thread.unref();
    thread.on('message', (answer: Answer | { error: string }) =>
      finish(thread, 'error' in answer ? { error: new Error(answer.error) } : answer),
    );
    thread.on('error', (error) => {
      stop(thread);
      finish(thread, { error });
    });
    thread.on('exit', () => {
      if (worker === thread) worker = undefined;
      finish(thread, { error: busy() });
    });
    return thread;
  };

  function next() {
    if (current) return;
    const job = waiting.shift();
    if (!job) return;
    worker ??= start();
    const thread = worker;
    const timer = setTimeout(() => {
      stop(thread);
      finish(thread, { error: busy() });
    }, timeoutMs);
    current = { job, thread, timer };
    thread.postMessage(job.message);
  }

  const ask = (message: LetterJob) =>
    new Promise<Answer>((resolve, reject) => {
      const bytes = message.document.enclosures.reduce(
        (n, e) => n + (e.content?.bytes.byteLength ?? 0),
        0,
      );
      if (waiting.length >= maxWaiting || (bytes > 0 && held > 0 && held + bytes > maxBytes)) {
        reject(busy());
        return;
      }
      held += bytes;
      waiting.push({ message, bytes, resolve, reject });
      next();
    });
  const write = async (document: LetterDocument) => (await ask({ document })).written;

  return {
    write,
    async close() {
      for (const job of waiting.splice(0)) {
        held -= job.bytes;
        job.reject(busy());
      }
      if (worker) await worker.terminate();
    },
  };
}
