import type { Client, InArgs, InStatement } from '@libsql/client';

export interface PlannedStatement {
  sql: string;
  /** SQLite's EXPLAIN QUERY PLAN lines for it, e.g. "SEARCH complaints USING INDEX …". */
  plan: string[];
}

/**
 * Every statement `run` sends through `client` (alone or in a batch), with the plan SQLite uses
 * for it: what a test checks to prove a path reads indexes, not whole tables.
 */
export async function queryPlans(
  client: Client,
  run: () => Promise<unknown>,
): Promise<PlannedStatement[]> {
  type Sent = Parameters<typeof client.batch>[0][number];
  const seen: { sql: string; args: InArgs }[] = [];
  const record = (statement: Sent, args?: InArgs) => {
    if (typeof statement === 'string') seen.push({ sql: statement, args: args ?? [] });
    else if (Array.isArray(statement)) seen.push({ sql: statement[0], args: statement[1] ?? [] });
    else seen.push({ sql: statement.sql, args: statement.args ?? [] });
  };
  const { batch, execute } = client;
  client.batch = (statements, mode) => {
    for (const statement of statements) record(statement);
    return batch.call(client, statements, mode);
  };
  client.execute = ((statement: InStatement, args?: InArgs) => {
    record(statement, args);
    return (execute as (s: InStatement, a?: InArgs) => ReturnType<typeof execute>).call(
      client,
      statement,
      args,
    );
  }) as typeof client.execute;
  try {
    await run();
  } finally {
    client.batch = batch;
    client.execute = execute;
  }
  const planned: PlannedStatement[] = [];
  for (const { sql, args } of seen) {
    const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
    planned.push({ sql, plan: plan.rows.map((r) => String(r.detail)) });
  }
  return planned;
}

/** Plan lines that read a whole table (a scan of the one constant row reads none). */
export const TABLE_SCAN = /^SCAN (?!CONSTANT ROW$|one$)/;
