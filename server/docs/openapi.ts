import * as z from 'zod';
import { errorBodySchema } from '../../shared/api';
import { ACTIONS } from '../../shared/lifecycle';
import { adminDocs } from '../admin/admin-route-docs';
import { casefileDocs } from '../casefile/casefile-routes';
import { complaintDocs } from '../complaints/complaint-routes';
import { submitDocs } from '../complaints/submit-routes';
import { inboundDocs } from '../inbound/inbound-routes';
import { outboxDocs } from '../mail/outbox-routes';
import { publishedDocs } from '../published/published-docs';
import { reportDocs } from '../reports/report-routes';
import { staffDocs } from '../staff/staff-routes';
import { formDocs } from '../tenants/form-routes';
import { keyDocs } from '../tenants/key-route-docs';
import { procedureDocs } from '../tenants/procedure-routes';
import { tenantDocs } from '../tenants/tenant-routes';
import { trackDocs } from '../tracking/tracking-docs';
import { webhookDocs } from '../webhooks/webhook-routes';
import { HEALTH_DOC, HOME_DOC } from './health-routes';
import { type Auth, type RouteDoc, routeDoc } from './route-doc';

/** A JSON body and files in one multipart/form-data body; `part` carries the JSON. */
const multipartBody = (part: string) => ({
  type: 'object',
  required: [part],
  properties: {
    [part]: { type: 'string', description: 'The JSON body, as in application/json' },
    attachments: {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
      description: "Files (PDF, JPEG, PNG by content) within the procedure's limits",
    },
  },
});

/** The routes of docs-routes.ts, which serve this document. */
export const OPERATIONS_DOCS = {
  document: routeDoc({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'Operations',
    auth: 'public',
    ok: { status: 200, description: 'OpenAPI 3.1' },
    errors: [],
  }),
  reference: routeDoc({
    method: 'get',
    path: '/docs',
    summary: 'The API reference, readable',
    tag: 'Operations',
    auth: 'public',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    errors: [],
  }),
};

/** Every route, in the order the document lists them; each module declares its own. */
export function allRoutes(): RouteDoc[] {
  return [
    HOME_DOC,
    HEALTH_DOC,
    ...tenantDocs,
    ...procedureDocs,
    ...keyDocs,
    ...formDocs,
    ...submitDocs,
    ...complaintDocs,
    ...casefileDocs,
    ...reportDocs,
    ...outboxDocs,
    ...trackDocs,
    ...publishedDocs,
    OPERATIONS_DOCS.document,
    OPERATIONS_DOCS.reference,
    ...staffDocs,
    ...webhookDocs,
    ...inboundDocs,
    ...adminDocs,
  ];
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'Missing or unknown credentials (checked before the body is read)',
  403: "The staff member's role does not allow this, or a form without a valid CSRF token",
  404: "Unknown resource, or another tenant's",
  409: 'Conflict: the slug exists, or the lifecycle forbids this step now',
  413: 'The body is too large',
  415: 'The body is not of the media type this route takes',
  422: 'Validation failed; `fields` names every bad field',
  429: 'Too many requests from this address; see Retry-After',
  503: 'Busy (too many letters waiting to be written); see Retry-After',
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
  for (const op of allRoutes()) {
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
    for (const other of op.alsoOk ?? []) {
      responses[other.status] = {
        ...(responses[op.ok.status] as object),
        description: other.description,
      };
    }
    // Every route that takes a body refuses one of another media type (http/body.ts).
    const errors = op.body || op.rawBody ? [...new Set([...op.errors, 415])] : op.errors;
    for (const status of errors) {
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
      ...(op.rawBody
        ? {
            requestBody: {
              required: true,
              description: op.rawBody.description,
              content: { [op.rawBody.contentType]: { schema: { type: 'string' } } },
            },
          }
        : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: jsonSchema(op.body, op.bodyAsOutput ? 'output' : 'input'),
                },
                ...(op.multipart
                  ? { 'multipart/form-data': { schema: multipartBody(op.multipart) } }
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
    tags: [
      'Tenants',
      'Complaints',
      'Register',
      'Reports',
      'Staff',
      'Webhooks',
      'E-mail',
      'Admin view',
      'Operations',
    ].map((name) => ({ name })),
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
