import { OPERATOR_TOKEN, type TestApp } from './helpers';

/** The origin the admin view's forms are posted from in tests (its own). */
export const ADMIN_ORIGIN = 'http://localhost';

/** Creates a tenant from its preset with a first admin; returns its API key and password. */
export async function tenantWithAdmin(t: TestApp, slug: string, email = 'admin@example.nl') {
  const res = await t.json(
    'POST',
    '/v1/tenants',
    { slug, name: `Tenant ${slug}`, preset: slug, admin: { email, name: 'Ad Min' } },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  if (res.status !== 201) throw new Error(`tenant ${slug}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { key: body.apiKey as string, email, password: body.admin.password as string };
}

/** Posts a form as the admin view's own pages do. */
export function postForm(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ADMIN_ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

/** Signs in and returns the session cookie (`name=value`), or '' when refused. */
export async function signInCookie(
  t: TestApp,
  slug: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const res = await postForm(t, `/admin/${slug}/sign-in`, { email, password }, headers);
  if (res.status !== 303) return '';
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

/** The CSRF token the page at `path` hands this session's forms. */
export async function csrfOf(t: TestApp, path: string, cookie: string) {
  const page = await (await t.app.request(path, { headers: { Cookie: cookie } })).text();
  return page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
}
