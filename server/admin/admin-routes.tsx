import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { ACTIONS, type Action } from '../../shared/lifecycle';
import { findComplaint } from '../complaints/complaint-records';
import { performStep } from '../complaints/perform-step';
import { type AppDeps, clientAddressOf } from '../deps';
import { BODY_LIMITS } from '../http/body';
import { ERROR_MESSAGES } from '../http/error-messages';
import { ApiError, logError, routeOf } from '../http/errors';
import { fieldErrors } from '../http/validation';
import { requeueFailed } from '../mail/relay';
import { anonymisedCsv } from '../reports/monthly-report';
import { createStaff, createStaffSchema, findStaff, updateStaff } from '../staff/accounts';
import { isAdmin, mayPerform, mayRegister } from '../staff/policy';
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
  PageError,
  staffActor,
} from './admin-context';
import { complaintView, handlerChoices } from './complaint-page';
import { Page, render, staffPage } from './layout';
import { newComplaintView, submitFromForm } from './new-complaint-page';
import { outboxView } from './outbox-page';
import { registerView } from './register-page';
import { reportsView } from './reports-page';
import { settingsView } from './settings-page';
import { signInPage } from './sign-in-page';

async function formValues(c: AdminContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => {
    throw new ApiError(400, 'bad_request');
  });
  // No prototype, so a field named __proto__ or constructor is just a field nobody reads.
  const values: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

function errorPage(err: Error, c: AdminContext): Promise<Response> {
  let page: PageError;
  if (err instanceof PageError) page = err;
  else if (err instanceof ApiError && err.status === 404) page = notFoundPage();
  else if (err instanceof HTTPException && err.status === 403) {
    page = forbiddenPage(
      'Dit formulier kwam niet van deze website of is verlopen. ' +
        'Ga terug, laad de pagina opnieuw en probeer het nog eens.',
    );
  } else {
    logError(routeOf(c), err);
    return render(
      c,
      <Page title="Er ging iets mis" tenantName="Klachtenregeling" slug="">
        <p>{ERROR_MESSAGES.internal.nl}</p>
      </Page>,
      500,
    );
  }
  const body = <p>{page.text}</p>;
  if (c.get('staff')) return staffPage(c, page.title, undefined, body, page.status);
  const tenant = c.get('tenant');
  return render(
    c,
    <Page
      title={page.title}
      tenantName={tenant?.name ?? 'Klachtenregeling'}
      slug={tenant?.slug ?? ''}
    >
      {body}
    </Page>,
    page.status,
  );
}

/** A path inside this tenant's admin to return to after signing in; anything else is ignored. */
function safeNext(slug: string, next: string | undefined): string {
  const home = `/admin/${slug}/complaints`;
  if (!next?.startsWith(`/admin/${slug}/`) || /\/\/|\\|sign-in/.test(next)) return home;
  return next;
}

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

  app.use('/:slug/*', async (c, next) => {
    c.set('locale', 'nl');
    const tenant = await findTenant(deps.db, c.req.param('slug'));
    if (!tenant) throw notFoundPage();
    c.set('tenant', tenant);
    await next();
  });
  app.use('/:slug/*', csrf());
  app.use(
    '/:slug/*',
    bodyLimit({
      maxSize: BODY_LIMITS.adminForm,
      onError: () => {
        throw new PageError(413, 'Te groot', 'Het formulier is te groot om te versturen.');
      },
    }),
  );

  app.get('/:slug/sign-in', async (c) => {
    const tenant = c.get('tenant');
    const token = cookie.read(c);
    const session = token ? await findSession(deps.db, token, deps.clock()) : null;
    if (session?.tenantId === tenant.id) return c.redirect(`${base(c)}/complaints`, 303);
    return signInPage(c, tenant, {
      next: c.req.query('next'),
      signedOut: c.req.query('afgemeld') === '1',
    });
  });

  app.post('/:slug/sign-in', async (c) => {
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
    const previous = cookie.read(c);
    if (previous) await endSession(deps.db, previous);
    cookie.set(c, result.token);
    return c.redirect(safeNext(tenant.slug, form.next), 303);
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

  app.get('/:slug', (c) => c.redirect(`${base(c)}/complaints`, 303));

  app.post('/:slug/sign-out', async (c) => {
    const token = cookie.read(c);
    if (token) await endSession(deps.db, token);
    cookie.clear(c);
    return c.redirect(`${base(c)}/sign-in?afgemeld=1`, 303);
  });

  app.get('/:slug/complaints', (c) => registerView(c, deps, deps.clock()));

  app.get('/:slug/complaints/new', (c) => {
    if (!mayRegister(c.get('staff'))) throw forbiddenPage('Uw rol registreert geen klachten.');
    return newComplaintView(c);
  });

  app.post('/:slug/complaints', async (c) => {
    if (!mayRegister(c.get('staff'))) throw forbiddenPage('Uw rol registreert geen klachten.');
    return submitFromForm(c, deps, await formValues(c));
  });

  app.get('/:slug/complaints/:number', (c) => complaintView(c, deps, deps.clock()));

  app.post('/:slug/complaints/:number/actions/:action', async (c) => {
    const action = c.req.param('action') as Action;
    if (!ACTIONS.includes(action)) throw notFoundPage();
    const tenant = c.get('tenant');
    const number = c.req.param('number');
    const row = await findComplaint(deps.db, tenant.id, number);
    if (!mayPerform(c.get('staff'), action, row)) {
      throw forbiddenPage('Uw rol staat deze handeling bij deze klacht niet toe.');
    }
    const values = await formValues(c);
    const body = actionBody(action, values, await handlerChoices(deps.db, tenant.id));
    try {
      await performStep(deps.db, {
        tenant,
        number,
        action,
        body,
        actor: staffActor(c),
        now: deps.clock(),
        locale: 'nl',
        idempotencyKey: values._key ? `admin:${values._key}` : null,
      });
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 422 && err.status !== 409)) throw err;
      const errors =
        err.status === 422 && err.fields ? err.fields : { _: ERROR_MESSAGES[err.code].nl };
      return complaintView(c, deps, deps.clock(), { action, values, errors });
    }
    return c.redirect(`${base(c)}/complaints/${number}?gedaan=${action}#acties`, 303);
  });

  app.get('/:slug/reports', (c) => reportsView(c, deps, deps.clock()));

  app.get('/:slug/reports/complaints.csv', async (c) => {
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

  app.get('/:slug/settings', (c) => {
    adminOnly(c);
    return settingsView(c, deps);
  });

  app.post('/:slug/settings/staff', async (c) => {
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
      return settingsView(c, deps, { values: { ...values, password: '' }, errors }, 422);
    }
    try {
      const created = await createStaff(deps.db, c.get('tenant').id, parsed.data);
      return settingsView(c, deps, {
        created: { name: created.row.name, email: created.row.email, password: created.password },
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'email_taken') throw err;
      const errors = { email: ERROR_MESSAGES.email_taken.nl };
      return settingsView(c, deps, { values: { ...values, password: '' }, errors }, 409);
    }
  });

  const setDisabled = (disabled: boolean) => async (c: AdminContext) => {
    adminOnly(c);
    const row = await findStaff(deps.db, c.get('tenant').id, c.req.param('id') ?? '');
    try {
      await updateStaff(deps.db, row, { disabled }, deps.clock());
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'last_admin') throw err;
      return settingsView(c, deps, { notice: ERROR_MESSAGES.last_admin.nl }, 409);
    }
    if (row.id === c.get('staff').staffId && disabled) {
      cookie.clear(c);
      return c.redirect(`${base(c)}/sign-in`, 303);
    }
    const notice = `${row.name} is ${disabled ? 'uitgeschakeld' : 'ingeschakeld'}.`;
    return settingsView(c, deps, { notice });
  };
  app.post('/:slug/settings/staff/:id/disable', setDisabled(true));
  app.post('/:slug/settings/staff/:id/enable', setDisabled(false));

  app.get('/:slug/outbox', (c) => {
    adminOnly(c);
    return outboxView(c, deps);
  });
  app.post('/:slug/outbox/retry', async (c) => {
    adminOnly(c);
    const count = await requeueFailed(deps.db, c.get('tenant').id);
    return outboxView(c, deps, `${count} bericht(en) staan weer klaar om te versturen.`);
  });

  return app;
}
