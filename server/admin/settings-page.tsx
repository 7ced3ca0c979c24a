import type { Child } from 'hono/jsx';
import type { AppDeps } from '../deps';
import { listStaff, type StaffRow, staffView } from '../staff/accounts';
import { STAFF_ROLES } from '../staff/roles';
import { type AdminContext, base } from './admin-context';
import { Select, TextField } from './form-fields';
import { formatMoment, ROLE_LABELS, UNIT_LABELS } from './labels';
import { Csrf, ErrorSummary, staffPage } from './layout';
import { MessagePreviews } from './message-previews';
import { WideTable } from './wide-table';

const STAFF_FIELDS: Record<string, string> = {
  name: 'Naam',
  email: 'E-mailadres',
  role: 'Rol',
  password: 'Wachtwoord',
};

export interface SettingsState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** A generated password, shown once after adding an account. */
  created?: { name: string; email: string; password?: string };
  notice?: string;
}

function procedureSummary(c: AdminContext): Child {
  const p = c.get('tenant').procedure;
  const list = (items: { label: { nl: string } }[]) =>
    items.length > 0 ? items.map((i) => i.label.nl).join(', ') : '—';
  const from = (f: unknown) =>
    typeof f === 'string' ? f : `einde van termijn "${(f as { term: string }).term}"`;
  return (
    <>
      <h2>Klachtenregeling (alleen lezen)</h2>
      <p>Wijzigen gaat via de API (PUT /v1/tenants/{c.get('tenant').slug}/procedure).</p>
      <WideTable caption="Termijnen">
        <thead>
          <tr>
            <th scope="col">Termijn</th>
            <th scope="col">Duur</th>
            <th scope="col">Vanaf</th>
            <th scope="col">Verdaging</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(p.terms).map(([, t]) => (
            <tr>
              <th scope="row">{t.label.nl}</th>
              <td>
                {t.amount} {UNIT_LABELS[t.unit] ?? t.unit}
              </td>
              <td>{from(t.from)}</td>
              <td>{t.postponable ? `ten hoogste ${t.postponable.maxWeeks} weken` : 'nee'}</td>
            </tr>
          ))}
        </tbody>
      </WideTable>
      <dl class="fields">
        <dt>Categorieën</dt>
        <dd>{list(p.categories)}</dd>
        <dt>Classificaties</dt>
        <dd>{list(p.classifications)}</dd>
        <dt>Maatregelen</dt>
        <dd>{list(p.remedies)}</dd>
        <dt>Ontvankelijkheid vastleggen</dt>
        <dd>{p.recordAdmissibility ? 'ja' : 'nee'}</dd>
        <dt>Bewaartermijn</dt>
        <dd>{p.retention.years} jaar na sluiten</dd>
        <dt>Beroep</dt>
        <dd>
          {p.appeal.enabled
            ? `ja, binnen ${p.appeal.windowDays} dagen, bij ` +
              `${p.appeal.body?.role.nl ?? '—'} (${p.appeal.body?.name ?? '—'})`
            : 'nee'}
        </dd>
      </dl>
    </>
  );
}

function staffSection(c: AdminContext, rows: StaffRow[], state: SettingsState): Child {
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const id = (f: string) => `staff-${f}`;
  return (
    <>
      <h2 id="medewerkers">Medewerkers</h2>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.created ? (
        <div class="notice" role="status">
          <p>
            {state.created.name} ({state.created.email}) is toegevoegd.
            {state.created.password ? ' Het wachtwoord is alleen nu te zien:' : ''}
          </p>
          {state.created.password ? <pre>{state.created.password}</pre> : null}
        </div>
      ) : null}
      <WideTable caption="Medewerkers met toegang">
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">E-mailadres</th>
            <th scope="col">Rol</th>
            <th scope="col">Stand</th>
            <th scope="col">Actie</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const v = staffView(row);
            const toggle = v.disabled ? 'enable' : 'disable';
            return (
              <tr>
                <th scope="row">{v.name}</th>
                <td>{v.email}</td>
                <td>{ROLE_LABELS[v.role]}</td>
                <td>
                  {v.disabled ? 'Uitgeschakeld' : 'Actief'}
                  {v.lockedUntil && v.lockedUntil > new Date().toISOString()
                    ? `; geblokkeerd tot ${formatMoment(v.lockedUntil)}`
                    : ''}
                </td>
                <td>
                  <form method="post" action={`${base(c)}/settings/staff/${v.id}/${toggle}`}>
                    <Csrf token={c.get('csrf')} />
                    <button
                      type="submit"
                      aria-label={`${v.name} ${v.disabled ? 'inschakelen' : 'uitschakelen'}`}
                    >
                      {v.disabled ? 'Inschakelen' : 'Uitschakelen'}
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </WideTable>
      <h3>Medewerker toevoegen</h3>
      <ErrorSummary errors={errors} idOf={id} labelOf={(f) => STAFF_FIELDS[f] ?? f} />
      <form method="post" action={`${base(c)}/settings/staff`}>
        <Csrf token={c.get('csrf')} />
        <TextField
          id={id('name')}
          name="name"
          label="Naam"
          required
          value={values.name}
          error={errors.name}
        />
        <TextField
          id={id('email')}
          name="email"
          type="email"
          label="E-mailadres"
          required
          value={values.email}
          error={errors.email}
        />
        <Select
          id={id('role')}
          name="role"
          label="Rol"
          required
          value={values.role}
          error={errors.role}
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <TextField
          id={id('password')}
          name="password"
          type="password"
          label="Wachtwoord"
          autocomplete="new-password"
          hint="Minstens 10 tekens. Leeg: er wordt een wachtwoord gemaakt en eenmalig getoond."
          error={errors.password}
        />
        <button type="submit">Medewerker toevoegen</button>
      </form>
    </>
  );
}

/** Settings for tenant admins: the procedure, the staff, and the embed code. */
export async function settingsPage(
  c: AdminContext,
  deps: AppDeps,
  state: SettingsState = {},
  status = 200,
) {
  const tenant = c.get('tenant');
  const rows = await listStaff(deps.db, tenant.id);
  const origin = deps.config.publicUrl;
  const embed = [
    `<script type="module" src="${origin}/widget/klacht-form.js"></script>`,
    `<klacht-form tenant="${tenant.slug}"></klacht-form>`,
  ].join('\n');
  const origins = tenant.procedure.allowedOrigins;
  const body = (
    <>
      {staffSection(c, rows, state)}
      <h2>Formulier op uw website</h2>
      <p>Plak deze twee regels in de pagina waar het klachtenformulier moet komen:</p>
      <pre>
        <code>{embed}</code>
      </pre>
      <p>
        Het formulier werkt alleen op deze websites (toegestane origins), en op de pagina's van deze
        dienst zelf:
      </p>
      {origins.length > 0 ? (
        <ul>
          {origins.map((o) => (
            <li>
              <code>{o}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>Nog geen. Voeg ze toe in allowedOrigins van de klachtenregeling.</p>
      )}
      {procedureSummary(c)}
      <MessagePreviews procedure={tenant.procedure} tenantName={tenant.name} now={deps.clock()} />
    </>
  );
  return staffPage(c, 'Instellingen', 'settings', body, status);
}
