import { and, eq, inArray, isNull } from 'drizzle-orm';
import { amsterdamDate } from '../../shared/deadlines';
import { type Action, allowedActions, type Status } from '../../shared/lifecycle';
import { findComplaint } from '../complaints/complaint-records';
import { loadView } from '../complaints/complaint-view';
import type { Db } from '../db/client';
import { staff } from '../db/schema';
import type { AppDeps } from '../deps';
import type { TenantRecord } from '../http/context';
import { mayHandle, mayPerform, roleRules } from '../staff/policy';
import { STAFF_ROLES } from '../staff/roles';
import { ActionForm, type FormValues } from './action-forms';
import { type AdminContext, base } from './admin-context';
import { CaseFile } from './casefile-section';
import {
  ACTION_LABELS,
  actorLabel,
  CHANNEL_LABELS,
  EVENT_LABELS,
  FIELD_LABELS,
  formatDate,
  formatMoment,
  STATUS_LABELS,
  yesNo,
} from './labels';
import { staffPage } from './layout';
import { WideTable } from './wide-table';

function acknowledged(view: { events: { type: string }[] }): boolean {
  return view.events.some((e) => e.type === 'acknowledged');
}

export interface FailedAction {
  action: Action;
  values: FormValues;
  errors: Record<string, string>;
}

/** Who may be chosen when forwarding: the active accounts whose role may handle complaints. */
export function handlerChoices(db: Db, tenant: TenantRecord) {
  const rules = roleRules(tenant.procedure);
  return db.query.staff.findMany({
    where: and(
      eq(staff.tenantId, tenant.id),
      inArray(
        staff.role,
        STAFF_ROLES.filter((role) => mayHandle(role, rules)),
      ),
      isNull(staff.disabledAt),
    ),
    orderBy: staff.name,
  });
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return yesNo(value);
  return String(value);
}

/** One complaint: every registered field, the due dates with their explanation, the timeline. */
export async function complaintPage(
  c: AdminContext,
  deps: AppDeps,
  now: Date,
  failed?: FailedAction,
) {
  const tenant = c.get('tenant');
  const member = c.get('staff');
  const procedure = tenant.procedure;
  const row = await findComplaint(deps.db, tenant.id, c.req.param('number') ?? '');
  const view = await loadView(deps.db, row, procedure, 'nl');
  const handlers = await handlerChoices(deps.db, tenant);
  const today = amsterdamDate(now);
  const option = (list: { id: string; label: { nl: string } }[], id: string | null) =>
    id ? (list.find((o) => o.id === id)?.label.nl ?? id) : null;
  const contact = (who: typeof view.complainant) =>
    who
      ? [who.name, who.initials, who.address, who.phone, who.email].filter(Boolean).join('\n')
      : null;
  const fields: [string, unknown][] = [
    ['Status', STATUS_LABELS[view.status as Status] ?? view.status],
    ['Kanaal', CHANNEL_LABELS[view.channel] ?? view.channel],
    ['Ontvangen op', formatMoment(view.receivedAt)],
    ['Geregistreerd op', formatMoment(view.registeredAt)],
    ['Ontvangen door', view.receiverName],
    ['Melder', contact(view.complainant)],
    ['Namens', contact(view.onBehalfOf)],
    ['Categorie', option(procedure.categories, view.category)],
    ['Omschrijving van de klacht', view.description],
    ['Gewenste oplossing', view.desiredSolution],
    ['Over wie gaat de klacht', view.subject],
    ['Behandelaar', view.handler],
    ['Doorgestuurd op', view.forwardedAt ? formatMoment(view.forwardedAt) : null],
    ['Eerste reactie op', view.feedbackAt ? formatMoment(view.feedbackAt) : null],
    ['Oorzaak', view.cause],
    ['Voorgestelde oplossing', view.proposedSolution],
    ['Classificatie', option(procedure.classifications, view.classification)],
    ...(procedure.recordAdmissibility
      ? [['Ontvankelijk', yesNo(view.admissible)] as [string, unknown]]
      : []),
    ['Maatregel', option(procedure.remedies, view.remedy)],
    ['Samenvatting van de afhandeling', view.summary],
    ['Maatregelen tegen herhaling', view.preventiveMeasures],
    [
      'Maatregelen gaan in op',
      view.measuresEffectiveOn ? formatDate(view.measuresEffectiveOn) : null,
    ],
    ['Melder tevreden', view.satisfied === null ? null : yesNo(view.satisfied)],
    ['Gesloten op', view.closedAt ? formatMoment(view.closedAt) : null],
  ];
  const allowed = allowedActions(view.status as Status);
  // Recording an acknowledgement sent another way only matters once "acknowledge" is gone.
  const actions = allowed.filter(
    (a) =>
      mayPerform(member, a, row, roleRules(procedure)) &&
      (a !== 'record-advice' || procedure.committee !== undefined) &&
      !(a === 'record-acknowledgement' && (allowed.includes('acknowledge') || acknowledged(view))),
  );
  const done = c.req.query('gedaan');
  const postTo = `${base(c)}/complaints/${view.number}/actions`;

  const body = (
    <>
      {done && Object.hasOwn(ACTION_LABELS, done) ? (
        <p class="notice" role="status">
          Gelukt: {ACTION_LABELS[done as Action].toLowerCase()}.
        </p>
      ) : null}
      <p>
        <a href={`${base(c)}/complaints`}>Terug naar het register</a>
      </p>
      <h2>Registratie</h2>
      <dl class="fields">
        {fields.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{show(value)}</dd>
          </>
        ))}
      </dl>
      <h2>Termijnen</h2>
      {view.deadlines.length === 0 ? (
        <p>Geen termijnen.</p>
      ) : (
        <WideTable caption="Termijnen met hun uitleg">
          <thead>
            <tr>
              <th scope="col">Termijn</th>
              <th scope="col">Uiterlijk</th>
              <th scope="col">Stand</th>
              <th scope="col">Uitleg</th>
            </tr>
          </thead>
          <tbody>
            {view.deadlines.map((d) => {
              const met = d.metAt ? amsterdamDate(new Date(d.metAt)) : null;
              const state = met
                ? `Gehaald op ${formatDate(met)}${met > d.date ? ' (te laat)' : ''}`
                : view.status === 'closed'
                  ? 'Niet meer van toepassing'
                  : d.date < today
                    ? 'Te laat: nog open'
                    : 'Open';
              return (
                <tr>
                  <th scope="row">{d.label}</th>
                  <td>
                    {formatDate(d.date)}
                    {d.postponed ? ' (verdaagd)' : ''}
                  </td>
                  <td>
                    {!met && view.status !== 'closed' && d.date < today ? (
                      <span class="flag late">{state}</span>
                    ) : (
                      state
                    )}
                  </td>
                  <td class="text">{d.explanation}</td>
                </tr>
              );
            })}
          </tbody>
        </WideTable>
      )}
      <h2>Tijdlijn</h2>
      <ol class="timeline">
        {view.events.map((e) => (
          <li>
            <strong>{EVENT_LABELS[e.type] ?? e.type}</strong> – {formatMoment(e.at)} –{' '}
            {actorLabel(e.actor)}
            {e.public ? '' : ' (niet zichtbaar voor de melder)'}
            {Object.keys(e.data).length > 0 ? (
              <dl class="fields">
                {Object.entries(e.data).map(([key, value]) => (
                  <>
                    <dt>{FIELD_LABELS[key] ?? key}</dt>
                    <dd>{show(value)}</dd>
                  </>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
      <CaseFile slug={tenant.slug} view={view} />
      <h2 id="acties">Acties</h2>
      {actions.length === 0 ? (
        <p>
          {member.role === 'handler' && row.handlerStaffId !== member.staffId
            ? 'U kunt alleen klachten behandelen die aan u zijn doorgestuurd.'
            : 'Bij deze status en uw rol zijn er geen acties.'}
        </p>
      ) : (
        actions.map((action) => (
          <ActionForm
            action={action}
            postTo={postTo}
            csrf={c.get('csrf')}
            procedure={procedure}
            handlers={handlers}
            open={failed?.action === action}
            values={failed?.action === action ? failed.values : undefined}
            errors={failed?.action === action ? failed.errors : undefined}
          />
        ))
      )}
    </>
  );
  return staffPage(
    c,
    `Klacht ${view.number}`,
    undefined,
    body,
    failed ? (Object.keys(failed.errors).includes('_') ? 409 : 422) : 200,
  );
}
