import type { Client, InStatement, ResultSet, TransactionMode } from '@libsql/client';

/** The most batches one transaction takes, so no batch waits long behind the others. */
export const GROUP_COMMIT_MAX = 32;

interface Pending {
  statements: InStatement[];
  mode: TransactionMode | undefined;
  resolve: (results: ResultSet[]) => void;
  reject: (err: unknown) => void;
}

const isBusy = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  /^SQLITE_BUSY/.test(String((err as { code?: unknown }).code));

/**
 * Group commit for a local file: the write batches that requests start in the same turn of the
 * event loop run as one transaction, so they share its COMMIT (the WAL append of every page they
 * touched), which otherwise costs about as much as all their inserts together. Each batch still
 * gets its own results, in the order the batches came, so numbers taken as MAX+1 stay
 * consecutive. A batch that fails would take the others with it, so when the shared transaction
 * fails (it rolled back whole, nothing of it was written) every batch runs again on its own and
 * meets its own fate; only a busy database (another process holds the write lock, and has for
 * the whole busy_timeout) fails them all at once, as it would have one by one.
 *
 * Read-only batches and interactive transactions go on as they were. The client must have one
 * connection (`concurrency: 1`), so nothing else runs between the statements of a transaction.
 */
export function groupCommits(client: Client): Client {
  const runBatch = client.batch.bind(client);
  let queue: Pending[] = [];
  let scheduled = false;

  const alone = (p: Pending) => runBatch(p.statements, p.mode).then(p.resolve, p.reject);

  async function commit(group: Pending[]) {
    if (group.length === 1) return alone(group[0] as Pending);
    let results: ResultSet[];
    try {
      results = await runBatch(
        group.flatMap((p) => p.statements),
        'write',
      );
    } catch (err) {
      if (isBusy(err)) {
        for (const p of group) p.reject(err);
      } else {
        for (const p of group) await alone(p);
      }
      return;
    }
    let at = 0;
    for (const p of group) {
      p.resolve(results.slice(at, at + p.statements.length));
      at += p.statements.length;
    }
  }

  async function flush() {
    while (queue.length > 0) {
      const group = queue.slice(0, GROUP_COMMIT_MAX);
      queue = queue.slice(group.length);
      await commit(group);
    }
    scheduled = false;
  }

  client.batch = (statements: InStatement[], mode?: TransactionMode) => {
    if (mode === 'read' || statements.length === 0) return runBatch(statements, mode);
    return new Promise<ResultSet[]>((resolve, reject) => {
      queue.push({ statements, mode, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  };
  return client;
}
