import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { amsterdamDate } from '../../shared/deadlines';
import { ACTIONS, type Action } from '../../shared/lifecycle';
import { checkStepFiles } from '../complaints/attachments';
import { findComplaint } from '../complaints/complaint-records';
import { performStep } from '../complaints/perform-step';
import { type AppDeps, clientAddressOf } from '../deps';
import { honoPath } from '../docs/route-doc';
import { ERROR_MESSAGES } from '../http/error-messages';
import { ApiError } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { requeueFailed } from '../mail/relay';
import { anonymisedCsv } from '../reports/csv-export';
import { createStaff, createStaffSchema, findStaff, updateStaff } from '../staff/accounts';
import { isAdmin, mayPerform, mayRegister, roleRules } from '../staff/policy';
import { checkCsrf, csrfToken, endSession, findSession, sessionCookie } from '../staff/sessions';
import { PasswordCheckGate, signIn } from '../staff/sign-in';
import { findTenant } from '../tenants/tenants';
import { actionBody } from './action-forms';
import {
  type AdminContext,
  type AdminEnv,
  base,
  forbiddenPage,
  notFoundPage,
  staffActor,
} from './admin-context';
import { formFiles, formValues, limitAdminBody } from './admin-form';
import { ADMIN_DOCS, ADMIN_MOUNT } from './admin-route-docs';
import { complaintPage, handlerChoices } from './complaint-page';
import { errorPage } from './error-page';
import { findPage } from './find-page';
import { integrationPages } from './integration-pages';
import { letterRoutes } from './letter-routes';
import { newComplaintPage, submitFromForm } from './new-complaint-page';
import { outboxPage } from './outbox-page';
import { registerPage } from './register-page';
import { reportsPage } from './reports-page';
import { safeNext } from './safe-next';
import { settingsPage } from './settings-page';
import { signInPage } from './sign-in-page';

/** A route's path within the admin sub-app, from its documentation. */
const at = <P extends string>(doc: { path: P }) => honoPath(doc, ADMIN_MOUNT);

/**
 * The admin view under `/admin/{slug}/…`: server-rendered pages and plain forms, no script. Every
 * page but sign-in needs a session of this tenant (another tenant's session gets 404); every form
 * carries the session's CSRF token, and `csrf()` also checks that posts come from this origin.
 */
export function adminRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const cookie = sessionCookie(deps.config.publicUrl);
  const passwordChecks = new PasswordCheckGate();
  app.onError(errorPage);

  app.get('/', (c) => {
    c.set('locale', 'nl');
    return findPage(c, deps);
  });

  app.use('/:slug/*', async (c, next) => {
    c.set('locale', 'nl');
    c.set('today', amsterdamDate(deps.clock()));
    const tenant = await findTenant(deps.db, c.req.param('slug'));
    if (!tenant) throw notFoundPage();
    c.set('tenant', tenant);
    await next();
  });
  app.use('/:slug/*', csrf());
  app.use('/:slug/*', limitAdminBody());

  app.get(at(ADMIN_DOCS.signInPage), async (c) => {
    const tenant = c.get('tenant');
    const token = cookie.read(c);
    const session = token ? await findSession(deps.db, token, deps.clock()) : null;
    if (session?.tenantId === tenant.id) return c.redirect(`${base(c)}/complaints`, 303);
    return signInPage(c, tenant, {
      next: c.req.query('next'),
      signedOut: c.req.query('afgemeld') === '1',
    });
  });

  app.post(at(ADMIN_DOCS.signIn), async (c) => {
    const tenant = c.get('tenant');
    const form = await formValues(c);
    const email = (form.email ?? '').slice(0, 254);
    const result = await signIn(deps.db, passwordChecks, {
      tenantId: tenant.id,
      email,
      password: (form.password ?? '').slice(0, 200),
      address: clientAddressOf(deps, c),
      now: deps.clock(),
    });
    if (!result.ok) return signInPage(c, tenant, { email, next: form.next, failed: true });
    // Decided before the session is set: no `next` can fail the answer once it carries a cookie.
    const back = safeNext(tenant.slug, form.next);
    const previous = cookie.read(c);
    if (previous) await endSession(deps.db, previous);
    cookie.set(c, result.token);
    return c.redirect(back, 303);
  });

  app.use('/:slug/*', async (c, next) => {
    const tenant = c.get('tenant');
    const token = cookie.read(c);
    const session = token ? await findSession(deps.db, token, deps.clock()) : null;
    if (!token || !session) {
      const back = c.req.method === 'GET' ? new URL(c.req.url) : null;
      const query = back ? `?next=${encodeURIComponent(back.pathname + back.search)}` : '';
      return c.redirect(`/admin/${tenant.slug}/sign-in${query}`, 303);
    }
    if (session.tenantId !== tenant.id) throw notFoundPage();
    c.set('staff', session);
    c.set('actor', staffActor(c));
    c.set('csrf', await csrfToken(token));
    if (c.req.method === 'POST') {
      const form = await formValues(c);
      if (!(await checkCsrf(token, form._csrf))) {
        throw forbiddenPage(
          'Dit formulier is verlopen of niet compleet. ' +
            'Ga terug, laad de pagina opnieuw en probeer het nog eens.',
        );
      }
    }
    await next();
  });

  const adminOnly = (c: AdminContext) => {
    if (!isAdmin(c.get('staff'))) throw forbiddenPage('Deze pagina is alleen voor beheerders.');
  };

  app.get(at(ADMIN_DOCS.home), (c) => c.redirect(`${base(c)}/complaints`, 303));

  app.post(at(ADMIN_DOCS.signOut), async (c) => {
    const token = cookie.read(c);
    if (token) await endSession(deps.db, token);
    cookie.clear(c);
    return c.redirect(`${base(c)}/sign-in?afgemeld=1`, 303);
  });

  app.get(at(ADMIN_DOCS.register), (c) => registerPage(c, deps, deps.clock()));

  app.get(at(ADMIN_DOCS.newComplaint), (c) => {
    if (!mayRegister(c.get('staff'))) throw forbiddenPage('Uw rol registreert geen klachten.');
    return newComplaintPage(c);
  });

  app.post(at(ADMIN_DOCS.submit), async (c) => {
    if (!mayRegister(c.get('staff'))) throw forbiddenPage('Uw rol registreert geen klachten.');
    return submitFromForm(c, deps, await formValues(c), await formFiles(c));
  });

  app.get(at(ADMIN_DOCS.complaint), (c) => complaintPage(c, deps, deps.clock()));

  app.post(at(ADMIN_DOCS.step), async (c) => {
    const action = c.req.param('action') as Action;
    if (!ACTIONS.includes(action)) throw notFoundPage();
    const tenant = c.get('tenant');
    const number = c.req.param('number');
    const row = await findComplaint(deps.db, tenant.id, number);
    if (!mayPerform(c.get('staff'), action, row, roleRules(tenant.procedure))) {
      throw forbiddenPage('Uw rol staat deze handeling bij deze klacht niet toe.');
    }
    const values = await formValues(c);
    const body = actionBody(action, values, await handlerChoices(deps.db, tenant));
    try {
      const files = checkStepFiles(await formFiles(c), tenant.procedure, 'nl');
      await performStep(deps.db, {
        tenant,
        number,
        action,
        body,
        actor: staffActor(c),
        now: deps.clock(),
        locale: 'nl',
        idempotencyKey: values._key ? `admin:${values._key}` : null,
        links: { base: deps.config.publicUrl, secretKey: deps.config.secretKey },
        files,
      });
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 422 && err.status !== 409)) throw err;
      const errors =
        err.status === 422 && err.fields ? err.fields : { _: ERROR_MESSAGES[err.code].nl };
      return complaintPage(c, deps, deps.clock(), { action, values, errors });
    }
    return c.redirect(`${base(c)}/complaints/${number}?gedaan=${action}#acties`, 303);
  });

  app.get(at(ADMIN_DOCS.reports), (c) => reportsPage(c, deps, deps.clock()));

  app.get(at(ADMIN_DOCS.csv), async (c) => {
    const tenant = c.get('tenant');
    const year = Number(c.req.query('year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw notFoundPage();
    const csv = await anonymisedCsv(
      deps.db,
      tenant.id,
      tenant.procedure,
      year,
      c.req.query('includeText') === 'true',
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="klachten-${tenant.slug}-${year}.csv"`);
    return c.body(csv);
  });

  app.get(at(ADMIN_DOCS.settings), (c) => {
    adminOnly(c);
    return settingsPage(c, deps);
  });

  app.post(at(ADMIN_DOCS.addStaff), async (c) => {
    adminOnly(c);
    const values = await formValues(c);
    const parsed = createStaffSchema.safeParse(
      {
        name: values.name,
        email: values.email,
        role: values.role,
        password: values.password ? values.password : undefined,
      },
      { reportInput: true },
    );
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, 'nl');
      return settingsPage(c, deps, { values: { ...values, password: '' }, errors }, 422);
    }
    try {
      const created = await createStaff(deps.db, c.get('tenant').id, parsed.data);
      return settingsPage(c, deps, {
        created: { name: created.row.name, email: created.row.email, password: created.password },
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code !== 'email_taken' && err.code !== 'name_taken') throw err;
      const field = err.code === 'email_taken' ? 'email' : 'name';
      const errors: Record<string, string> = { [field]: ERROR_MESSAGES[err.code].nl };
      return settingsPage(c, deps, { values: { ...values, password: '' }, errors }, 409);
    }
  });

  const setDisabled = (disabled: boolean) => async (c: AdminContext) => {
    adminOnly(c);
    const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id') ?? '');
    try {
      await updateStaff(deps.db, row, { disabled }, deps.clock());
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'last_admin') throw err;
      return settingsPage(c, deps, { notice: ERROR_MESSAGES.last_admin.nl }, 409);
    }
    if (row.id === c.get('staff').staffId && disabled) {
      cookie.clear(c);
      return c.redirect(`${base(c)}/sign-in`, 303);
    }
    const notice = `${row.name} is ${disabled ? 'uitgeschakeld' : 'ingeschakeld'}.`;
    return settingsPage(c, deps, { notice });
  };
  app.post(at(ADMIN_DOCS.disableStaff), setDisabled(true));
  app.post(at(ADMIN_DOCS.enableStaff), setDisabled(false));

  app.get(at(ADMIN_DOCS.outbox), (c) => {
    adminOnly(c);
    return outboxPage(c, deps);
  });
  app.post(at(ADMIN_DOCS.retry), async (c) => {
    adminOnly(c);
    const count = await requeueFailed(deps.db, c.get('tenant').id);
    return outboxPage(c, deps, `${count} bericht(en) staan weer klaar om te versturen.`);
  });

  integrationPages(app, deps, adminOnly);
  app.route('/', letterRoutes(deps));

  // Any other address inside a tenant's admin view: the view's own 404 page, with its menu.
  app.all('/:slug/*', () => {
    throw notFoundPage();
  });

  return app;
}
