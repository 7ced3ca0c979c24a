import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { schema } from './schema';

/** The database as every module sees it; each entry (Node, Worker, tests) creates its own. */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };
