import { raw } from 'hono/html';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { calendarHorizonWarning } from '../../shared/deadlines';
import type { StaffSession } from '../staff/sessions';
import type { AdminContext } from './admin-context';
import { ROLE_LABELS } from './labels';

// Plain system styles, all contrast ratios at least 4.5:1; states are always said in words too.
const CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:#1a1a1a;background:#fff;overflow-wrap:break-word}
h1{font-size:clamp(1.5rem,1rem + 2.5vw,2rem);line-height:1.25;overflow-wrap:anywhere}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus,.wide:focus{
  outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header{background:#12355b;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;
  gap:.5rem 1rem;align-items:center}
header a{color:#fff}
header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header form{margin:0 0 0 auto;display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center}
header button{background:#fff;color:#12355b;border:0;padding:.25rem .75rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
.wide{overflow-x:auto;margin-block:1rem;container-type:inline-size}
.wide table{margin:0}
.wide caption{max-width:100cqi}
td.text{min-width:16rem}
table{border-collapse:collapse;width:100%;margin-block:1rem}
caption{text-align:left;font-weight:700;padding-block:.5rem}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
td.num,th.num{text-align:right}
th[scope=row] a{white-space:nowrap}
.flag{display:inline-block;padding:0 .35rem;border:2px solid;font-weight:700;margin-left:.35rem}
.late{color:#a50e0e}
.soon{color:#7a4100}
.notice{border-left:6px solid #0b6b3a;background:#eef7f1;padding:.5rem 1rem;margin-block:1rem}
.warning{border-left:6px solid #8a5300;background:#fff4e0;padding:.5rem 1rem;margin-block:1rem}
.errors{border:3px solid #a50e0e;padding:.5rem 1rem;margin-block:1rem}
.errors h2,.errors h3{margin-top:0;color:#a50e0e}
.field{margin-block:.75rem}
.field label,.field legend{display:block;font-weight:600}
.field .hint{color:#4a4a4a;font-size:.9rem}
.field .error{color:#a50e0e;font-weight:600}
fieldset{border:1px solid #767676;margin-block:.75rem;min-width:0}
fieldset.inline label{display:inline;font-weight:400;margin-right:1rem}
input,select,textarea{font:inherit;padding:.35rem;border:2px solid #595959;max-width:100%}
input[type=text],input[type=email],input[type=password],input[type=date],
  input[type=datetime-local],textarea,select{width:32rem}
textarea{min-height:6rem}
button{font:inherit;padding:.4rem 1rem;background:#12355b;color:#fff;border:2px solid #12355b;
  cursor:pointer;max-width:100%}
details{border:1px solid #767676;padding:.5rem 1rem;margin-block:.75rem}
summary{font-weight:600;cursor:pointer}
dl.fields{display:grid;grid-template-columns:minmax(10rem,16rem) minmax(0,1fr);gap:.25rem 1rem}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
ol.timeline{padding-left:1.5rem}
ol.timeline li{margin-block:.5rem}
pre{background:#f4f4f4;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}
code{overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:end}
.filters>*{min-width:0;max-width:100%}
.filters .field input,.filters .field select{width:auto}
figure{margin:1rem 0}
.chart ul{list-style:none;margin:.5rem 0;padding:0;max-width:40rem;display:grid;
  grid-template-columns:fit-content(50%) minmax(0,1fr) auto;gap:.25rem .5rem}
.chart li{display:grid;grid-column:1/-1;grid-template-columns:subgrid;align-items:center}
.chart-label{hyphens:auto}
.chart-track{display:block;height:1.25rem;border-left:1px solid #1a1a1a}
.chart-bar{display:block;height:100%;background:#12355b}
.chart-value{text-align:right;font-variant-numeric:tabular-nums}
figcaption{font-weight:700}
@media (max-width:40rem){
  dl.fields{grid-template-columns:minmax(0,1fr)}
  dl.fields dd{margin-bottom:.5rem}
}
@media (forced-colors:active){.chart-bar{forced-color-adjust:none;background:CanvasText}}
`;

export interface NavItem {
  href: string;
  label: string;
  key: string;
}

export function navItems(slug: string, staff: StaffSession): NavItem[] {
  const base = `/admin/${slug}`;
  const items: NavItem[] = [{ href: `${base}/complaints`, label: 'Register', key: 'register' }];
  if (staff.role === 'receiver' || staff.role === 'admin') {
    items.push({ href: `${base}/complaints/new`, label: 'Klacht registreren', key: 'new' });
  }
  if (staff.role !== 'appealBody') {
    items.push({ href: `${base}/letters`, label: 'Te printen', key: 'letters' });
  }
  items.push({ href: `${base}/reports`, label: 'Rapportage', key: 'reports' });
  if (staff.role === 'admin') {
    items.push({ href: `${base}/settings`, label: 'Instellingen', key: 'settings' });
    items.push({ href: `${base}/outbox`, label: 'Verzendlijst', key: 'outbox' });
    items.push({
      href: `${base}/inbound-mail`,
      label: 'Apart gezette e-mail',
      key: 'inbound-mail',
    });
    items.push({ href: `${base}/webhooks`, label: 'Webhooks', key: 'webhooks' });
  }
  return items;
}

interface PageProps {
  title: string;
  /** The organisation, when the page is one of its own; pages of the service itself have none. */
  tenantName?: string;
  slug?: string;
  staff?: StaffSession;
  csrf?: string;
  current?: string;
}

export const Page: FC<PropsWithChildren<PageProps>> = (props) => (
  <html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>
        {[props.title, props.tenantName, 'Klachtenregeling'].filter(Boolean).join(' – ')}
      </title>
      <style>{raw(CSS)}</style>
    </head>
    <body>
      <a class="skip" href="#inhoud">
        Naar de inhoud
      </a>
      <header>
        <strong>{props.tenantName ?? 'Klachtenregeling'}</strong>
        {props.staff && props.slug ? (
          <nav aria-label="Hoofdmenu">
            <ul>
              {navItems(props.slug, props.staff).map((item) => (
                <li>
                  <a
                    href={item.href}
                    aria-current={item.key === props.current ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {props.staff && props.slug ? (
          <form method="post" action={`/admin/${props.slug}/sign-out`}>
            <span class="who">
              {props.staff.name} ({ROLE_LABELS[props.staff.role]}){' '}
            </span>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit">Afmelden</button>
          </form>
        ) : null}
      </header>
      <main id="inhoud" tabindex={-1}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </body>
  </html>
);

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

export async function render(c: AdminContext, element: Child, status = 200): Promise<Response> {
  const html = await Promise.resolve(String(await Promise.resolve(element?.toString())));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  return c.html(`<!doctype html>${html}`, status as 200);
}

/** The page of the signed-in staff member: layout, menu and sign-out form. */
export function staffPage(
  c: AdminContext,
  title: string,
  current: string | undefined,
  body: Child,
  status = 200,
): Promise<Response> {
  const tenant = c.get('tenant');
  return render(
    c,
    <Page
      title={title}
      tenantName={tenant.name}
      slug={tenant.slug}
      staff={c.get('staff')}
      csrf={c.get('csrf')}
      current={current}
    >
      <CalendarWarning today={c.get('today')} />
      {body}
    </Page>,
    status,
  );
}

/** Staff see when the working-day calendar no longer covers next year (decree days). */
const CalendarWarning: FC<{ today: string | undefined }> = ({ today }) => {
  const warning = today ? calendarHorizonWarning(today) : null;
  return warning ? (
    <p class="warning" role="status">
      {warning.nl}
    </p>
  ) : null;
};

export const Csrf: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);

/** The list of problems at the top of a form, each linking to its field. */
export const ErrorSummary: FC<{
  errors: Record<string, string>;
  idOf: (field: string) => string;
  labelOf: (field: string) => string;
  heading?: string;
}> = ({ errors, idOf, labelOf, heading }) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="errors" role="alert">
      <h2>{heading ?? 'Er ging iets mis'}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            {field === '_' ? (
              message
            ) : (
              <a href={`#${idOf(field)}`}>
                {labelOf(field)}: {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};
