import Database from 'libsql';
import {
  type Batch,
  type BatchCond,
  type BatchResult,
  fromProto,
  HranaError,
  type SqliteValue,
  type Stmt,
  type StmtResult,
  type StreamRequest,
  type StreamResponse,
  toProto,
} from './protocol';
import { scanSql } from './sql-text';

/** SQLITE_BUSY: another stream holds the write lock; the server waits and tries again. */
export class BusyError extends HranaError {}

type Connection = InstanceType<typeof Database>;

/** SQLite's primary code (SQLITE_CONSTRAINT for SQLITE_CONSTRAINT_UNIQUE), as sqld reports it. */
function sqliteError(err: unknown): HranaError {
  const { code, message } = err as { code?: string; message?: string };
  const primary = /^SQLITE_[A-Z]+/.exec(code ?? '')?.[0] ?? 'SQLITE_ERROR';
  const text = message ?? String(err);
  return primary === 'SQLITE_BUSY' ? new BusyError(text, primary) : new HranaError(text, primary);
}

/**
 * One Hrana stream: one SQLite connection of its own (as in sqld), with the SQL texts stored on
 * it. Statements run synchronously, so a batch is never interleaved with another stream's.
 */
export class SqlStream {
  readonly #file: string;
  #db!: Connection;
  #stats!: ReturnType<Connection['prepare']>;
  #total!: ReturnType<Connection['prepare']>;
  readonly #sqls = new Map<number, string>();
  /** Statements this stream has run. */
  statements = 0;

  constructor(file: string) {
    this.#file = file;
    this.#connect();
  }

  #connect() {
    // No busy timeout: a locked database answers SQLITE_BUSY at once, and the server waits for
    // the lock without blocking the event loop that the holder of the lock needs.
    this.#db = new Database(this.#file);
    // sqld turns foreign keys on for every connection.
    this.#db.exec('PRAGMA foreign_keys = ON');
    this.#stats = this.#db.prepare('SELECT changes(), last_insert_rowid()').raw(true);
    this.#stats.safeIntegers(true);
    this.#total = this.#db.prepare('SELECT total_changes()').raw(true);
    this.#total.safeIntegers(true);
  }

  get autocommit(): boolean {
    return !this.#db.inTransaction;
  }

  /**
   * A new connection for a request to be tried again once the lock is free. Not a ROLLBACK on
   * this one: the libsql package does not reset a statement that met SQLITE_BUSY, which keeps
   * its transaction open unseen (inTransaction says false), and what the connection writes
   * after it is never committed.
   */
  reconnect() {
    this.#db.close();
    this.#connect();
  }

  close() {
    this.#db.close();
  }

  /** The SQL a request or statement names, by text or by a stored id (exactly one of them). */
  sqlOf(source: { sql?: string | null; sql_id?: number | null }): string {
    const hasText = typeof source.sql === 'string';
    const hasId = typeof source.sql_id === 'number';
    if (hasText === hasId) {
      throw new HranaError('Exactly one of sql and sql_id must be given', 'SQL_INPUT_ERROR');
    }
    if (hasText) return source.sql as string;
    const stored = this.#sqls.get(source.sql_id as number);
    if (stored === undefined) {
      throw new HranaError(`SQL text ${source.sql_id} is not stored`, 'SQL_NOT_FOUND');
    }
    return stored;
  }

  /** The response to one stream request (other than close, which the server handles). */
  handle(
    request: StreamRequest,
    options: { busyThrows: boolean; version: number },
  ): StreamResponse {
    try {
      switch (request.type) {
        case 'execute':
          return { type: 'execute' as const, result: this.execute(request.stmt) };
        case 'batch':
          return { type: 'batch' as const, result: this.batch(request.batch, options) };
        case 'sequence':
          this.sequence(this.sqlOf(request));
          return { type: 'sequence' as const };
        case 'describe':
          return { type: 'describe' as const, result: this.describe(this.sqlOf(request)) };
        case 'store_sql':
          if (this.#sqls.has(request.sql_id)) {
            throw new HranaError(`SQL text ${request.sql_id} is already stored`, 'SQL_STORE');
          }
          this.#sqls.set(request.sql_id, String(request.sql));
          return { type: 'store_sql' as const };
        case 'close_sql':
          this.#sqls.delete(request.sql_id);
          return { type: 'close_sql' as const };
        case 'get_autocommit':
          if (options.version < 3) throw notInVersion('get_autocommit');
          return { type: 'get_autocommit' as const, is_autocommit: this.autocommit };
        default:
          throw new HranaError(
            `Unknown request ${JSON.stringify((request as { type?: unknown }).type)}`,
            'HRANA_PROTO_ERROR',
          );
      }
    } catch (err) {
      if (err instanceof BusyError && !options.busyThrows) {
        throw new HranaError(err.message, err.code);
      }
      throw err;
    }
  }

  execute(stmt: Stmt): StmtResult {
    const sql = this.sqlOf(stmt ?? {});
    const text = scanSql(sql);
    if (text.statements === 0) throw new HranaError('SQL holds no statement', 'SQL_NO_STATEMENT');
    if (text.statements > 1) {
      throw new HranaError('SQL holds more than one statement', 'SQL_MANY_STATEMENTS');
    }
    const args = bindArgs(text.params, stmt);
    const before = this.#total.get([]) as bigint[];
    let rows: unknown[][] = [];
    let cols: { name: string; type: string | null }[] = [];
    try {
      const prepared = this.#db.prepare(sql);
      if (prepared.reader) {
        prepared.raw(true);
        prepared.safeIntegers(true);
        rows = prepared.all(args) as unknown[][];
        cols = prepared.columns();
      } else {
        prepared.run(args);
      }
    } catch (err) {
      throw sqliteError(err);
    }
    this.statements += 1;
    const [changes, lastRowid] = this.#stats.get([]) as bigint[];
    const after = this.#total.get([]) as bigint[];
    return {
      cols: cols.map((c) => ({ name: c.name, decltype: c.type })),
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(toProto)),
      // changes() is the last INSERT, UPDATE or DELETE's, which need not be this statement.
      affected_row_count: after[0] === before[0] ? 0 : Number(changes),
      last_insert_rowid: String(lastRowid),
    };
  }

  batch(batch: Batch, options: { busyThrows: boolean; version: number }): BatchResult {
    const steps = batch?.steps;
    if (!Array.isArray(steps)) throw new HranaError('A batch needs steps', 'HRANA_PROTO_ERROR');
    // A bad condition refuses the whole batch before any step runs.
    steps.forEach((step, i) => {
      if (step.condition != null) checkCond(step.condition, i, options.version);
    });
    const result: BatchResult = { step_results: [], step_errors: [] };
    for (const step of steps) {
      if (step.condition != null && !this.#holds(step.condition, result)) {
        result.step_results.push(null);
        result.step_errors.push(null);
        continue;
      }
      try {
        result.step_results.push(this.execute(step.stmt));
        result.step_errors.push(null);
      } catch (err) {
        if (err instanceof BusyError && options.busyThrows) throw err;
        if (!(err instanceof HranaError)) throw err;
        result.step_results.push(null);
        result.step_errors.push(err.toProto());
      }
    }
    return result;
  }

  #holds(cond: BatchCond, result: BatchResult): boolean {
    switch (cond.type) {
      case 'ok':
        return result.step_results[cond.step] != null;
      case 'error':
        return result.step_errors[cond.step] != null;
      case 'not':
        return !this.#holds(cond.cond, result);
      case 'and':
        return cond.conds.every((c) => this.#holds(c, result));
      case 'or':
        return cond.conds.some((c) => this.#holds(c, result));
      case 'is_autocommit':
        return this.autocommit;
    }
  }

  sequence(sql: string) {
    try {
      this.#db.exec(sql);
    } catch (err) {
      throw sqliteError(err);
    }
    this.statements += scanSql(sql).statements;
  }

  describe(sql: string) {
    const text = scanSql(sql);
    if (text.statements === 0) throw new HranaError('SQL holds no statement', 'SQL_NO_STATEMENT');
    if (text.statements > 1) {
      throw new HranaError('SQL holds more than one statement', 'SQL_MANY_STATEMENTS');
    }
    try {
      const prepared = this.#db.prepare(sql);
      const cols = prepared.reader ? prepared.columns() : [];
      // What sqlite3_stmt_readonly says: the program opens no write transaction. Read on a
      // connection of its own: the libsql package leaves an EXPLAIN of a write in progress,
      // and a connection with a statement in progress cannot commit.
      let program: unknown[][] = [];
      if (!text.isExplain) {
        const explainer = new Database(this.#file);
        try {
          program = explainer.prepare(`EXPLAIN ${sql}`).raw(true).all([]) as unknown[][];
        } finally {
          explainer.close();
        }
      }
      const writes = program.some((op) => op[1] === 'Transaction' && op[3] !== 0);
      return {
        params: text.params.map((name) => ({ name })),
        cols: cols.map((c) => ({ name: c.name, decltype: c.type })),
        is_explain: text.isExplain,
        is_readonly: !writes,
      };
    } catch (err) {
      throw sqliteError(err);
    }
  }
}

function notInVersion(what: string) {
  return new HranaError(`${what} needs Hrana 3 (POST /v3/pipeline)`, 'HRANA_PROTO_ERROR');
}

function checkCond(cond: BatchCond, step: number, version: number) {
  switch (cond?.type) {
    case 'ok':
    case 'error':
      if (!Number.isInteger(cond.step) || cond.step < 0 || cond.step >= step) {
        throw new HranaError(`Step ${step} refers to step ${cond.step}`, 'BATCH_COND_INVALID');
      }
      return;
    case 'not':
      return checkCond(cond.cond, step, version);
    case 'and':
    case 'or':
      for (const c of cond.conds ?? []) checkCond(c, step, version);
      return;
    case 'is_autocommit':
      if (version < 3) throw notInVersion('is_autocommit');
      return;
    default:
      throw new HranaError(`Unknown condition ${JSON.stringify(cond)}`, 'BATCH_COND_INVALID');
  }
}

/**
 * The statement's arguments by parameter number: a named argument (with or without its `:`,
 * `@` or `$`) wins over a positional one. Too many or too few arguments is an error, as in sqld.
 */
function bindArgs(params: (string | null)[], stmt: Stmt): SqliteValue[] {
  const positional = (stmt.args ?? []).map(fromProto);
  const named = new Map<string, SqliteValue>();
  for (const arg of stmt.named_args ?? []) {
    const name = /^[:@$]/.test(arg.name) ? arg.name : `:${arg.name}`;
    named.set(name, fromProto(arg.value));
  }
  if (positional.length > params.length) {
    throw new HranaError(
      `${positional.length} arguments given, the statement takes ${params.length}`,
      'ARGS_INVALID',
    );
  }
  const unused = new Set(named.keys());
  const values = params.map((name, i) => {
    const key = name && !name.startsWith('?') ? name : undefined;
    const bare = key ? `:${key.slice(1)}` : undefined;
    for (const candidate of [key, bare]) {
      if (candidate && named.has(candidate)) {
        unused.delete(candidate);
        return named.get(candidate) as SqliteValue;
      }
    }
    if (i < positional.length) return positional[i] as SqliteValue;
    throw new HranaError(`No value for parameter ${name ?? `?${i + 1}`}`, 'ARGS_INVALID');
  });
  if (unused.size > 0) {
    throw new HranaError(`No parameter named ${[...unused].join(', ')}`, 'ARGS_INVALID');
  }
  return values;
}
