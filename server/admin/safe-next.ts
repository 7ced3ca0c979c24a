/** Any origin will do: only paths are compared, and a `next` that names an origin is refused. */
const NOWHERE = 'http://admin.invalid';

/** A control character (C0 or DEL) or a backslash. */
const refused = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f || ch === '\\';
};

/**
 * The page to return to after signing in: `next` when it is a path inside this tenant's admin
 * view, percent-encoded as a Location header needs it (spaces and non-ASCII included), else the
 * register. Control characters and backslashes are refused rather than cleaned (the URL parser
 * would drop a CR, LF or tab silently and go somewhere else than asked); `..` and `%2e%2e` are
 * resolved before the check.
 */
export function safeNext(slug: string, next: string | undefined): string {
  const home = `/admin/${slug}/complaints`;
  if (!next?.startsWith('/') || [...next].some(refused)) return home;
  let url: URL;
  try {
    url = new URL(next, NOWHERE);
  } catch {
    return home;
  }
  const path = url.pathname;
  if (url.origin !== NOWHERE || !path.startsWith(`/admin/${slug}/`)) return home;
  if (path.includes('//') || path.includes('sign-in')) return home;
  return `${path}${url.search}`;
}
