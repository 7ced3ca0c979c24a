import { parentPort } from 'node:worker_threads';
import { parseMail, TooComplexMail } from '../inbound/parse-mail';

/*
 * The thread that reads inbound mail for the Node entry (mail-parse-thread.ts): parsing a
 * message of 25 MB takes a second of CPU, which on the main thread every other request of every
 * tenant would wait for.
 */

export type ParseAnswer =
  | { id: number; ok: true; mail: Awaited<ReturnType<typeof parseMail>> }
  | { id: number; ok: false; tooComplex: boolean };

parentPort?.on('message', async ({ id, raw }: { id: number; raw: Uint8Array }) => {
  try {
    const mail = await parseMail(raw);
    // The files' bytes move to the main thread rather than being copied.
    const buffers = new Set(mail.files.map((file) => file.bytes.buffer as ArrayBuffer));
    parentPort?.postMessage({ id, ok: true, mail } satisfies ParseAnswer, [...buffers]);
  } catch (err) {
    parentPort?.postMessage({
      id,
      ok: false,
      tooComplex: err instanceof TooComplexMail,
    } satisfies ParseAnswer);
  }
});
