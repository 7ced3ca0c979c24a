import Database from 'libsql';

type Connection = Database.Database;

/**
 * How many prepared statements each local database connection keeps for reuse. The app's SQL is
 * a few hundred distinct texts (drizzle writes the same text for the same query); a text beyond
 * these pushes out the one least recently used.
 */
export const STATEMENT_CACHE_SIZE = 1_000;

type Statement = ReturnType<Connection['prepare']>;

let installed = false;

/**
 * What `raw()` throws for a statement that returns no rows. @libsql/client calls `raw(true)` on
 * every statement to learn whether it returns rows, and the binding builds a new error (with its
 * stack) each time, which cost more than running an INSERT; a reused statement that returns no
 * rows throws this one instead.
 */
const RETURNS_NO_ROWS = new TypeError('The raw() method is only for statements that return data');

/**
 * Makes every local libSQL connection in this process reuse its prepared statements, by SQL text.
 * @libsql/client prepares each statement anew, and libSQL's Node binding does not give a
 * statement's memory back when it is dropped (tursodatabase/libsql-js#153): a server on a local
 * file grew by ~6 KB per statement run, ~60 KB per complaint submitted, without end. Reused, a
 * statement costs its memory once, and the prepare work (a tenth of a submission's time) is done
 * once per text. Safe because @libsql/client runs each statement to completion (`all` or `run`,
 * synchronously) before the next; SQLite re-prepares a reused statement itself after a schema
 * change (a migration). Only the Node entry's local files use this binding; on Workers the client
 * talks HTTP. Idempotent: the first call installs it for the whole process.
 */
export function reuseStatements(): void {
  if (installed) return;
  installed = true;
  const byConnection = new WeakMap<Connection, Map<string, Statement>>();
  const prepare = Database.prototype.prepare;
  const close = Database.prototype.close;
  Database.prototype.prepare = function reusedPrepare(this: Connection, sql: string) {
    let statements = byConnection.get(this);
    if (!statements) {
      statements = new Map();
      byConnection.set(this, statements);
    }
    const kept = statements.get(sql);
    if (kept) {
      // Most recently used last, so the first key is the one to push out.
      statements.delete(sql);
      statements.set(sql, kept);
      return kept;
    }
    const statement = prepare.call(this, sql) as Statement;
    if (!statement.reader) {
      statement.raw = () => {
        throw RETURNS_NO_ROWS;
      };
    } else if (!sql.includes('*')) {
      // Asked twice per run by @libsql/client, from the binding each time (a few percent of a
      // submission). Named in the SQL, the columns stay as they are; `*` follows the schema.
      const columns = statement.columns();
      statement.columns = () => columns;
    }
    statements.set(sql, statement);
    if (statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
    return statement;
  } as Connection['prepare'];
  Database.prototype.close = function closeAndForget(this: Connection) {
    byConnection.delete(this);
    return close.call(this);
  };
}
