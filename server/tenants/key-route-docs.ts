import * as z from 'zod';
import { plainText } from '../../shared/text';
import { routeDoc, TENANT_PATH } from '../docs/route-doc';

/* The API keys' routes as documented, and the shapes they take and give. */

export const createKeySchema = z.strictObject({
  /** What the key is for, so people can tell their keys apart ("CRM", "rotation 2026"). */
  label: plainText(100).optional(),
});

export const keyViewSchema = z.object({
  id: z.string(),
  /** The first characters of the key; the key itself is never shown again. */
  prefix: z.string(),
  label: z.string(),
  createdAt: z.string(),
  /** Null while the key works. */
  revokedAt: z.string().nullable(),
});
export type KeyView = z.infer<typeof keyViewSchema>;

const KEYS_PATH = `${TENANT_PATH}/keys`;

export const KEY_DOCS = {
  list: routeDoc({
    method: 'get',
    path: KEYS_PATH,
    summary: "The tenant's API keys, live and revoked, newest first",
    tag: 'Tenants',
    auth: 'tenantKeyOrAdmin',
    ok: {
      status: 200,
      description: 'Every key by its id, prefix and label (never the key itself)',
      schema: z.object({ items: z.array(keyViewSchema) }),
    },
    errors: [401, 403, 404],
  }),
  create: routeDoc({
    method: 'post',
    path: KEYS_PATH,
    summary: 'Create an API key (at most two live at once: rotate by creating, then revoking)',
    tag: 'Tenants',
    auth: 'tenantKeyOrAdmin',
    body: createKeySchema,
    ok: {
      status: 201,
      description: 'Created; the key is shown only now and stored only as a hash',
      schema: z.object({ key: keyViewSchema, apiKey: z.string() }),
    },
    errors: [401, 403, 404, 409, 422],
  }),
  revoke: routeDoc({
    method: 'delete',
    path: `${KEYS_PATH}/{id}`,
    summary: 'Revoke an API key at once (not the last live one)',
    tag: 'Tenants',
    auth: 'tenantKeyOrAdmin',
    ok: { status: 204, description: 'Revoked (also when it was revoked before)' },
    errors: [401, 403, 404, 409],
  }),
};
export const keyDocs = Object.values(KEY_DOCS);
