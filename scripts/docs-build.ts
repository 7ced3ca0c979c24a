// npm run build:docs: the OpenAPI document and the /docs page as static files for the Worker,
// which serves them from its assets (dist/public) so their generator stays out of its script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Doc, docsPage } from '../server/docs/docs-page';
import { openApiDocument } from '../server/docs/openapi';
import { pageCsp } from '../server/http/security-headers';
import { writeHeaderRules } from './header-rules.mjs';

const out = resolve(import.meta.dirname, '../dist/public');
mkdirSync(out, { recursive: true });
const document = openApiDocument() as Doc;
writeFileSync(resolve(out, 'openapi.json'), JSON.stringify(document));
writeFileSync(resolve(out, 'docs.html'), await docsPage(document));
// Static assets do not pass through the Worker, so their headers are set here (Workers _headers).
await writeHeaderRules(
  resolve(out, '_headers'),
  'docs',
  [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '/docs',
    `  Content-Security-Policy: ${pageCsp({ inlineStyle: true })}`,
    '/openapi.json',
    "  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
    '',
  ].join('\n'),
);
console.log(`openapi.json, docs.html and _headers in ${out}`);
