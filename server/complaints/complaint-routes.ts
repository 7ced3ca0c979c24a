import { Hono } from 'hono';
import * as z from 'zod';
import { complaintViewSchema, registerPageSchema } from '../../shared/api';
import { amsterdamDate } from '../../shared/deadlines';
import { ACTION_BODIES, ACTIONS, type Action } from '../../shared/lifecycle';
import type { AppDeps } from '../deps';
import { COMPLAINT_PATH, honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { limitBody, readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { isMultipart } from '../http/form-body';
import { validate } from '../http/validation';
import { checkStepFiles, findAttachment, MAX_FILES_PER_STEP } from './attachments';
import { actorName, findComplaint } from './complaint-records';
import { loadView } from './complaint-view';
import { eraseComplaint } from './erase';
import { readSubmission, stepLimit } from './intake';
import { listComplaints, registerQuerySchema } from './listing';
import { performStep } from './perform-step';

const COMPLAINT_DOCS = {
  register: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/complaints`,
    summary: 'The register',
    tag: 'Register',
    auth: 'tenantKey',
    query: registerQuerySchema,
    ok: {
      status: 200,
      description: 'A page of the register, sorted by next due date',
      schema: registerPageSchema,
    },
    errors: [401, 404, 422],
  }),
  read: routeDoc({
    method: 'get',
    path: COMPLAINT_PATH,
    summary: 'One complaint with its timeline and due dates',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 200, description: 'The complaint', schema: complaintViewSchema },
    errors: [401, 404],
  }),
  attachment: routeDoc({
    method: 'get',
    path: `${COMPLAINT_PATH}/attachments/{id}`,
    summary: 'Download an attachment',
    tag: 'Register',
    auth: 'tenantKey',
    ok: {
      status: 200,
      description: 'The file, with the type found from its content',
      contentType: 'application/octet-stream',
    },
    errors: [401, 404],
  }),
  erase: routeDoc({
    method: 'delete',
    path: COMPLAINT_PATH,
    summary: 'Erase the personal data (on request)',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 204, description: 'Erased; the number now answers 404' },
    errors: [401, 404],
  }),
  step: routeDoc({
    method: 'post',
    path: `${COMPLAINT_PATH}/actions/{action}`,
    summary: 'Perform one lifecycle step',
    tag: 'Register',
    auth: 'tenantKey',
    // The handler checks the body against the step's own schema (ACTION_BODIES[action]).
    body: z.union(ACTIONS.map((a) => ACTION_BODIES[a]) as unknown as [z.ZodType, z.ZodType]),
    // Documents for the case file come with any step as multipart (the JSON in a `step` part).
    multipart: 'step',
    idempotent: true,
    ok: { status: 200, description: 'The updated complaint', schema: complaintViewSchema },
    errors: [400, 401, 404, 409, 413, 422],
  }),
};
export const complaintDocs = [
  COMPLAINT_DOCS.register,
  COMPLAINT_DOCS.read,
  COMPLAINT_DOCS.attachment,
  COMPLAINT_DOCS.erase,
  COMPLAINT_DOCS.step,
];

export function complaintRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get(honoPath(COMPLAINT_DOCS.attachment), tenantAccess(deps, 'required'), async (c) => {
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
  });

  app.get(
    honoPath(COMPLAINT_DOCS.register),
    tenantAccess(deps, 'required'),
    validate('query', COMPLAINT_DOCS.register.query),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listComplaints(deps.db, c.get('tenant').id, q, amsterdamDate(deps.clock())),
      );
    },
  );

  app.get(honoPath(COMPLAINT_DOCS.read), tenantAccess(deps, 'required'), async (c) => {
    const tenant = c.get('tenant');
    const row = await findComplaint(deps.db, tenant.id, c.req.param('number'));
    return c.json(await loadView(deps.db, row, tenant.procedure, c.get('locale')));
  });

  app.post(
    honoPath(COMPLAINT_DOCS.step),
    tenantAccess(deps, 'required'),
    limitBody((c) => stepLimit(c.get('tenant').procedure, isMultipart(c))),
    async (c) => {
      const action = c.req.param('action') as Action;
      if (!ACTIONS.includes(action)) throw new ApiError(404, 'not_found');
      const tenant = c.get('tenant');
      // A JSON body goes to the step's own schema as it is (a 422 names what is wrong).
      const { body, files } = isMultipart(c)
        ? await readSubmission(c, 'step', MAX_FILES_PER_STEP)
        : { body: await readJson(c), files: [] };
      const row = await performStep(deps.db, {
        tenant,
        number: c.req.param('number'),
        action,
        body,
        actor: c.get('actor'),
        now: deps.clock(),
        locale: c.get('locale'),
        idempotencyKey: c.req.header('Idempotency-Key') ?? null,
        links: { base: deps.config.publicUrl, secretKey: deps.config.secretKey },
        files: checkStepFiles(files, tenant.procedure, c.get('locale')),
      });
      return c.json(await loadView(deps.db, row, tenant.procedure, c.get('locale')));
    },
  );

  app.delete(honoPath(COMPLAINT_DOCS.erase), tenantAccess(deps, 'required'), async (c) => {
    const tenant = c.get('tenant');
    const row = await findComplaint(deps.db, tenant.id, c.req.param('number'));
    await eraseComplaint(deps.db, row.id, deps.clock(), actorName(c.get('actor')));
    return c.body(null, 204);
  });

  return app;
}
