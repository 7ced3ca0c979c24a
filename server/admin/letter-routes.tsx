import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { findTenantMessage } from '../casefile/correspondence';
import { markPosted } from '../casefile/letters';
import { complaints } from '../db/schema';
import type { AppDeps } from '../deps';
import { honoPath } from '../docs/route-doc';
import { ApiError } from '../http/errors';
import { mayPost } from '../staff/policy';
import { type AdminEnv, base, forbiddenPage, notFoundPage } from './admin-context';
import { ADMIN_DOCS, ADMIN_MOUNT } from './admin-route-docs';
import { lettersPage } from './letters-page';

/**
 * The post book's pages, mounted inside adminRoutes (after its session and CSRF checks): the
 * letters to print, and marking one posted.
 */
export function letterRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get(honoPath(ADMIN_DOCS.letters, ADMIN_MOUNT), (c) => {
    if (c.get('staff').role === 'appealBody') throw forbiddenPage('Uw rol verstuurt geen brieven.');
    // Only a complaint number is echoed, so a link cannot make the page say anything else.
    const posted = /^\d{4}-\d{4,}$/.test(c.req.query('gepost') ?? '')
      ? c.req.query('gepost')
      : null;
    return lettersPage(
      c,
      deps,
      posted ? `De brief bij klacht ${posted} staat op gepost.` : undefined,
    );
  });

  app.post(honoPath(ADMIN_DOCS.markPosted, ADMIN_MOUNT), async (c) => {
    const letter = await findTenantMessage(deps.db, c.get('tenant').id, c.req.param('id'));
    const complaint = await deps.db.query.complaints.findFirst({
      where: eq(complaints.id, letter.complaintId ?? ''),
    });
    if (!complaint) throw notFoundPage();
    if (!mayPost(c.get('staff'), complaint)) {
      throw forbiddenPage('Uw rol staat het versturen van deze brief niet toe.');
    }
    try {
      await markPosted(deps.db, letter, deps.clock(), deps.config.secretKey);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) throw err;
      return lettersPage(c, deps, 'Deze brief staat niet (meer) klaar om te posten.');
    }
    return c.redirect(`${base(c)}/letters?gepost=${encodeURIComponent(complaint.number)}`, 303);
  });

  return app;
}
