import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { startServer } from './server';

/** The processes still running with `text` in their command line. */
function processesWith(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return command.includes(text) ? [`${pid}: ${command}`] : [];
      } catch {
        return []; // ended while we looked
      }
    });
}

/*
 * Stopping the server (SIGTERM, as `npm start` ends with Ctrl-C or a service manager stops it)
 * after it took complaints: it exits with 0, having emptied its write-ahead log into the file,
 * and leaves no checkpointing process behind. The checkpoints once ran in a worker thread whose
 * teardown made libSQL's binding abort the whole server, in about one stop in three.
 */
test('the server stops cleanly after a burst: exit 0, the log emptied, nothing left running', {
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-stop-'));
  const path = join(dir, 'klacht.db');
  try {
    for (let round = 0; round < 4; round++) {
      const server = await startServer({
        DATABASE_URL: `file:${path}`,
        JOBS_INTERVAL_SECONDS: '0',
      });
      const submit = async (client: number) => {
        for (let i = 0; i < 10; i++) {
          const res = await fetch(`${server.url}/v1/tenants/wenb/complaints`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Authorization: `Bearer ${server.keys.wenb}`,
            },
            body: JSON.stringify({
              ...WIDGET_FIELDS,
              complainant: { name: `Stop ${client}`, phone: '0612345678', email: 's@example.nl' },
              description: `Klacht ${round}-${client}-${i}`,
            }),
          });
          expect(res.status).toBe(201);
        }
      };
      let ended: Awaited<ReturnType<typeof server.stop>> | undefined;
      try {
        await Promise.all(Array.from({ length: 20 }, (_, client) => submit(client)));
      } finally {
        // Stopped even when a submission failed, so no server outlives the test.
        ended = await server.stop();
      }
      const output = server.output();
      expect(ended, output).toEqual({ code: 0, signal: null });
      expect(
        existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0,
        `round ${round}\n${output}`,
      ).toBe(0);
      expect(processesWith(path)).toEqual([]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
