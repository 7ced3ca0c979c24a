import type { z } from 'zod';

/** Who may call a route, as the OpenAPI document's `security` says it. */
export type Auth =
  | 'operator'
  | 'tenantKey'
  | 'public'
  | 'publicOrTenantKey'
  | 'tenantKeyOrAdmin'
  | 'staffSession';

/**
 * One route as the OpenAPI document describes it. Each route module declares its routes with
 * these and registers each handler at `honoPath(doc)`, validating with the doc's own `body` and
 * `query`, so the document cannot drift from what the handlers do.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, e.g. `/v1/tenants/{slug}/complaints`. */
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  body?: z.ZodType;
  /** Document `body` as the JSON the handler gives back (its output) rather than takes. */
  bodyAsOutput?: boolean;
  query?: z.ZodObject;
  idempotent?: boolean;
  /** Also accepted as multipart/form-data: the JSON in the part named here, files as `attachments`. */
  multipart?: 'complaint' | 'step';
  /** A body that is not JSON (e.g. a whole e-mail message), by its media type. */
  rawBody?: { contentType: string; description: string };
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Other successful answers, with the same body as `ok`. */
  alsoOk?: { status: number; description: string }[];
  errors: number[];
}

/** Declares a route's documentation (typed, nothing else). */
export function routeDoc<const D extends RouteDoc>(doc: D): D {
  return doc;
}

/** An OpenAPI path in Hono's syntax, as a type, so handlers know their parameters. */
type HonoPath<P extends string> = P extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}:${Name}${HonoPath<Tail>}`
  : P;

type Within<P extends string, M extends string> = P extends `${M}${infer Rest}` ? Rest : P;

/**
 * The doc's path in Hono's syntax (`{slug}` → `:slug`), relative to `mount` for a sub-app that
 * is mounted there.
 */
export function honoPath<P extends string, M extends string = ''>(
  doc: { path: P },
  mount?: M,
): Within<HonoPath<P>, M> {
  const path = doc.path.replace(/\{(\w+)\}/g, ':$1');
  return (mount && path.startsWith(mount) ? path.slice(mount.length) : path) as Within<
    HonoPath<P>,
    M
  >;
}

export const TENANT_PATH = '/v1/tenants/{slug}';
export const COMPLAINT_PATH = `${TENANT_PATH}/complaints/{number}`;
