import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import type { Action } from '../../shared/lifecycle';
import { type Locale, pickLocale } from '../../shared/localised';
import { findComplaint } from '../complaints/complaint-records';
import { performStep } from '../complaints/perform-step';
import { tenants } from '../db/schema';
import { type AppDeps, clientAddressOf } from '../deps';
import { honoPath } from '../docs/route-doc';
import { BODY_LIMITS, limitBody, readJson } from '../http/body';
import type { AppEnv, TenantRecord } from '../http/context';
import { ERROR_MESSAGES } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { addressNetwork, retryAfter, withinLimit } from '../http/rate-limit';
import { pageCsp } from '../http/security-headers';
import { parseOr422 } from '../http/validation';
import { tenantOfRow } from '../tenants/tenants';
import { complaintForToken } from './tokens';
import { TRACK_CSS } from './track-css';
import { appealBodySchema, satisfactionBodySchema, TRACK_DOCS, TRACK_LIMIT } from './tracking-docs';
import { trackingView } from './tracking-view';

/**
 * The page's HTML, loaded on the first page asked for: on Workers a chunk of its own, so the
 * script every request starts (submissions, the JSON view) does without its words and parts.
 */
const pages = () => import('./tracking-page');

type Tracked = {
  complaint: NonNullable<Awaited<ReturnType<typeof complaintForToken>>>;
  tenant: TenantRecord;
};
type TrackEnv = { Variables: AppEnv['Variables'] & { tracked: Tracked } };

const STEPS: Record<string, Action> = {
  accept: 'accept-solution',
  appeal: 'file-appeal',
  satisfaction: 'record-satisfaction',
  erasure: 'request-erasure',
};

/**
 * The complainant's side: `GET /v1/track/{token}` and its steps as JSON, and the same as a page at
 * `/track/{token}` that works without JavaScript. A wrong, revoked or erased token gets the same
 * 404 as any other; look-ups are rate-limited per client address.
 */
export function trackRoutes(deps: AppDeps) {
  const app = new Hono<TrackEnv>();

  app.get(honoPath(TRACK_DOCS.css), (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(TRACK_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  const limit = async (c: Context<TrackEnv>, next: () => Promise<void>) => {
    const address = clientAddressOf(deps, c);
    const at = deps.clock();
    if (!(await withinLimit(deps.db, `track:${addressNetwork(address)}`, TRACK_LIMIT, at))) {
      c.header('Retry-After', String(retryAfter(TRACK_LIMIT, at)));
      throw new ApiError(429, 'rate_limited');
    }
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    if (!c.req.path.startsWith('/v1/')) c.header('Content-Security-Policy', pageCsp());
    await next();
  };
  app.use('/v1/track/*', limit);
  app.use('/track/*', limit);

  async function open(token: string) {
    const complaint = await complaintForToken(deps.db, token, deps.clock());
    if (!complaint) return null;
    const row = await deps.db.query.tenants.findFirst({
      where: eq(tenants.id, complaint.tenantId),
    });
    if (!row) return null;
    const tenant = tenantOfRow(row);
    return { complaint, tenant };
  }

  const askedLocale = (c: Context): Locale | null => {
    const asked = c.req.query('lang');
    return asked === 'nl' || asked === 'en' ? asked : null;
  };
  // The language the complaint was filed in; for one filed before that was kept, the tenant's.
  const filedIn = (found: Tracked): Locale => {
    const locale = found.complaint.locale;
    return locale === 'nl' || locale === 'en' ? locale : found.tenant.procedure.locale;
  };
  /** The page speaks the complaint's language, whatever the browser's; `?lang=` switches. */
  const pageLocale = (c: Context, found: Tracked): Locale => askedLocale(c) ?? filedIn(found);
  /** The JSON answers follow Accept-Language like the rest of the API, then the complaint's. */
  const apiLocale = (c: Context, found: Tracked): Locale =>
    askedLocale(c) ?? pickLocale(c.req.header('Accept-Language'), filedIn(found));
  const localeOf = (c: Context, found: Tracked): Locale =>
    c.req.path.startsWith('/v1/') ? apiLocale(c, found) : pageLocale(c, found);
  // A link that opens nothing has no complaint to take the language from: the browser's.
  const invalid = (c: Context) =>
    pages().then(({ invalidPage }) =>
      c.html(invalidPage(askedLocale(c) ?? pickLocale(c.req.header('Accept-Language'), 'nl')), 404),
    );

  // The link's token is checked before anything of the body is read, and the body is bounded.
  const opened = async (c: Context<TrackEnv>, next: () => Promise<void>) => {
    const found = await open(c.req.param('token') ?? '');
    if (!found) {
      if (c.req.path.startsWith('/v1/')) throw new ApiError(404, 'not_found');
      return invalid(c);
    }
    c.set('tracked', found);
    await next();
  };
  app.post(honoPath(TRACK_DOCS.step), opened, limitBody(BODY_LIMITS.tracking));
  app.post(honoPath(TRACK_DOCS.pageStep), opened, limitBody(BODY_LIMITS.tracking));

  const viewOf = (c: Context, found: Tracked) =>
    trackingView(
      deps.db,
      found.complaint,
      { slug: found.tenant.slug, name: found.tenant.name, publicUrl: deps.config.publicUrl },
      found.tenant.procedure,
      localeOf(c, found),
      deps.clock(),
    );

  async function step(c: Context<TrackEnv>, name: string, body: unknown) {
    const found = c.get('tracked');
    // Own keys only: `constructor` or `toString` in the path is no step.
    const action = Object.hasOwn(STEPS, name) ? STEPS[name] : undefined;
    if (!action) throw new ApiError(404, 'not_found');
    if (action === 'file-appeal' && !found.tenant.procedure.appeal.enabled) {
      throw new ApiError(409, 'appeal_not_available');
    }
    await performStep(deps.db, {
      tenant: found.tenant,
      number: found.complaint.number,
      action,
      body,
      actor: { kind: 'public' },
      now: deps.clock(),
      locale: localeOf(c, found),
      idempotencyKey: c.req.header('Idempotency-Key') ?? null,
      links: { base: deps.config.publicUrl, secretKey: deps.config.secretKey },
    });
    const complaint = await findComplaint(deps.db, found.tenant.id, found.complaint.number);
    return { tenant: found.tenant, complaint };
  }

  app.get(honoPath(TRACK_DOCS.view), async (c) => {
    const found = await open(c.req.param('token'));
    if (!found) throw new ApiError(404, 'not_found');
    return c.json(await viewOf(c, found));
  });

  app.post(honoPath(TRACK_DOCS.step), async (c) => {
    const name = c.req.param('step');
    const raw = await readJson(c);
    const body =
      name === 'appeal'
        ? await parseOr422(appealBodySchema, raw, c)
        : name === 'satisfaction'
          ? await parseOr422(satisfactionBodySchema, raw, c)
          : {};
    const view = await viewOf(c, await step(c, name, body));
    const status = name === 'appeal' ? 201 : name === 'erasure' ? 202 : 200;
    return c.json(view, status);
  });

  app.get(honoPath(TRACK_DOCS.page), async (c) => {
    const found = await open(c.req.param('token'));
    if (!found) return invalid(c);
    const view = await viewOf(c, found);
    const done = c.req.query('done');
    const confirmErasure = c.req.query('confirm') === 'erasure';
    const page = { path: `/track/${c.req.param('token')}`, asked: askedLocale(c) };
    const { trackingPage } = await pages();
    return c.html(trackingPage(view, pageLocale(c, found), page, { done, confirmErasure }));
  });

  // The page's forms post here and come back to the page (post/redirect/get).
  app.post(honoPath(TRACK_DOCS.pageStep), async (c) => {
    const token = c.req.param('token');
    const name = c.req.param('step');
    const form = await c.req.parseBody().catch((err) => {
      // Past the body limit is a 413 (limitBody's); anything else unreadable a 400.
      throw err instanceof ApiError ? err : new ApiError(400, 'bad_request');
    });
    const body =
      name === 'appeal'
        ? { grounds: String(form.grounds ?? '') }
        : name === 'satisfaction'
          ? {
              // No choice made is no answer (422), not a "no".
              satisfied:
                form.satisfied === 'true' ? true : form.satisfied === 'false' ? false : null,
              ...(String(form.comment ?? '').trim() ? { comment: String(form.comment) } : {}),
            }
          : {};
    const lang = askedLocale(c);
    const back = `/track/${token}?${lang ? `lang=${lang}&` : ''}`;
    try {
      await step(c, name, body);
    } catch (err) {
      const found = c.get('tracked');
      if (!(err instanceof ApiError) || err.status === 404) throw err;
      const locale = pageLocale(c, found);
      const view = await viewOf(c, found);
      // What the complainant typed is shown again, not lost, with the form's error pattern.
      const { fieldProblems, trackingPage } = await pages();
      const typed = body as Record<string, unknown>;
      const state = err.fields
        ? { fields: fieldProblems(err.fields, typed, locale) }
        : { error: ERROR_MESSAGES[err.code][locale] };
      const kept = (field: string) =>
        typeof typed[field] === 'string' ? (typed[field] as string) : undefined;
      return c.html(
        trackingPage(
          view,
          locale,
          { path: `/track/${token}`, asked: lang },
          { ...state, grounds: kept('grounds'), comment: kept('comment') },
        ),
        err.status === 422 ? 422 : 409,
      );
    }
    return c.redirect(`${back}done=${name}`, 303);
  });

  return app;
}
