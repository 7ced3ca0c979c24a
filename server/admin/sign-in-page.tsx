import type { TenantRecord } from '../http/context';
import type { AdminContext } from './admin-context';
import { TextField } from './form-fields';
import { Page, render } from './layout';

/** One message for every failed sign-in, so it reveals nothing about the account. */
export const SIGN_IN_FAILED =
  'Het e-mailadres of het wachtwoord klopt niet, of er is te vaak geprobeerd aan te melden. ' +
  'Probeer het opnieuw, of over een kwartier nog eens.';

export function signInPage(
  c: AdminContext,
  tenant: TenantRecord,
  options: { email?: string; next?: string; failed?: boolean; signedOut?: boolean } = {},
) {
  return render(
    c,
    <Page title="Aanmelden" tenantName={tenant.name} slug={tenant.slug}>
      {options.failed ? (
        <div class="errors" role="alert">
          <h2>Aanmelden is niet gelukt</h2>
          <p>{SIGN_IN_FAILED}</p>
        </div>
      ) : null}
      {options.signedOut ? (
        <p class="notice" role="status">
          U bent afgemeld.
        </p>
      ) : null}
      <p>Meld u aan om het klachtenregister van {tenant.name} te openen.</p>
      <form method="post" action={`/admin/${tenant.slug}/sign-in`}>
        {options.next ? <input type="hidden" name="next" value={options.next} /> : null}
        <TextField
          id="email"
          name="email"
          type="email"
          label="E-mailadres"
          autocomplete="username"
          required
          value={options.email}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Wachtwoord"
          autocomplete="current-password"
          required
        />
        <button type="submit">Aanmelden</button>
      </form>
      <p>
        Niet {tenant.name}? <a href="/admin">Zoek de aanmeldpagina van uw organisatie</a>.
      </p>
    </Page>,
    options.failed ? 401 : 200,
  );
}
