import { amsterdamDate } from '../../shared/deadlines';
import { own } from '../../shared/own-keys';
import type { AppDeps } from '../deps';
import { type MonthReport, monthlyReport } from '../reports/monthly-report';
import { type AdminContext, base } from './admin-context';
import { BarChart } from './bar-chart';
import { staffPage } from './layout';
import { WideTable } from './wide-table';

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const monthName = (key: string) => MONTHS[Number(key.slice(5, 7)) - 1] ?? key;

function totals(months: MonthReport[], pick: (m: MonthReport) => Record<string, number>) {
  const sum: Record<string, number> = {};
  for (const m of months) {
    for (const [k, v] of Object.entries(pick(m))) sum[k] = (own(sum, k) ?? 0) + v;
  }
  return sum;
}

/** The monthly report of a year: table, bar charts and the CSV export. */
export async function reportsPage(c: AdminContext, deps: AppDeps, now: Date) {
  const tenant = c.get('tenant');
  const thisYear = Number(amsterdamDate(now).slice(0, 4));
  const asked = Number(c.req.query('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const report = await monthlyReport(deps.db, tenant.id, year, now);
  const { categories, classifications } = tenant.procedure;
  const byCategory = totals(report.months, (m) => m.byCategory);
  const byClass = totals(report.months, (m) => m.byClassification);
  // Options the procedure no longer has still show when complaints carry them.
  const keys = (list: typeof categories, seen: Record<string, number>) => [
    ...new Set([
      ...list.map((x) => x.id),
      ...Object.keys(seen).filter((k) => k !== 'none'),
      'none',
    ]),
  ];
  const categoryKeys = keys(categories, byCategory);
  const classKeys = keys(classifications, byClass);
  const label = (list: typeof categories, key: string) =>
    key === 'none' ? 'Geen' : (list.find((x) => x.id === key)?.label.nl ?? key);
  const cell = (month: string, metric: string, value: number) => (
    <td class="num" data-month={month} data-metric={metric}>
      {value}
    </td>
  );
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

  const body = (
    <>
      <form method="get" action={`${base(c)}/reports`} class="filters">
        <div class="field">
          <label for="year">Jaar</label>
          <select id="year" name="year">
            {years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit">Tonen</button>
        </div>
      </form>
      <p>
        Per maand van registratie. "Te laat": een termijn is na de datum gehaald of staat nog open.
      </p>
      <p>
        <a href={`${base(c)}/reports/complaints.csv?year=${year}`}>
          Geanonimiseerde export {year} (CSV) voor het teamoverleg
        </a>{' '}
        ·{' '}
        <a href={`${base(c)}/reports/complaints.csv?year=${year}&includeText=true`}>
          met oorzaak, samenvatting en maatregelen (kan namen bevatten)
        </a>
      </p>
      <BarChart
        id="chart-received"
        title={`Ontvangen klachten per maand in ${year}`}
        bars={report.months.map((m) => ({ label: monthName(m.month), value: m.received }))}
      />
      <BarChart
        id="chart-category"
        title={`Klachten per categorie in ${year}`}
        bars={categoryKeys.map((k) => ({
          label: label(categories, k),
          value: own(byCategory, k) ?? 0,
        }))}
      />
      <WideTable id="report" caption={`Klachten per maand in ${year}`}>
        <thead>
          <tr>
            <th scope="col">Maand</th>
            <th scope="col" class="num">
              Ontvangen
            </th>
            <th scope="col" class="num">
              Open
            </th>
            <th scope="col" class="num">
              Gesloten
            </th>
            <th scope="col" class="num">
              Te laat
            </th>
            <th scope="col" class="num">
              Ontvankelijk
            </th>
            <th scope="col" class="num">
              Niet ontvankelijk
            </th>
            <th scope="col" class="num">
              Ontvankelijkheid onbekend
            </th>
          </tr>
        </thead>
        <tbody>
          {report.months.map((m) => (
            <tr>
              <th scope="row">{monthName(m.month)}</th>
              {cell(m.month, 'received', m.received)}
              {cell(m.month, 'open', m.open)}
              {cell(m.month, 'closed', m.closed)}
              {cell(m.month, 'overdue', m.overdue)}
              {cell(m.month, 'admissible.yes', m.admissible.yes)}
              {cell(m.month, 'admissible.no', m.admissible.no)}
              {cell(m.month, 'admissible.unknown', m.admissible.unknown)}
            </tr>
          ))}
        </tbody>
      </WideTable>
      {[
        { key: 'byCategory' as const, title: 'categorie', keys: categoryKeys, list: categories },
        {
          key: 'byClassification' as const,
          title: 'classificatie',
          keys: classKeys,
          list: classifications,
        },
      ].map((t) => (
        <WideTable caption={`Klachten per ${t.title} in ${year}`}>
          <thead>
            <tr>
              <th scope="col">Maand</th>
              {t.keys.map((k) => (
                <th scope="col" class="num">
                  {label(t.list, k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.months.map((m) => (
              <tr>
                <th scope="row">{monthName(m.month)}</th>
                {t.keys.map((k) => cell(m.month, `${t.key}.${k}`, own(m[t.key], k) ?? 0))}
              </tr>
            ))}
          </tbody>
        </WideTable>
      ))}
    </>
  );
  return staffPage(c, `Rapportage ${year}`, 'reports', body);
}
