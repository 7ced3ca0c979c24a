// The thread server/runtime/wal-checkpointer.ts starts: its own connection to the database file,
// which copies the write-ahead log back into the file every `intervalMs` (the fsync the requests'
// commits no longer wait for). Passive checkpoints only: they never wait for a reader or writer.
// (A TRUNCATE checkpoint here, at stop, crashed libSQL's binding in a worker thread; the server
// runs that one on its own connection as it stops.)
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

const { path, intervalMs } = workerData;
const db = new Database(path);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true);

const timer = setInterval(() => {
  // [busy, frames in the log, frames copied back into the file]
  const [result] = passive.all();
  parentPort?.postMessage({ checkpointed: result });
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
