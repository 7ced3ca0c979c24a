import { Validator } from '@seriousme/openapi-schema-validator';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADMIN_MOUNT, adminDocs } from '../server/admin/admin-route-docs';
import { adminRoutes } from '../server/admin/admin-routes';
import { type TestApp, testApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

test('/openapi.json is a valid OpenAPI 3.1 document', async () => {
  const document = await (await t.app.request('/openapi.json')).json();
  expect(document.openapi).toBe('3.1.0');
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  // The validator does reject a broken document.
  const broken = structuredClone(document);
  broken.paths['/v1/tenants'].post.responses = 'none';
  expect((await new Validator().validate(broken)).valid).toBe(false);
});

test('every route the app registers is in it', async () => {
  const document = await (await t.app.request('/openapi.json')).json();
  const routes = t.app.routes
    .filter((r) => r.method !== 'ALL')
    .map(
      (r) =>
        // `:id{[^/]+\.pdf}` is Hono's spelling of `{id}.pdf`.
        `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(?:\{\[\^\/\]\+\\(\.\w+)\})?/g, '{$1}$2')}`,
    );
  expect(routes.length).toBeGreaterThan(10);
  const documented = Object.entries(document.paths as Record<string, object>).flatMap(
    ([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`),
  );
  for (const route of new Set(routes)) expect(documented, route).toContain(route);
  for (const op of documented) expect(routes, op).toContain(op);
});

test('the admin view, mounted on first use from its docs, has exactly the routes they list', () => {
  // The app registers the admin routes from their docs before the admin code is loaded
  // (server/http/lazy-routes.ts), so the check above sees the docs; this one sees the code.
  const mounted = new Hono().route(ADMIN_MOUNT, adminRoutes(t.deps));
  const registered = mounted.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)(?:\{\[\^\/\]\+\\(\.\w+)\})?/g, '{$1}$2')}`);
  const documented = adminDocs.map((doc) => `${doc.method.toUpperCase()} ${doc.path}`);
  expect(new Set(registered)).toEqual(new Set(documented));
});

test('the documented bodies are the validators: a required field of the schema is required', async () => {
  const document = await (await t.app.request('/openapi.json')).json();
  const create = document.paths['/v1/tenants'].post.requestBody.content['application/json'].schema;
  expect(create.required).toEqual(expect.arrayContaining(['slug', 'name']));
  const submit =
    document.paths['/v1/tenants/{slug}/complaints'].post.requestBody.content['application/json']
      .schema;
  expect(submit.required).toEqual(expect.arrayContaining(['complainant', 'description']));
});

test('/docs renders the reference as HTML', async () => {
  const res = await t.app.request('/docs');
  expect(res.headers.get('Content-Type')).toContain('text/html');
  const page = await res.text();
  expect(page).toContain('/v1/tenants/{slug}/complaints/{number}/actions/{action}');
  expect(page).toContain('Monthly report by registration month');
});

test('the API contract changes only on purpose: /openapi.json equals its recorded snapshot', async () => {
  // A change here is a change of the contract: review the diff, then `npx vitest -u`.
  const document = await (await t.app.request('/openapi.json')).json();
  await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot(
    './__snapshots__/openapi.json',
  );
});
