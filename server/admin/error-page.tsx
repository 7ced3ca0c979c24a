import { HTTPException } from 'hono/http-exception';
import { ERROR_MESSAGES } from '../http/error-messages';
import { ApiError, logError, routeOf } from '../http/errors';
import { type AdminContext, forbiddenPage, notFoundPage, PageError } from './admin-context';
import { Page, render, staffPage } from './layout';

function isPageStatus(status: number): status is PageError['status'] {
  return [400, 403, 404, 409, 413, 429].includes(status);
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
  } else if (err instanceof ApiError && isPageStatus(err.status)) {
    // A form that cannot be read, a conflict, too many tries: the sender's to mend, not ours.
    page = new PageError(
      err.status,
      err.status === 429 ? 'Even wachten' : 'Dit lukte niet',
      err.status === 400
        ? 'Het formulier kon niet worden gelezen. Ga terug, laad de pagina opnieuw en probeer het nog eens.'
        : ERROR_MESSAGES[err.code].nl,
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
