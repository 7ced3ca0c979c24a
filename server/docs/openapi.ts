import { z } from 'zod';
import {
  complaintViewSchema,
  errorBodySchema,
  formConfigSchema,
  monthlyReportSchema,
  registerPageSchema,
  submitResponseSchema,
  tenantCreatedSchema,
} from '../../shared/api';
import { complaintSubmissionSchema } from '../../shared/complaint';
import { ACTION_BODIES, ACTIONS } from '../../shared/lifecycle';
import { procedureSchema } from '../../shared/procedure';
import { registerQuerySchema } from '../complaints/listing';
import { exportQuerySchema, reportQuerySchema } from '../reports/report-routes';
import {
  createStaffSchema,
  staffCreatedSchema,
  staffViewSchema,
  updateStaffSchema,
} from '../staff/accounts';
import { createTenantSchema } from '../tenants/tenant-routes';
import { appealBodySchema, satisfactionBodySchema } from '../tracking/tracking-routes';

type Auth =
  | 'operator'
  | 'tenantKey'
  | 'public'
  | 'publicOrTenantKey'
  | 'tenantKeyOrAdmin'
  | 'staffSession';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  body?: z.ZodType;
  query?: z.ZodObject;
  idempotent?: boolean;
  /** Also accepted as multipart/form-data: the JSON in a `complaint` part, files as `attachments`. */
  multipart?: boolean;
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  errors: number[];
}

// Every field the procedure may ask for, so the documented body shows them all.
const documentedSubmission = complaintSubmissionSchema(
  procedureSchema.parse({
    terms: {
      t: {
        amount: 1,
        unit: 'workingDays',
        from: 'received',
        metBy: 'acknowledged',
        label: { nl: 't', en: 't' },
      },
    },
    retention: { years: 1 },
    categories: [{ id: 'example', label: { nl: 'Voorbeeld', en: 'Example' } }],
    form: { onBehalfOf: { offered: true }, category: 'optional', desiredSolution: 'optional' },
  }),
  true,
);

const MULTIPART_SUBMISSION = {
  type: 'object',
  required: ['complaint'],
  properties: {
    complaint: { type: 'string', description: 'The JSON body, as in application/json' },
    attachments: {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
      description: "Files (PDF, JPEG, PNG by content) within the procedure's limits",
    },
  },
};

const tenantPath = '/v1/tenants/{slug}';
const complaintPath = `${tenantPath}/complaints/{number}`;

/** The API's routes with the zod schemas their handlers validate with. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness check',
    tag: 'Operations',
    auth: 'public',
    ok: { status: 200, description: 'Up', schema: z.object({ ok: z.literal(true) }) },
    errors: [],
  },
  {
    method: 'post',
    path: '/v1/tenants',
    summary: 'Create a tenant from a preset or a procedure',
    tag: 'Tenants',
    auth: 'operator',
    body: createTenantSchema,
    ok: {
      status: 201,
      description: 'Created; the API key is shown only now',
      schema: tenantCreatedSchema,
    },
    errors: [401, 409, 422],
  },
  {
    method: 'get',
    path: `${tenantPath}/procedure`,
    summary: "The tenant's procedure",
    tag: 'Tenants',
    auth: 'tenantKey',
    ok: { status: 200, description: 'The procedure', schema: procedureSchema },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: `${tenantPath}/procedure`,
    summary: 'Replace the procedure',
    tag: 'Tenants',
    auth: 'tenantKey',
    body: procedureSchema,
    ok: { status: 200, description: 'The stored procedure', schema: procedureSchema },
    errors: [401, 404, 422],
  },
  {
    method: 'get',
    path: `${tenantPath}/form`,
    summary: 'What the widget renders',
    tag: 'Complaints',
    auth: 'public',
    ok: { status: 200, description: 'Form configuration', schema: formConfigSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: `${tenantPath}/complaints`,
    summary: 'Submit or register a complaint',
    tag: 'Complaints',
    auth: 'publicOrTenantKey',
    body: documentedSubmission,
    multipart: true,
    idempotent: true,
    ok: { status: 201, description: 'Registered and durable', schema: submitResponseSchema },
    errors: [400, 401, 404, 413, 422, 429],
  },
  {
    method: 'get',
    path: `${tenantPath}/complaints`,
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
  },
  {
    method: 'get',
    path: complaintPath,
    summary: 'One complaint with its timeline and due dates',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 200, description: 'The complaint', schema: complaintViewSchema },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: `${complaintPath}/attachments/{id}`,
    summary: 'Download an attachment',
    tag: 'Register',
    auth: 'tenantKey',
    ok: {
      status: 200,
      description: 'The file, with the type found from its content',
      contentType: 'application/octet-stream',
    },
    errors: [401, 404],
  },
  {
    method: 'delete',
    path: complaintPath,
    summary: 'Erase the personal data (on request)',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 204, description: 'Erased; the number now answers 404' },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: `${complaintPath}/actions/{action}`,
    summary: 'Perform one lifecycle step',
    tag: 'Register',
    auth: 'tenantKey',
    body: z.union(ACTIONS.map((a) => ACTION_BODIES[a]) as unknown as [z.ZodType, z.ZodType]),
    idempotent: true,
    ok: { status: 200, description: 'The updated complaint', schema: complaintViewSchema },
    errors: [400, 401, 404, 409, 422],
  },
  {
    method: 'get',
    path: `${tenantPath}/reports/monthly`,
    summary: 'Monthly report by registration month',
    tag: 'Reports',
    auth: 'tenantKey',
    query: reportQuerySchema,
    ok: { status: 200, description: 'Twelve months', schema: monthlyReportSchema },
    errors: [401, 404, 422],
  },
  {
    method: 'get',
    path: `${tenantPath}/reports/complaints.csv`,
    summary: 'Anonymised export for team meetings',
    tag: 'Reports',
    auth: 'tenantKey',
    query: exportQuerySchema,
    ok: { status: 200, description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' },
    errors: [401, 404, 422],
  },
  {
    method: 'post',
    path: `${tenantPath}/outbox/retry`,
    summary: 'Send failed messages again (after fixing their cause)',
    tag: 'Register',
    auth: 'tenantKey',
    ok: {
      status: 200,
      description: 'How many were put back in line',
      schema: z.object({ requeued: z.number() }),
    },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/v1/track/{token}',
    summary: "The complainant's view: status, public timeline, due dates, proposed solution",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'What the link holder may see' },
    errors: [404, 429],
  },
  {
    method: 'post',
    path: '/v1/track/{token}/{step}',
    summary:
      'A step by the complainant: accept, appeal ({ grounds }), satisfaction ({ satisfied, comment? }) or erasure',
    tag: 'Tracking',
    auth: 'public',
    body: z.union([appealBodySchema, satisfactionBodySchema, z.strictObject({})]),
    idempotent: true,
    ok: { status: 200, description: 'The updated view (201 for an appeal, 202 for erasure)' },
    errors: [404, 409, 422, 429],
  },
  {
    method: 'get',
    path: '/track/{token}',
    summary: 'The tracking page (HTML, works without JavaScript)',
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [404, 429],
  },
  {
    method: 'post',
    path: '/track/{token}/{step}',
    summary: "The tracking page's forms (post/redirect/get)",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 303, description: 'Back to the page' },
    errors: [404, 409, 422, 429],
  },
  {
    method: 'get',
    path: '/track.css',
    summary: "The tracking page's style sheet",
    tag: 'Tracking',
    auth: 'public',
    ok: { status: 200, description: 'CSS', contentType: 'text/css' },
    errors: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'Operations',
    auth: 'public',
    ok: { status: 200, description: 'OpenAPI 3.1' },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    summary: 'The API reference, readable',
    tag: 'Operations',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [],
  },
];

const staffPath = `${tenantPath}/staff`;
const adminPath = '/admin/{slug}';
const html = { contentType: 'text/html' };

/** The admin view's pages and forms: HTML, a staff session, and its CSRF token on posts. */
function adminPage(
  method: 'get' | 'post',
  path: string,
  summary: string,
  errors: number[] = [404],
): Operation {
  return {
    method,
    path: `${adminPath}${path}`,
    summary,
    tag: 'Admin view',
    auth: path === '/sign-in' ? 'public' : 'staffSession',
    ok: { status: method === 'get' ? 200 : 303, description: 'HTML page or redirect', ...html },
    errors,
  };
}

OPERATIONS.push(
  {
    method: 'get',
    path: staffPath,
    summary: 'Staff accounts of the tenant',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    ok: {
      status: 200,
      description: 'Every account',
      schema: z.object({ items: z.array(staffViewSchema) }),
    },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: staffPath,
    summary: 'Add a staff account (receiver, handler, appealBody or admin)',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    body: createStaffSchema,
    ok: {
      status: 201,
      description: 'Created; a generated password is shown only now',
      schema: staffCreatedSchema,
    },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'patch',
    path: `${staffPath}/{id}`,
    summary: 'Change, disable or re-enable a staff account, or set its password',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    body: updateStaffSchema,
    ok: { status: 200, description: 'The account', schema: staffViewSchema },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'delete',
    path: `${staffPath}/{id}`,
    summary: 'Delete a staff account and end its sessions',
    tag: 'Staff',
    auth: 'tenantKeyOrAdmin',
    ok: { status: 204, description: 'Deleted' },
    errors: [401, 403, 404, 409],
  },
  adminPage('get', '/sign-in', 'Admin view: the sign-in page'),
  adminPage('post', '/sign-in', 'Admin view: sign in with e-mail and password', [401, 403, 404]),
  adminPage('get', '', 'Admin view: goes to the register'),
  adminPage('post', '/sign-out', 'Admin view: sign out', [403, 404]),
  adminPage('get', '/complaints', 'Admin view: the register with filters'),
  adminPage('get', '/complaints/new', 'Admin view: register a complaint received by phone, …'),
  adminPage('post', '/complaints', 'Admin view: register the complaint', [403, 404, 409, 422]),
  adminPage('get', '/complaints/{number}', 'Admin view: one complaint and its action forms'),
  adminPage(
    'post',
    '/complaints/{number}/actions/{action}',
    'Admin view: perform one lifecycle step',
    [403, 404, 409, 422],
  ),
  adminPage('get', '/reports', 'Admin view: the monthly report with bar charts'),
  {
    ...adminPage('get', '/reports/complaints.csv', 'Admin view: the anonymised CSV export'),
    ok: { status: 200, description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' },
  },
  adminPage('get', '/settings', 'Admin view: procedure, staff and embed code (admins)', [403, 404]),
  adminPage('post', '/settings/staff', 'Admin view: add a staff member', [403, 404, 409, 422]),
  adminPage('post', '/settings/staff/{id}/disable', 'Admin view: disable an account', [403, 404]),
  adminPage('post', '/settings/staff/{id}/enable', 'Admin view: re-enable an account', [403, 404]),
  adminPage(
    'get',
    '/outbox',
    'Admin view: messages and their delivery status (admins)',
    [403, 404],
  ),
  adminPage('post', '/outbox/retry', 'Admin view: send failed messages again (admins)', [403, 404]),
);

// Creating a tenant may also create its first admin (`admin` in the body and the answer).
for (const op of OPERATIONS) {
  if (op.method === 'post' && op.path === '/v1/tenants') {
    op.ok.schema = tenantCreatedSchema.extend({ admin: staffCreatedSchema.optional() });
  }
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'Missing or unknown credentials (checked before the body is read)',
  403: "The staff member's role does not allow this, or a form without a valid CSRF token",
  404: "Unknown resource, or another tenant's",
  409: 'Conflict: the slug exists, or the lifecycle forbids this step now',
  413: 'The body is too large',
  422: 'Validation failed; `fields` names every bad field',
  429: 'Too many requests from this address; see Retry-After',
};

const SECURITY: Record<Auth, Record<string, string[]>[] | undefined> = {
  operator: [{ operatorToken: [] }],
  tenantKey: [{ tenantKey: [] }, { staffSession: [] }],
  tenantKeyOrAdmin: [{ tenantKey: [] }, { staffSession: [] }],
  staffSession: [{ staffSession: [] }],
  public: [],
  publicOrTenantKey: [{}, { tenantKey: [] }],
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: unknown[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: name === 'action' ? { type: 'string', enum: ACTIONS } : { type: 'string' },
    }));
    if (op.query) {
      const schema = jsonSchema(op.query, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: property,
        });
      }
    }
    if (op.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'A retry with the same key and body returns the first response and changes nothing.',
        schema: { type: 'string', minLength: 8, maxLength: 255 },
      });
    }
    const responses: Record<string, unknown> = {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema
          ? { content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } } }
          : op.ok.contentType
            ? { content: { [op.ok.contentType]: { schema: { type: 'string' } } } }
            : {}),
      },
    };
    for (const status of op.errors) {
      responses[status] = {
        description: ERROR_TEXT[status],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      security: SECURITY[op.auth],
      parameters,
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: jsonSchema(
                    op.body,
                    op.body === documentedSubmission ? 'output' : 'input',
                  ),
                },
                ...(op.multipart
                  ? { 'multipart/form-data': { schema: MULTIPART_SUBMISSION } }
                  : {}),
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Klachtenregeling API',
      version: '1.0.0',
      description:
        'Hosted complaint handling for Dutch organisations. Dates `YYYY-MM-DD` are Amsterdam dates; a due date means the end of that day. Errors are `{ error: { code, message, fields? } }`, localised by Accept-Language.',
    },
    servers: [{ url: '/' }],
    tags: ['Tenants', 'Complaints', 'Register', 'Reports', 'Staff', 'Admin view', 'Operations'].map(
      (name) => ({ name }),
    ),
    paths,
    components: {
      securitySchemes: {
        operatorToken: { type: 'http', scheme: 'bearer', description: 'KLACHT_OPERATOR_TOKEN' },
        tenantKey: { type: 'http', scheme: 'bearer', description: "A tenant's API key (kl_…)" },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-klacht_session',
          description:
            'A staff sign-in of the admin view (`klacht_session` over plain http); acts for its ' +
            'own tenant within its role; changes only from the same origin',
        },
      },
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
    },
  };
}
