import type { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { honoPath } from '../docs/route-doc';
import { ApiError } from '../http/errors';
import { discardSetAside, findSetAside } from '../inbound/quarantine';
import { resendDelivery } from '../webhooks/endpoints';
import { type AdminContext, type AdminEnv, notFoundPage } from './admin-context';
import { ADMIN_DOCS, ADMIN_MOUNT } from './admin-route-docs';
import { inboundMailPage } from './inbound-mail-page';
import { webhooksPage } from './webhooks-page';

const at = <P extends string>(doc: { path: P }) => honoPath(doc, ADMIN_MOUNT);

/**
 * The admin view's pages for what connects a tenant to other systems (admins only): webhook
 * endpoints with their delivery logs and re-send buttons, and e-mail that was set aside.
 */
export function integrationPages(
  app: Hono<AdminEnv>,
  deps: AppDeps,
  adminOnly: (c: AdminContext) => void,
) {
  app.get(at(ADMIN_DOCS.webhooks), (c) => {
    adminOnly(c);
    return webhooksPage(c, deps);
  });
  app.post(at(ADMIN_DOCS.resendWebhook), async (c) => {
    adminOnly(c);
    try {
      await resendDelivery(
        deps.db,
        { tenantId: c.get('tenant').id },
        c.req.param('id'),
        deps.clock(),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw notFoundPage();
      throw err;
    }
    return webhooksPage(c, deps, 'Het bericht staat weer klaar om te versturen.');
  });

  app.get(at(ADMIN_DOCS.inboundMail), (c) => {
    adminOnly(c);
    return inboundMailPage(c, deps);
  });
  app.get(at(ADMIN_DOCS.inboundMessage), async (c) => {
    adminOnly(c);
    const row = await findSetAside(deps.db, c.get('tenant').id, c.req.param('id'));
    if (!row?.pdRaw) throw notFoundPage();
    return c.body(new Uint8Array(row.pdRaw), 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="bericht-${row.id}.eml"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });
  app.post(at(ADMIN_DOCS.discardInbound), async (c) => {
    adminOnly(c);
    if (!(await discardSetAside(deps.db, c.get('tenant').id, c.req.param('id')))) {
      throw notFoundPage();
    }
    return inboundMailPage(c, deps, 'Het bericht is verwijderd.');
  });
}
