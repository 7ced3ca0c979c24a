import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { logError } from '../http/errors';

/** How often the server copies its database's write-ahead log back into the file. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/** SQLite's own default: a commit that leaves this many pages in the log checkpoints them. */
const AUTOCHECKPOINT_PAGES = 1_000;

type Execute = (sql: string) => Promise<unknown>;

/**
 * Moves the checkpoints of a local database file off the requests. SQLite checkpoints the
 * write-ahead log in the commit that fills it past 1,000 pages, and that commit waits for the
 * file's fsync: one submission in ~60 took 10–100 ms instead of 0.2, the p99 under load. Here a
 * process of its own checkpoints every `intervalMs` on its own connection (a passive checkpoint
 * never holds up a writer), and the server's connection stops checkpointing. Should that process
 * die, the connection checkpoints again itself, so the log never grows without end. `stop()`
 * ends the process and empties the log into the file on the server's connection.
 */
export function checkpointInBackground(
  path: string,
  execute: Execute,
  options: { intervalMs?: number; onCheckpoint?: (frames: number[]) => void } = {},
) {
  const child = fork(
    fileURLToPath(new URL('./wal-checkpoint-process.mjs', import.meta.url)),
    [path, String(options.intervalMs ?? CHECKPOINT_INTERVAL_MS)],
    // Plain Node: the script needs no TypeScript loader.
    { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  let stopping = false;
  const started = execute('PRAGMA wal_autocheckpoint = 0');
  child.on('message', (message: { checkpointed?: number[]; error?: string }) => {
    if (message.checkpointed) options.onCheckpoint?.(message.checkpointed);
    if (message.error) logError('wal checkpoint', new Error(message.error));
  });
  child.on('error', (err) => logError('wal checkpoint', err));
  const ended = new Promise((done) => child.once('exit', done));
  child.once('exit', () => {
    if (stopping) return;
    console.error('wal checkpoint: the process ended; the server checkpoints in its commits again');
    execute(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`).catch((err) =>
      logError('wal checkpoint', err),
    );
  });
  // It must not keep the server alive.
  child.unref();
  child.channel?.unref();
  return {
    started,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null && child.connected) {
        // Held again until it has ended, or the server would exit before the last checkpoint.
        child.ref();
        child.channel?.ref();
        child.send('stop');
      }
      await ended;
      await execute('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  };
}
