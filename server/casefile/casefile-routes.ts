import { Hono } from 'hono';
import {
  correspondenceItemSchema,
  correspondenceSchema,
  lettersToPrintSchema,
} from '../../shared/api';
import { findComplaint } from '../complaints/complaint-records';
import type { AppDeps } from '../deps';
import { COMPLAINT_PATH, honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import { BODY_LIMITS, jsonBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { mayPost } from '../staff/policy';
import { findMessage, listCorrespondence } from './correspondence';
import { letterOf, lettersToPrint, markPosted } from './letters';

const CORRESPONDENCE_PATH = `${COMPLAINT_PATH}/correspondence`;

const CASEFILE_DOCS = {
  list: routeDoc({
    method: 'get',
    path: CORRESPONDENCE_PATH,
    summary: "The complaint's correspondence: every message with its text and delivery",
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 200, description: 'Oldest first', schema: correspondenceSchema },
    errors: [401, 404],
  }),
  pdf: routeDoc({
    method: 'get',
    path: `${CORRESPONDENCE_PATH}/{id}.pdf`,
    summary: 'One message as a PDF letter',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 200, description: 'A4 letter', contentType: 'application/pdf' },
    errors: [401, 404, 503],
  }),
  posted: routeDoc({
    method: 'post',
    path: `${CORRESPONDENCE_PATH}/{id}/posted`,
    summary: 'Mark a letter as printed and posted (a posted acknowledgement meets its term)',
    tag: 'Register',
    auth: 'tenantKey',
    idempotent: true,
    ok: { status: 200, description: 'The letter as posted', schema: correspondenceItemSchema },
    errors: [401, 404, 409],
  }),
  toPrint: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/letters-to-print`,
    summary: 'Letters to print and post, for complainants without an e-mail address',
    tag: 'Register',
    auth: 'tenantKey',
    ok: { status: 200, description: 'Oldest first', schema: lettersToPrintSchema },
    errors: [401, 404],
  }),
};
export const casefileDocs = Object.values(CASEFILE_DOCS);

/** Where a message's PDF is, for links from the API and the admin view. */
export function pdfPath(slug: string, number: string, id: string): string {
  return `/v1/tenants/${slug}/complaints/${number}/correspondence/${id}.pdf`;
}

// Hono reads `:id.pdf` as one parameter named "id.pdf"; the pattern keeps the suffix literal.
const PDF_ROUTE = `${honoPath(CASEFILE_DOCS.list)}/:id{[^/]+\\.pdf}` as const;

/** The case file's correspondence: listed, as PDF letters, and the post book of letters. */
export function casefileRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const access = tenantAccess(deps, 'required');

  app.get(honoPath(CASEFILE_DOCS.list), access, async (c) => {
    const { slug, id: tenantId } = c.get('tenant');
    const row = await findComplaint(deps.db, tenantId, c.req.param('number'));
    const items = await listCorrespondence(deps.db, row.id, deps.clock(), deps.config.secretKey);
    return c.json({
      items: items.map((item) => ({ ...item, pdf: pdfPath(slug, row.number, item.id) })),
    });
  });

  app.get(PDF_ROUTE, access, async (c) => {
    const tenant = c.get('tenant');
    const row = await findComplaint(deps.db, tenant.id, c.req.param('number'));
    const id = c.req.param('id').replace(/\.pdf$/, '');
    const message = await findMessage(deps.db, row.id, id);
    // A letter still to post carries the complainant's live tracking link, with which anyone
    // can act as the complainant: only who posts the letter gets it (a key stands for the
    // organisation); everyone else reads the case file's copy, the link left out.
    const actor = c.get('actor');
    const poster = actor.kind !== 'staff' || mayPost(actor, row);
    const pdf = await letterOf(
      deps.db,
      tenant,
      message,
      deps.clock(),
      deps.writeLetter,
      deps.config.secretKey,
      { withLink: poster, complaint: row },
    );
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${row.number}-${message.kind.replace(/\W/g, '')}.pdf"`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.post(honoPath(CASEFILE_DOCS.posted), access, jsonBody(BODY_LIMITS.json), async (c) => {
    const { slug, id: tenantId } = c.get('tenant');
    const row = await findComplaint(deps.db, tenantId, c.req.param('number'));
    await markPosted(
      deps.db,
      await findMessage(deps.db, row.id, c.req.param('id')),
      deps.clock(),
      deps.config.secretKey,
    );
    const item = (
      await listCorrespondence(deps.db, row.id, deps.clock(), deps.config.secretKey)
    ).find((m) => m.id === c.req.param('id'));
    if (!item) throw new ApiError(404, 'not_found');
    return c.json({ ...item, pdf: pdfPath(slug, row.number, item.id) });
  });

  app.get(honoPath(CASEFILE_DOCS.toPrint), access, async (c) => {
    const { slug, id: tenantId } = c.get('tenant');
    const letters = await lettersToPrint(deps.db, tenantId);
    return c.json({
      items: letters.map((l) => ({ ...l, pdf: pdfPath(slug, l.number, l.id) })),
    });
  });

  return app;
}
