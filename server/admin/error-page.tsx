import { HTTPException } from 'hono/http-exception';
import { ERROR_MESSAGES } from '../http/error-messages';
import { ApiError, logError, routeOf } from '../http/errors';
import { type AdminContext, forbiddenPage, notFoundPage, PageError } from './admin-context';
import { Page, render, staffPage } from './layout';

/** The posted form's text fields. */
export async function formValues(c: AdminContext): Promise<Record<string, string>> {
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

/** The admin view's one error path: an HTML page in Dutch, never JSON. */
export function errorPage(err: Error, c: AdminContext): Promise<Response> {
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
      <Page title="Er ging iets mis">
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
    <Page title={page.title} tenantName={tenant?.name} slug={tenant?.slug}>
      {body}
      {page.status === 404 ? (
        <p>
          <a href="/admin">Zoek de aanmeldpagina van uw organisatie</a>
        </p>
      ) : null}
    </Page>,
    page.status,
  );
}
