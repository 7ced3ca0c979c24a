import { Hono } from 'hono';
import { amsterdamDate } from '../../shared/deadlines';
import { ACTIONS, type Action } from '../../shared/lifecycle';
import { type AppDeps, clientAddressOf } from '../deps';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody, readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { tenantCors } from '../http/cors';
import { ApiError } from '../http/errors';
import { validate } from '../http/validation';
import { findAttachment } from './attachments';
import { actorName, findComplaint } from './complaint-records';
import { loadView } from './complaint-view';
import { eraseComplaint } from './erase';
import { limitSubmission, readSubmission, refuseForeignOrigin } from './intake';
import { registerPage, registerQuerySchema } from './listing';
import { performStep } from './perform-step';
import { submitComplaint } from './submit';

export function complaintRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // Submitting is public (the widget on the tenant's site); reading the register is not.
  const cors = tenantCors(deps);
  app.use('/:slug/complaints', (c, next) => (c.req.method === 'GET' ? next() : cors(c, next)));
  app.post(
    '/:slug/complaints',
    tenantAccess(deps, 'optional'),
    refuseForeignOrigin(deps),
    limitSubmission(),
    async (c) => {
      const { body, files } = await readSubmission(c);
      const response = await submitComplaint(deps, {
        tenant: c.get('tenant'),
        actor: c.get('actor'),
        body,
        files,
        idempotencyKey: c.req.header('Idempotency-Key') ?? null,
        locale: c.get('locale'),
        clientAddress: clientAddressOf(deps, c),
      });
      return c.json(response, 201);
    },
  );

  app.get(
    '/:slug/complaints/:number/attachments/:id',
    tenantAccess(deps, 'required'),
    async (c) => {
      const row = await findComplaint(deps.db, c.get('tenant').id, c.req.param('number'));
      const file = await findAttachment(deps.db, row.id, c.req.param('id'));
      if (!file?.pdContent) throw new ApiError(404, 'not_found');
      const name = encodeURIComponent(file.pdFilename ?? 'bestand');
      return c.body(new Uint8Array(file.pdContent), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename*=UTF-8''${name}`,
        'X-Content-Type-Options': 'nosniff',
        // Opened in a tab anyway, the file runs nothing and reaches nothing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
      });
    },
  );

  app.get(
    '/:slug/complaints',
    tenantAccess(deps, 'required'),
    validate('query', registerQuerySchema),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await registerPage(deps.db, c.get('tenant').id, q, amsterdamDate(deps.clock())),
      );
    },
  );

  app.get('/:slug/complaints/:number', tenantAccess(deps, 'required'), async (c) => {
    const tenant = c.get('tenant');
    const row = await findComplaint(deps.db, tenant.id, c.req.param('number'));
    return c.json(await loadView(deps.db, row, tenant.procedure, c.get('locale')));
  });

  app.post(
    '/:slug/complaints/:number/actions/:action',
    tenantAccess(deps, 'required'),
    jsonBody(BODY_LIMITS.json),
    async (c) => {
      const action = c.req.param('action') as Action;
      if (!ACTIONS.includes(action)) throw new ApiError(404, 'not_found');
      const body = await readJson(c);
      const tenant = c.get('tenant');
      const row = await performStep(deps.db, {
        tenant,
        number: c.req.param('number'),
        action,
        body,
        actor: c.get('actor'),
        now: deps.clock(),
        locale: c.get('locale'),
        idempotencyKey: c.req.header('Idempotency-Key') ?? null,
        linkBase: deps.config.publicUrl,
      });
      return c.json(await loadView(deps.db, row, tenant.procedure, c.get('locale')));
    },
  );

  app.delete('/:slug/complaints/:number', tenantAccess(deps, 'required'), async (c) => {
    const tenant = c.get('tenant');
    const row = await findComplaint(deps.db, tenant.id, c.req.param('number'));
    await eraseComplaint(deps.db, row.id, deps.clock(), actorName(c.get('actor')));
    return c.body(null, 204);
  });

  return app;
}
