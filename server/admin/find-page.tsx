import { sql } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { AppDeps } from '../deps';
import type { AdminContext } from './admin-context';
import { TextField } from './form-fields';
import { Page, render } from './layout';

/** What the box may hold: a short name (slug) or an organisation's full name. */
const MAX_ASKED = 200;

/**
 * `/admin`: find your organisation's sign-in page by its short name (the slug in the address) or
 * its full name. An e-mail address is answered the same whoever it is, without looking it up, so
 * the page tells nobody who has an account (see the README).
 */
export async function findPage(c: AdminContext, deps: AppDeps) {
  const asked = (c.req.query('organisatie') ?? '').trim().slice(0, MAX_ASKED);
  const email = asked.includes('@');
  if (asked && !email) {
    const wanted = asked.toLowerCase();
    const found = await deps.db
      .select({ slug: tenants.slug })
      .from(tenants)
      .where(sql`${tenants.slug} = ${wanted} OR lower(${tenants.name}) = ${wanted}`)
      .limit(1);
    if (found[0]) return c.redirect(`/admin/${found[0].slug}/sign-in`, 303);
  }
  const missing = asked && !email ? `Geen organisatie gevonden met “${asked}”.` : undefined;
  return render(
    c,
    <Page title="Aanmelden bij het klachtenregister">
      {email ? (
        <div class="notice" role="status">
          <p>
            Wij zoeken niet op e-mailadres: zo verraadt deze pagina niet wie een account heeft.
            Heeft dit adres een account, dan meldt u zich aan op de aanmeldpagina van uw
            organisatie.
          </p>
          <p>
            Vul hieronder de korte naam of de naam van uw organisatie in. Weet u die niet, vraag dan
            de beheerder van de klachtenregeling in uw organisatie om de link.
          </p>
        </div>
      ) : null}
      <p>
        Elke organisatie heeft een eigen aanmeldpagina. Vul de korte naam van uw organisatie in (die
        staat in het adres van de aanmeldpagina: <code>/admin/korte-naam/sign-in</code>) of de
        volledige naam.
      </p>
      <form method="get" action="/admin">
        <TextField
          id="organisatie"
          name="organisatie"
          label="Organisatie"
          hint="Korte naam of volledige naam"
          autocomplete="organization"
          required
          value={email ? '' : asked}
          error={missing ? `${missing} Controleer de schrijfwijze.` : undefined}
        />
        <button type="submit">Naar de aanmeldpagina</button>
      </form>
    </Page>,
    missing ? 404 : 200,
  );
}
