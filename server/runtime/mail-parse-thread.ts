import { Worker } from 'node:worker_threads';
import { type ParsedMail, TooComplexMail } from '../inbound/parse-mail';
import type { ParseAnswer } from './mail-parse-worker';

/**
 * The Node entry's mail parser: postal-mime in a thread of its own (mail-parse-worker.ts),
 * started on the first message, one message at a time. Parsing is linear but not cheap (a
 * 23 MB message with four PDFs: 0.5 to 1.3 s of CPU here), and whoever mails a complaint
 * address chooses the size; on the main thread /health and every tenant's requests waited for
 * it. A thread that dies fails the messages it held (the provider delivers them again) and is
 * started anew for the next.
 */
export function threadedMailParser(): (raw: Uint8Array) => Promise<ParsedMail> {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { done: (mail: ParsedMail) => void; fail: (e: Error) => void }>();
  const stop = (err: Error) => {
    worker = null;
    for (const { fail } of waiting.values()) fail(err);
    waiting.clear();
  };
  const start = () => {
    const thread = new Worker(new URL('./mail-parse-worker.mjs', import.meta.url));
    // An idle parser does not keep the process alive.
    thread.unref();
    thread.on('message', (answer: ParseAnswer) => {
      const job = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (!job) return;
      if (answer.ok) job.done(answer.mail);
      else job.fail(answer.tooComplex ? new TooComplexMail() : new Error('unreadable message'));
    });
    thread.on('error', stop);
    thread.on('exit', () => stop(new Error('the mail parser thread ended')));
    return thread;
  };
  return (raw) =>
    new Promise<ParsedMail>((done, fail) => {
      worker ??= start();
      const id = next++;
      waiting.set(id, { done, fail });
      worker.postMessage({ id, raw });
    });
}
