import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import { pageCsp } from '../http/security-headers';
import { type Doc, docsPage } from './docs-page';
import { OPERATIONS_DOCS, openApiDocument } from './openapi';
import { honoPath } from './route-doc';

/**
 * `GET /openapi.json` and `GET /docs`, built on first use. The Node entry and the tests serve
 * them from here; the Worker serves the same files from its static assets, built by
 * `npm run build:docs`, so the document's generator stays out of its script.
 */
export function docsRoutes() {
  let built: Doc | undefined;
  const doc = () => {
    built ??= openApiDocument() as Doc;
    return built;
  };
  return new Hono<AppEnv>()
    .get(honoPath(OPERATIONS_DOCS.document), (c) => c.json(doc()))
    .get(honoPath(OPERATIONS_DOCS.reference), async (c) => {
      c.header('Content-Security-Policy', pageCsp({ inlineStyle: true }));
      return c.html(await docsPage(doc()));
    });
}
