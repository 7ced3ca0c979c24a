import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { LetterDocument } from '../letters/letter-document';
import { writeLetter } from '../letters/pdf-writer';

/** What the letter thread is sent: a LetterDocument. */
export type LetterJob = { document: LetterDocument };

/*
 * The letter thread's side (see letter-threads.ts): writes each letter it is sent and sends the
 * PDF back, its bytes moved rather than copied. One letter at a time; the caller times it.
 */
// Letters are background work: the event loop that answers every tenant comes first when the
// two want the same core (on Linux a thread's niceness is its own; the process keeps 0).
setPriority(10);
parentPort?.on('message', async (job: LetterJob) => {
  try {
    const written = await writeLetter(job.document);
    parentPort?.postMessage({ written }, [written.pdf.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ error: (err as Error).message });
  }
});
