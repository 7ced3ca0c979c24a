/**
 * The JSON shapes of Hrana over HTTP (versions 2 and 3), as the libSQL repository's
 * docs/HRANA_3_SPEC.md defines them, and the conversion of values between them and SQLite.
 */

export type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface Stmt {
  sql?: string | null;
  sql_id?: number | null;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

export interface Batch {
  steps: { condition?: BatchCond | null; stmt: Stmt }[];
}

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence'; sql?: string | null; sql_id?: number | null }
  | { type: 'describe'; sql?: string | null; sql_id?: number | null }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

export interface ProtoError {
  message: string;
  code?: string | null;
}

export interface StmtResult {
  cols: { name: string | null; decltype: string | null }[];
  rows: Value[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}

export type StreamResponse = { type: StreamRequest['type'] } & Record<string, unknown>;

export type StreamResult =
  | { type: 'ok'; response: StreamResponse }
  | { type: 'error'; error: ProtoError };

export interface PipelineReqBody {
  baton?: string | null;
  requests: StreamRequest[];
}

/** An error the protocol answers with: a message and a code, as sqld names its codes. */
export class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }

  toProto(): ProtoError {
    return { message: this.message, code: this.code };
  }
}

/** A value as the libsql package binds it: bigint for an integer, number for a float. */
export type SqliteValue = null | bigint | number | string | Buffer;

export function fromProto(value: Value): SqliteValue {
  switch (value?.type) {
    case 'null':
      return null;
    case 'integer':
      if (!/^-?\d+$/.test(value.value)) {
        throw new HranaError(`Invalid integer ${JSON.stringify(value.value)}`, 'ARGS_INVALID');
      }
      return BigInt(value.value);
    case 'float':
      return Number(value.value);
    case 'text':
      return String(value.value);
    case 'blob':
      return Buffer.from(value.base64, 'base64');
    default:
      throw new HranaError(`Unknown value ${JSON.stringify(value)}`, 'ARGS_INVALID');
  }
}

export function toProto(value: unknown): Value {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: String(value) };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  }
  throw new Error(`SQLite gave a value of type ${typeof value}`);
}
