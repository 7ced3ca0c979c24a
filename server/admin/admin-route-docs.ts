import { type RouteDoc, routeDoc } from '../docs/route-doc';

/** Where the admin view is mounted. */
export const ADMIN_MOUNT = '/admin';
const ADMIN_PATH = `${ADMIN_MOUNT}/{slug}`;

/** The admin view's pages and forms: HTML, a staff session, and its CSRF token on posts. */
function adminPage<const P extends string>(
  method: 'get' | 'post',
  path: P,
  summary: string,
  errors: number[] = [404],
) {
  return routeDoc({
    method,
    path: `${ADMIN_PATH}${path}` as `${typeof ADMIN_PATH}${P}`,
    summary,
    tag: 'Admin view',
    auth: path === '/sign-in' ? 'public' : 'staffSession',
    ok: {
      status: method === 'get' ? 200 : 303,
      description: 'HTML page or redirect',
      contentType: 'text/html',
    },
    errors,
  });
}

export const ADMIN_DOCS = {
  find: routeDoc({
    method: 'get',
    path: ADMIN_MOUNT,
    summary:
      "Admin view: find your organisation's sign-in page by short name or name (?organisatie=)",
    tag: 'Admin view',
    auth: 'public',
    ok: {
      status: 200,
      description: 'HTML page, or 303 to the sign-in page',
      contentType: 'text/html',
    },
    errors: [404],
  }),
  signInPage: adminPage('get', '/sign-in', 'Admin view: the sign-in page'),
  signIn: adminPage(
    'post',
    '/sign-in',
    'Admin view: sign in with e-mail and password',
    [401, 403, 404],
  ),
  home: adminPage('get', '', 'Admin view: goes to the register'),
  signOut: adminPage('post', '/sign-out', 'Admin view: sign out', [403, 404]),
  register: adminPage('get', '/complaints', 'Admin view: the register with filters'),
  newComplaint: adminPage(
    'get',
    '/complaints/new',
    'Admin view: register a complaint received by phone, …',
  ),
  submit: adminPage(
    'post',
    '/complaints',
    'Admin view: register the complaint',
    [403, 404, 409, 422],
  ),
  complaint: adminPage(
    'get',
    '/complaints/{number}',
    'Admin view: one complaint and its action forms',
  ),
  step: adminPage(
    'post',
    '/complaints/{number}/actions/{action}',
    'Admin view: perform one lifecycle step',
    [403, 404, 409, 422],
  ),
  letters: adminPage('get', '/letters', 'Admin view: letters to print and post'),
  markPosted: adminPage(
    'post',
    '/letters/{id}/posted',
    'Admin view: mark a letter as posted',
    [403, 404, 409],
  ),
  reports: adminPage('get', '/reports', 'Admin view: the monthly report with bar charts'),
  csv: routeDoc({
    ...adminPage('get', '/reports/complaints.csv', 'Admin view: the anonymised CSV export'),
    ok: { status: 200, description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' },
  }),
  settings: adminPage(
    'get',
    '/settings',
    'Admin view: procedure, staff and embed code (admins)',
    [403, 404],
  ),
  addStaff: adminPage(
    'post',
    '/settings/staff',
    'Admin view: add a staff member',
    [403, 404, 409, 422],
  ),
  disableStaff: adminPage(
    'post',
    '/settings/staff/{id}/disable',
    'Admin view: disable an account',
    [403, 404],
  ),
  enableStaff: adminPage(
    'post',
    '/settings/staff/{id}/enable',
    'Admin view: re-enable an account',
    [403, 404],
  ),
  outbox: adminPage(
    'get',
    '/outbox',
    'Admin view: messages and their delivery status (admins)',
    [403, 404],
  ),
  retry: adminPage(
    'post',
    '/outbox/retry',
    'Admin view: send failed messages again (admins)',
    [403, 404],
  ),
  webhooks: adminPage(
    'get',
    '/webhooks',
    'Admin view: webhook endpoints and their delivery logs (admins)',
    [403, 404],
  ),
  resendWebhook: adminPage(
    'post',
    '/webhooks/deliveries/{id}/resend',
    'Admin view: send a webhook delivery again (admins)',
    [403, 404],
  ),
  inboundMail: adminPage(
    'get',
    '/inbound-mail',
    'Admin view: e-mail that could not be taken in, kept for staff (admins)',
    [403, 404],
  ),
  inboundMessage: routeDoc({
    ...adminPage(
      'get',
      '/inbound-mail/{id}/message',
      'Admin view: a set-aside message as .eml (admins)',
      [403, 404],
    ),
    ok: { status: 200, description: 'The message as received', contentType: 'message/rfc822' },
  }),
  discardInbound: adminPage(
    'post',
    '/inbound-mail/{id}/discard',
    'Admin view: discard a set-aside message (admins)',
    [403, 404],
  ),
};
export const adminDocs: RouteDoc[] = Object.values(ADMIN_DOCS);
