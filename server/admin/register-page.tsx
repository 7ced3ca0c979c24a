import type { Child } from 'hono/jsx';
import { amsterdamDate } from '../../shared/deadlines';
import { STATUSES, type Status } from '../../shared/lifecycle';
import { listComplaints, registerQuerySchema } from '../complaints/listing';
import type { AppDeps } from '../deps';
import { fieldErrors } from '../http/validation';
import { calendarOf } from '../tenants/derived';
import { type AdminContext, base } from './admin-context';
import { Select, TextField } from './form-fields';
import { CHANNEL_LABELS, formatDate, STATUS_LABELS } from './labels';
import { ErrorSummary, staffPage } from './layout';
import { WideTable } from './wide-table';

/** Days ahead (working days) in which a due date counts as "soon". */
const SOON_WORKING_DAYS = 2;

const FILTER_LABELS: Record<string, string> = {
  status: 'Status',
  overdue: 'Alleen te laat',
  from: 'Ontvangen vanaf',
  to: 'Ontvangen tot en met',
  category: 'Categorie',
  handler: 'Behandelaar',
  limit: 'Aantal',
  offset: 'Pagina',
};

export function DueMark(props: { due: string | null; today: string; soon: string; open: boolean }) {
  if (!props.due) return <>—</>;
  const late = props.open && props.due < props.today;
  const soon = props.open && !late && props.due <= props.soon;
  return (
    <>
      {formatDate(props.due)}
      {late ? <span class="flag late">Te laat</span> : null}
      {soon ? <span class="flag soon">Binnenkort</span> : null}
    </>
  );
}

/** The register: the API's filters as a GET form, sorted by the next due date. */
export async function registerPage(c: AdminContext, deps: AppDeps, now: Date) {
  const tenant = c.get('tenant');
  const staff = c.get('staff');
  const raw = Object.fromEntries(
    Object.entries(c.req.queries()).flatMap(([k, v]) => {
      const value = v.at(-1)?.trim();
      return value ? [[k, value]] : [];
    }),
  );
  const parsed = registerQuerySchema.safeParse(raw, { reportInput: true });
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, 'nl');
  const q = parsed.success ? parsed.data : registerQuerySchema.parse({});
  const today = amsterdamDate(now);
  const soon = calendarOf(tenant.procedure).addWorkingDays(today, SOON_WORKING_DAYS);
  const { items: rows, nextOffset } = await listComplaints(deps.db, tenant.id, q, today);
  const categories = tenant.procedure.categories;
  const categoryLabel = (id: string | null) =>
    id ? (categories.find((x) => x.id === id)?.label.nl ?? id) : '—';
  const next = new URLSearchParams({ ...raw, offset: String(nextOffset ?? 0) });
  const mine = new URLSearchParams({ handlerId: staff.staffId });

  const body: Child = (
    <>
      <ErrorSummary
        errors={errors}
        idOf={(f) => `filter-${f}`}
        labelOf={(f) => FILTER_LABELS[f] ?? f}
        heading="Een filter is niet goed ingevuld en is genegeerd"
      />
      <search>
        <form method="get" action={`${base(c)}/complaints`} class="filters">
          <Select
            id="filter-status"
            name="status"
            label="Status"
            value={raw.status}
            options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <Select
            id="filter-category"
            name="category"
            label="Categorie"
            value={raw.category}
            options={categories.map((x) => ({ value: x.id, label: x.label.nl }))}
          />
          <TextField id="filter-handler" name="handler" label="Behandelaar" value={raw.handler} />
          <TextField
            id="filter-from"
            name="from"
            type="date"
            label="Ontvangen vanaf"
            value={raw.from}
            error={errors.from}
          />
          <TextField
            id="filter-to"
            name="to"
            type="date"
            label="Ontvangen tot en met"
            value={raw.to}
            error={errors.to}
          />
          <div class="field">
            <input
              type="checkbox"
              id="filter-overdue"
              name="overdue"
              value="true"
              checked={raw.overdue === 'true'}
            />{' '}
            <label for="filter-overdue" style="display:inline">
              Alleen te laat
            </label>
          </div>
          <div class="field">
            <button type="submit">Filteren</button>
          </div>
        </form>
      </search>
      <p>
        <a href={`${base(c)}/complaints`}>Alle klachten</a> ·{' '}
        <a href={`${base(c)}/complaints?${mine}`}>Aan mij toegewezen</a> ·{' '}
        <a href={`${base(c)}/complaints?overdue=true`}>Te laat</a>
      </p>
      {rows.length === 0 ? (
        <p>Geen klachten gevonden.</p>
      ) : (
        <WideTable caption="Klachten, de eerstvolgende termijn bovenaan">
          <thead>
            <tr>
              <th scope="col">Nummer</th>
              <th scope="col">Ontvangen</th>
              <th scope="col">Kanaal</th>
              <th scope="col">Categorie</th>
              <th scope="col">Status</th>
              <th scope="col">Behandelaar</th>
              <th scope="col">Volgende termijn</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`${base(c)}/complaints/${r.number}`}>{r.number}</a>
                </th>
                <td>{formatDate(amsterdamDate(new Date(r.receivedAt)))}</td>
                <td>{CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                <td>{categoryLabel(r.category)}</td>
                <td>{STATUS_LABELS[r.status as Status] ?? r.status}</td>
                <td>{r.handler ?? '—'}</td>
                <td>
                  <DueMark due={r.nextDue} today={today} soon={soon} open={r.status !== 'closed'} />
                </td>
              </tr>
            ))}
          </tbody>
        </WideTable>
      )}
      {nextOffset !== null ? (
        <p>
          <a href={`${base(c)}/complaints?${next}`}>Volgende pagina</a>
        </p>
      ) : null}
    </>
  );
  return staffPage(c, 'Klachtenregister', 'register', body);
}
