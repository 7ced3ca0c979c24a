import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';
import {
  type Batch,
  HranaError,
  type PipelineReqBody,
  type StreamRequest,
  type StreamResult,
} from './protocol';
import { BusyError, SqlStream } from './sql-stream';

/**
 * A libSQL server for the tests: Hrana over HTTP (versions 2 and 3, JSON), written from the
 * libSQL repository's docs/HRANA_3_SPEC.md, on a real libSQL file through the libsql package.
 * It is what Turso is to the Worker in production, where no sqld can be installed: the Worker
 * (@libsql/client over HTTP) talks to it as it would to Turso. It counts the pipeline requests
 * and statements it serves, and a test can make a request fail or stall.
 *
 * Not here: Protobuf (GET /v3-protobuf is 404, so clients fall back to JSON, as the spec lets
 * them), WebSockets, and replication.
 */

/** One pipeline request, as the server saw it. */
export interface ServedPipeline {
  path: string;
  /** Whether it went on with a stream (a baton) rather than opening one. */
  continued: boolean;
  /** The stream requests' types, in order. */
  requests: StreamRequest['type'][];
  /** The SQL of its statements (stored texts resolved), in order, skipped steps included. */
  sql: string[];
  /** Statements run. */
  statements: number;
  /** What a test made of it, if anything. */
  fault?: Fault['action'];
}

export interface Fault {
  /** Which request; by default the next pipeline request. */
  match?: (pipeline: ServedPipeline) => boolean;
  /**
   * `refuse`: a 503 before anything runs; `reset`: the connection is dropped before anything
   * runs; `lose-answer`: everything runs, then the connection is dropped (the client cannot
   * tell whether it happened); `stall`: held until released.
   */
  action: 'refuse' | 'reset' | 'lose-answer' | 'stall';
}

export interface Stall {
  /** Resolves when a request met the stall. */
  reached: Promise<ServedPipeline>;
  release(): void;
}

export interface HranaServer {
  /** The base URL, for @libsql/client (`http://127.0.0.1:…`) and the Worker's DATABASE_URL. */
  url: string;
  /** Every pipeline request served, in the order they arrived. */
  served: ServedPipeline[];
  /** Makes the next matching pipeline request fail. */
  fail(fault: Omit<Fault, 'action'> & { action: Exclude<Fault['action'], 'stall'> }): void;
  /** Holds the next matching pipeline request until released. */
  stall(match?: Fault['match']): Stall;
  /** Streams open now (held by a baton). */
  openStreams(): number;
  close(): Promise<void>;
}

/** A stream nobody used for this long is closed and its transaction rolled back. */
const STREAM_IDLE_MS = 10_000;
/** How long a request waits for another stream's write lock before it fails with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: HranaError,
  ) {
    super(error.message);
  }
}

export async function startHranaServer(options: {
  file: string;
  /** When set, every request must carry it as `Authorization: Bearer …` (Turso's auth token). */
  authToken?: string;
}): Promise<HranaServer> {
  const setup = new Database(options.file);
  setup.exec('PRAGMA journal_mode = WAL');
  setup.close();

  const streams = new Map<string, { stream: SqlStream; timer: NodeJS.Timeout }>();
  const served: ServedPipeline[] = [];
  const faults: (Fault & { stalled?: (p: ServedPipeline) => Promise<void> })[] = [];

  const hold = (stream: SqlStream): string => {
    const baton = randomBytes(18).toString('base64url');
    const timer = setTimeout(() => {
      streams.delete(baton);
      stream.close();
    }, STREAM_IDLE_MS);
    timer.unref();
    streams.set(baton, { stream, timer });
    return baton;
  };
  const take = (baton: string): SqlStream => {
    const held = streams.get(baton);
    if (!held) {
      throw new HttpError(
        400,
        new HranaError('The stream has expired or was never opened', 'STREAM_EXPIRED'),
      );
    }
    // A baton is good for one request: a second request with it is refused.
    streams.delete(baton);
    clearTimeout(held.timer);
    return held.stream;
  };

  const pipeline = async (
    version: number,
    body: PipelineReqBody,
    res: ServerResponse,
    path: string,
  ) => {
    if (!Array.isArray(body?.requests)) {
      throw new HttpError(400, new HranaError('requests must be an array', 'HRANA_PROTO_ERROR'));
    }
    const stream = body.baton ? take(body.baton) : new SqlStream(options.file);
    const info: ServedPipeline = {
      path,
      continued: Boolean(body.baton),
      requests: body.requests.map((r) => r?.type),
      sql: sqlOf(stream, body.requests),
      statements: 0,
    };
    served.push(info);
    const fault = faults.find((f) => !f.match || f.match(info));
    if (fault) {
      faults.splice(faults.indexOf(fault), 1);
      info.fault = fault.action;
      if (fault.stalled) await fault.stalled(info);
      if (fault.action === 'refuse' || fault.action === 'reset') {
        // The stream is gone with the request, as a server that fell over would lose it.
        stream.close();
        if (fault.action === 'reset') return void res.socket?.destroy();
        return answer(res, 503, 'text/plain', 'the database is not available (a test said so)');
      }
    }
    const before = stream.statements;
    const results: StreamResult[] = [];
    let closed = false;
    for (const request of body.requests) {
      if (closed) {
        results.push({ type: 'error', error: { message: 'Stream closed', code: 'STREAM_CLOSED' } });
        continue;
      }
      if (request?.type === 'close') {
        closed = true;
        results.push({ type: 'ok', response: { type: 'close' } });
        continue;
      }
      try {
        const response = await runWaitingForLocks(stream, request, version);
        results.push({ type: 'ok', response });
      } catch (err) {
        if (!(err instanceof HranaError)) throw err;
        results.push({ type: 'error', error: err.toProto() });
      }
    }
    info.statements = stream.statements - before;
    if (closed) stream.close();
    const baton = closed ? null : hold(stream);
    if (fault?.action === 'lose-answer') return void res.socket?.destroy();
    answer(res, 200, 'application/json', JSON.stringify({ baton, base_url: null, results }));
  };

  const cursor = async (body: { baton?: string | null; batch: Batch }, res: ServerResponse) => {
    const stream = body?.baton ? take(body.baton) : new SqlStream(options.file);
    const info: ServedPipeline = {
      path: '/v3/cursor',
      continued: Boolean(body?.baton),
      requests: ['batch'],
      sql: sqlOf(stream, [{ type: 'batch', batch: body?.batch }]),
      statements: 0,
    };
    served.push(info);
    const before = stream.statements;
    const entries: unknown[] = [];
    try {
      const request = { type: 'batch', batch: body?.batch } as const;
      const { result } = (await runWaitingForLocks(stream, request, 3)) as unknown as {
        result: ReturnType<SqlStream['batch']>;
      };
      result.step_results.forEach((step, i) => {
        const error = result.step_errors[i];
        if (error) entries.push({ type: 'step_error', step: i, error });
        if (!step) return;
        entries.push({ type: 'step_begin', step: i, cols: step.cols });
        for (const row of step.rows) entries.push({ type: 'row', row });
        const { affected_row_count, last_insert_rowid } = step;
        entries.push({ type: 'step_end', affected_row_count, last_insert_rowid });
      });
    } catch (err) {
      if (!(err instanceof HranaError)) throw err;
      entries.push({ type: 'error', error: err.toProto() });
    }
    info.statements = stream.statements - before;
    const lines = [{ baton: hold(stream), base_url: null }, ...entries];
    answer(res, 200, 'text/plain', lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      const error =
        err instanceof HttpError
          ? err
          : new HttpError(500, new HranaError(String(err), 'INTERNAL'));
      if (!res.headersSent) {
        answer(res, error.status, 'application/json', JSON.stringify(error.error.toProto()));
      }
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (options.authToken && req.headers.authorization !== `Bearer ${options.authToken}`) {
      throw new HttpError(401, new HranaError('Authentication failed', 'AUTH_FAILED'));
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    const route = `${req.method} ${path}`;
    if (/^GET \/(v1\/)?health$/.test(route)) return answer(res, 200, 'text/plain', '');
    if (/^GET \/(v1\/)?version$/.test(route)) {
      return answer(res, 200, 'text/plain', 'klacht hrana fixture (Hrana 2 and 3 over HTTP, JSON)');
    }
    if (route === 'GET /v2' || route === 'GET /v3') return answer(res, 200, 'text/plain', '');
    const pipelineAt = /^POST \/v([23])\/pipeline$/.exec(route);
    if (pipelineAt) return pipeline(Number(pipelineAt[1]), parse(body), res, path);
    if (route === 'POST /v3/cursor') return cursor(parse(body), res);
    answer(res, 404, 'text/plain', `${route}: not served here`);
  };

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    fail: (fault) => void faults.push(fault),
    stall(match) {
      let release = () => {};
      const released = new Promise<void>((done) => {
        release = done;
      });
      let reached: (p: ServedPipeline) => void = () => {};
      const reachedPromise = new Promise<ServedPipeline>((done) => {
        reached = done;
      });
      faults.push({
        ...(match ? { match } : {}),
        action: 'stall',
        stalled: (p) => {
          reached(p);
          return released;
        },
      });
      return { reached: reachedPromise, release };
    },
    openStreams: () => streams.size,
    close: () =>
      new Promise<void>((done) => {
        for (const { stream, timer } of streams.values()) {
          clearTimeout(timer);
          stream.close();
        }
        streams.clear();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * One stream request; when another stream holds the write lock, it waits (as sqld's busy
 * handler would) and runs again, provided the stream held nothing before it (a request that
 * met the lock inside a transaction it had opened earlier gets SQLITE_BUSY instead).
 */
async function runWaitingForLocks(stream: SqlStream, request: StreamRequest, version: number) {
  const started = Date.now();
  for (;;) {
    const free = stream.autocommit;
    try {
      return stream.handle(request, { busyThrows: free, version });
    } catch (err) {
      if (!(err instanceof BusyError) || Date.now() - started > BUSY_TIMEOUT_MS) throw err;
      stream.reconnect();
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** The SQL a pipeline's statements run, stored texts resolved, for counting and matching. */
function sqlOf(stream: SqlStream, requests: StreamRequest[]): string[] {
  const stored = new Map<number, string>();
  const text = (source: { sql?: string | null; sql_id?: number | null }) => {
    if (typeof source?.sql === 'string') return source.sql;
    const id = source?.sql_id as number;
    try {
      return stored.get(id) ?? stream.sqlOf({ sql_id: id });
    } catch {
      return `(sql_id ${id})`;
    }
  };
  return requests.flatMap((request) => {
    switch (request?.type) {
      case 'store_sql':
        stored.set(request.sql_id, request.sql);
        return [];
      case 'execute':
        return [text(request.stmt)];
      case 'batch':
        return (request.batch?.steps ?? []).map((step) => text(step.stmt));
      case 'sequence':
        return [text(request)];
      default:
        return [];
    }
  });
}

function parse<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new HttpError(400, new HranaError('The body is not JSON', 'HRANA_PROTO_ERROR'));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function answer(res: ServerResponse, status: number, type: string, body: string) {
  // hrana-client reads an error's body as JSON only for exactly `application/json`.
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
