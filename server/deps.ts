import type { Db } from './db/client';

export interface AppConfig {
  /** SHA-256 (hex) of the operator token that may create tenants. */
  operatorTokenHash: string;
  /** Base URL for links we hand out (tracking links); defaults to the request's origin. */
  publicUrl?: string;
}

/** Everything the app needs from outside; each entry and each test builds its own. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  clock?: () => Date;
}

export type Clock = () => Date;
