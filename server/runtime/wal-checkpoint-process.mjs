// The process server/runtime/wal-checkpointer.ts starts: its own connection to the database
// file, which copies the write-ahead log back into the file every `intervalMs` (the fsync the
// requests' commits no longer wait for). Passive checkpoints only: they never wait for a reader
// or writer. A process, not a worker thread: libSQL's binding aborts the whole process when a
// thread ends while it still holds a connection or statement (neon asserts in the finalizer that
// runs at the thread's teardown), and a process that exits runs no finalizers.
import Database from 'libsql';

const [path, intervalMs] = [process.argv[2], Number(process.argv[3])];
let db;
let passive;
try {
  db = new Database(path);
  passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true);
} catch (err) {
  process.send?.({ error: String(err) });
  process.exit(1);
}

const timer = setInterval(() => {
  // [busy, frames in the log, frames copied back into the file]
  const [result] = passive.all();
  process.send?.({ checkpointed: result });
}, intervalMs);

const stop = () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') stop();
});
// The server is gone (even killed with -9): nothing is left to checkpoint for.
process.on('disconnect', stop);
// A terminal's Ctrl-C reaches the whole process group; the server says when to stop.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
