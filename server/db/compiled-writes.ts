import { getTableName, is, Param, Placeholder, QueryPromise, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

/** What drizzle's `.prepare()` gives: the query with its placeholders, and its result mapper. */
interface PreparedQuery {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
}

/**
 * One bound parameter: a fixed value drizzle put in, or a named value mapped by its column.
 * A name `${i}:${key}` is the key of the i-th row when the values are rows.
 */
type Slot =
  | { fixed: unknown }
  | {
      name: string;
      row: number | undefined;
      key: string;
      encoder?: { mapToDriverValue(value: unknown): unknown };
    };

function slotOf(name: string, encoder?: { mapToDriverValue(value: unknown): unknown }): Slot {
  const rowKey = /^(\d+):(.+)$/.exec(name);
  const slot = rowKey
    ? { name, row: Number(rowKey[1]), key: rowKey[2] as string }
    : { name, row: undefined, key: name };
  return encoder ? { ...slot, encoder } : slot;
}

/** What a compiled write binds: named values, or rows whose keys the `${i}:${key}` names pick. */
type Values = Record<string, unknown> | readonly Record<string, unknown>[];

interface Compiled {
  prepared: PreparedQuery;
  sql: string;
  slots: Slot[];
}

function compile(prepared: PreparedQuery): Compiled {
  const query = prepared.getQuery();
  const slots = query.params.map((p): Slot => {
    if (is(p, Placeholder)) return slotOf(p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      return slotOf(p.value.name, p.encoder as { mapToDriverValue(value: unknown): unknown });
    }
    return { fixed: p };
  });
  return { prepared, sql: query.sql, slots };
}

/** A drizzle query builder, or raw SQL from `db.run`, written with `sql.placeholder`s. */
type Buildable<T> = { readonly _: { readonly result: T } } & (
  | { prepare(): unknown }
  | { getQuery(): unknown }
);

// Per database, because a prepared query holds its client; the SQL text itself is the same.
const compiledByDb = new WeakMap<Db, Map<string, Compiled>>();

/**
 * A write for `db.batch` whose SQL drizzle builds once per `key` (with `sql.placeholder`s) and
 * that is then only bound to `values`. Drizzle rebuilds a query's SQL from its parts on every
 * call, about a sixth of a submission's CPU, and its own prepared queries cannot go into a batch
 * (drizzle-team/drizzle-orm#2197). Values are mapped by their column (JSON, booleans) as drizzle
 * maps them, and null stays null (drizzle's `fillPlaceholders` would store JSON `null` as text).
 */
export function compiledWrite<T>(
  db: Db,
  key: string,
  build: () => Buildable<T>,
  values: Values,
): CompiledWrite<T> {
  let cache = compiledByDb.get(db);
  if (!cache) {
    cache = new Map();
    compiledByDb.set(db, cache);
  }
  let compiled = cache.get(key);
  if (!compiled) {
    const query = build();
    // A query builder prepares; raw SQL (`db.run(sql...)`) is its own prepared query.
    compiled = compile(('prepare' in query ? query.prepare() : query) as PreparedQuery);
    cache.set(key, compiled);
  }
  const { prepared, slots } = compiled;
  const params = slots.map((slot) => {
    if ('fixed' in slot) return slot.fixed;
    const from = slot.row === undefined ? values : (values as Values[])[slot.row];
    const value = (from as Record<string, unknown> | undefined)?.[slot.key];
    if (value === undefined) throw new Error(`no value for ${slot.name} in ${key}`);
    return value === null || !slot.encoder ? value : slot.encoder.mapToDriverValue(value);
  });
  return new CompiledWrite<T>(db, prepared, { sql: compiled.sql, params });
}

/** A batch item that can also be awaited alone, like any drizzle query. */
export class CompiledWrite<T> extends QueryPromise<T> {
  declare readonly _: { readonly dialect: 'sqlite'; readonly result: T };

  constructor(
    private readonly db: Db,
    private readonly prepared: PreparedQuery,
    private readonly query: { sql: string; params: unknown[] },
  ) {
    super();
  }

  /** What drizzle's batch asks of each of its items. */
  _prepare(): PreparedQuery {
    return {
      getQuery: () => this.query,
      mapResult: (response, isFromBatch) => this.prepared.mapResult(response, isFromBatch),
    };
  }

  /** Awaited alone, it runs as a batch of one. */
  async execute(): Promise<T> {
    const [result] = await this.db.batch([this as unknown as BatchItem<'sqlite'>]);
    return result as T;
  }
}

/** `{ key: placeholder }` for each key, named `${prefix}${key}`. */
export function placeholders<K extends string>(
  keys: readonly K[],
  prefix = '',
): Record<K, Placeholder> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${prefix}${k}`)])) as Record<
    K,
    Placeholder
  >;
}

/**
 * Rows of the same keys inserted into `table` by compiled SQL (see `compiledWrite`): one build
 * per table, key set and number of rows.
 */
export function insertRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
) {
  const keys = Object.keys(rows[0] ?? {});
  // Every row binds every key (undefined is refused when bound: it would mean "the default").
  for (const row of rows) {
    if (Object.keys(row).length !== keys.length) throw new Error('rows of different keys');
  }
  return compiledWrite(
    db,
    `insert:${getTableName(table)}:${rows.length}:${keys.join(',')}`,
    () =>
      db
        .insert(table)
        .values(rows.map((_, i) => placeholders(keys, `${i}:`)) as T['$inferInsert'][]),
    rows as readonly Record<string, unknown>[],
  );
}
