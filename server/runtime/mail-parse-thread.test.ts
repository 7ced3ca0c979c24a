import { expect, test } from 'vitest';
import { mailMessage, manyParts, PDF } from '../../test/mail-messages';
import type { Db } from '../db/client';
import { parseMail, TooComplexMail } from '../inbound/parse-mail';
import { nodeEnvSchema, parseEnv } from './env';
import { threadedMailParser } from './mail-parse-thread';
import { nodeDeps } from './node-deps';

/** The longest a 5 ms timer of this thread was late while `work` ran, in ms. */
async function longestLag(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  await work();
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  return longest;
}

test('reads a message in its own thread as parseMail does, files and dates included', async () => {
  const parse = threadedMailParser();
  const raw = mailMessage({
    from: 'Jan <jan@example.nl>',
    to: 'klachten@example.nl',
    subject: 'Klacht',
    text: 'De offerte kwam te laat.',
    received: 'Mon, 2 Mar 2026 09:20:00 +0100',
    attachments: [
      { filename: 'a.pdf', type: 'application/pdf', bytes: PDF },
      { filename: 'b.pdf', type: 'application/pdf', bytes: PDF },
    ],
  });
  const threaded = await parse(raw);
  expect(threaded).toEqual(await parseMail(raw));
  expect(threaded.receivedAt).toBeInstanceOf(Date);
  expect(threaded.files[1]?.bytes).toEqual(PDF);
  // A message over a limit, and one that is no message at all, fail as they do in place.
  await expect(parse(manyParts(10_000))).rejects.toBeInstanceOf(TooComplexMail);
  await expect(parse(new Uint8Array(0))).resolves.toMatchObject({ from: null });
  // The thread goes on with the next message.
  expect((await parse(raw)).subject).toBe('Klacht');
});

test('a large message keeps this thread free: its timers wait far less than the parse takes', async () => {
  const pdf = new Uint8Array(3 * 1024 * 1024).fill(65);
  pdf.set(PDF.slice(0, 8));
  const raw = mailMessage({
    from: 'jan@example.nl',
    to: 'klachten@example.nl',
    subject: 'Groot',
    text: 'Zie bijlagen.',
    attachments: [1, 2, 3].map((i) => ({
      filename: `${i}.pdf`,
      type: 'application/pdf',
      bytes: pdf,
    })),
  });
  const parse = threadedMailParser();
  await parse(raw);
  await parseMail(raw);
  const inPlace = await longestLag(() => parseMail(raw));
  const threaded = await longestLag(() => parse(raw));
  expect(threaded).toBeLessThan(inPlace / 2);
}, 30_000);

test("the Node entry's dependencies read mail in that thread", async () => {
  const env = parseEnv(nodeEnvSchema, { DATABASE_URL: 'file::memory:' });
  const deps = await nodeDeps(env, {} as Db);
  expect(deps.parseMail).toBeTypeOf('function');
  expect(deps.parseMail).not.toBe(parseMail);
});
