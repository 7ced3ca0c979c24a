import type { FC } from 'hono/jsx';
import type { Action } from '../../shared/lifecycle';
import type { Procedure } from '../../shared/procedure';
import {
  CONSENT_WAY_LABELS,
  DECLINE_GROUND_LABELS,
  HEARING_MODE_LABELS,
  WAIVE_GROUND_LABELS,
} from '../../shared/statutory';
import { randomToken } from '../crypto';
import type { StaffRow } from '../staff/accounts';
import { FileField, Select, TextArea, TextField, YesNo } from './form-fields';
import { ACTION_LABELS, FIELD_LABELS } from './labels';
import { Csrf, ErrorSummary } from './layout';

type Kind =
  | 'text'
  | 'long'
  | 'bool'
  | 'int'
  | 'date'
  | 'time'
  | 'category'
  | 'class'
  | 'remedy'
  | 'choice';

/** The fields of each action's form; names are the action body's keys. */
const FORM_FIELDS: Record<Action, Record<string, Kind>> = {
  acknowledge: {},
  'record-acknowledgement': {},
  forward: {},
  respond: { message: 'long' },
  postpone: {
    weeks: 'int',
    reason: 'long',
    announcedOn: 'date',
    consentGivenOn: 'date',
    consentHow: 'choice',
  },
  decline: { ground: 'choice', reason: 'long' },
  'invite-hearing': { on: 'date', time: 'time', mode: 'choice', place: 'long' },
  'record-hearing': { heldOn: 'date', attendees: 'long', report: 'long' },
  'waive-hearing': { ground: 'choice', reason: 'long' },
  'record-advice': { advisedOn: 'date', advice: 'long', classification: 'class' },
  'propose-solution': { proposedSolution: 'long', cause: 'long', remedy: 'remedy' },
  'accept-solution': {},
  'file-appeal': { grounds: 'long' },
  'decide-appeal': { decision: 'long', upheld: 'bool' },
  close: {
    classification: 'class',
    admissible: 'bool',
    remedy: 'remedy',
    cause: 'long',
    summary: 'long',
    preventiveMeasures: 'long',
    measuresEffectiveOn: 'date',
    satisfied: 'bool',
    deviationReason: 'long',
  },
  reopen: { reason: 'long' },
  'record-satisfaction': { satisfied: 'bool', comment: 'long' },
  'request-erasure': {},
  update: {
    category: 'category',
    admissible: 'bool',
    cause: 'long',
    subject: 'text',
    receiverName: 'text',
  },
  'add-note': { note: 'long' },
};

export type FormValues = Record<string, string>;

const DATE_HINTS: Record<string, string> = {
  announcedOn: 'Leeg laten: vandaag.',
  consentGivenOn:
    'Alleen voor verder uitstel na een eerste verdaging (art. 9:11 lid 3 Awb): de datum van de schriftelijke instemming van de melder.',
};

const labelled = (labels: Record<string, { nl: string }>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label: label.nl }));

/** The options of a field that is one of a fixed list (grounds, ways, modes). */
function choicesOf(action: Action, field: string) {
  if (action === 'decline') return labelled(DECLINE_GROUND_LABELS);
  if (action === 'waive-hearing') return labelled(WAIVE_GROUND_LABELS);
  if (field === 'consentHow') return labelled(CONSENT_WAY_LABELS);
  return labelled(HEARING_MODE_LABELS);
}

/**
 * The action's body from the posted form: empty fields are left out (so the API's defaults and
 * "keep what is registered" apply), and yes/no and numbers get their JSON types. Forwarding names
 * a staff account by its id.
 */
export function actionBody(
  action: Action,
  form: FormValues,
  handlers: StaffRow[],
): Record<string, unknown> {
  if (action === 'forward') {
    // The account itself, by its id: its name and address come with it.
    const chosen = handlers.find((h) => h.id === form.handlerId);
    return chosen ? { handlerId: chosen.id } : {};
  }
  const body: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(FORM_FIELDS[action])) {
    const value = form[name]?.trim();
    if (!value) continue;
    if (kind === 'bool') body[name] = value === 'true';
    else if (kind === 'int') body[name] = /^\d+$/.test(value) ? Number(value) : value;
    else body[name] = value;
  }
  // The consent to a further postponement is one object in the API.
  if (action === 'postpone' && (body.consentGivenOn || body.consentHow)) {
    body.consent = { givenOn: body.consentGivenOn, how: body.consentHow };
  }
  delete body.consentGivenOn;
  delete body.consentHow;
  return body;
}

function required(action: Action, field: string, procedure: Procedure): boolean {
  if (action === 'close') {
    return (procedure.requiredOnClose as string[]).includes(field);
  }
  if (action === 'propose-solution' && field === 'cause') {
    return procedure.requiredOnProposal.includes('cause');
  }
  if (action === 'record-satisfaction') return field === 'satisfied';
  if (action === 'decide-appeal') return field === 'decision';
  return (
    [
      'message',
      'weeks',
      'reason',
      'proposedSolution',
      'grounds',
      'note',
      'ground',
      'on',
      'mode',
      'place',
      'heldOn',
      'attendees',
      'report',
      'advisedOn',
      'advice',
    ].includes(field) && action !== 'reopen'
  );
}

interface ActionFormProps {
  action: Action;
  postTo: string;
  csrf: string;
  procedure: Procedure;
  handlers: StaffRow[];
  values?: FormValues;
  errors?: Record<string, string>;
  /** The form that failed stays open with the user's input. */
  open?: boolean;
}

export const ActionForm: FC<ActionFormProps> = (p) => {
  const { action, procedure } = p;
  const values = p.values ?? {};
  const errors = p.errors ?? {};
  const id = (field: string) => `${action}-${field}`;
  const options = (kind: Kind) =>
    (kind === 'category'
      ? procedure.categories
      : kind === 'class'
        ? procedure.classifications
        : procedure.remedies
    ).map((o) => ({ value: o.id, label: o.label.nl }));
  const fields = Object.entries(FORM_FIELDS[action]).filter(([name, kind]) => {
    if (action === 'close' && name === 'deviationReason') return procedure.committee !== undefined;
    if (kind === 'class' && procedure.classifications.length === 0) return false;
    if (kind === 'remedy' && procedure.remedies.length === 0) return false;
    if (kind === 'category' && procedure.categories.length === 0) return false;
    if (name === 'admissible') return procedure.recordAdmissibility;
    return true;
  });
  return (
    <details open={p.open}>
      <summary>{ACTION_LABELS[action]}</summary>
      <form method="post" action={`${p.postTo}/${action}`} enctype="multipart/form-data" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="_key" value={values._key ?? randomToken(16)} />
        <ErrorSummary
          errors={errors}
          idOf={(f) =>
            f.startsWith('attachments')
              ? id('attachments')
              : action === 'forward'
                ? id('handlerId')
                : id(f)
          }
          labelOf={(f) => FIELD_LABELS[f] ?? (f.startsWith('attachments') ? 'Documenten' : f)}
        />
        {action === 'forward' ? (
          p.handlers.length > 0 ? (
            <Select
              id={id('handlerId')}
              name="handlerId"
              label="Behandelaar"
              required
              value={values.handlerId}
              error={errors.handlerId ?? errors.handler}
              hint="Alleen medewerkers die klachten mogen behandelen. Zij krijgen een e-mail."
              options={p.handlers.map((h) => ({ value: h.id, label: h.name }))}
            />
          ) : (
            <p>Er zijn nog geen behandelaars. Een beheerder kan ze toevoegen bij Instellingen.</p>
          )
        ) : null}
        {fields.map(([name, kind]) => {
          const common = {
            id: id(name),
            name,
            label: FIELD_LABELS[name] ?? name,
            value: values[name],
            error: errors[name],
            required: required(action, name, procedure),
          };
          if (kind === 'long') return <TextArea {...common} />;
          if (kind === 'bool') {
            return name === 'upheld' ? (
              <YesNo {...common} yes="Gegrond" no="Ongegrond" />
            ) : (
              <YesNo {...common} />
            );
          }
          if (kind === 'int') return <TextField {...common} type="number" min={1} max={52} />;
          if (kind === 'date') return <TextField {...common} type="date" hint={DATE_HINTS[name]} />;
          if (kind === 'time') return <TextField {...common} type="time" />;
          if (kind === 'choice') return <Select {...common} options={choicesOf(action, name)} />;
          if (kind === 'text') return <TextField {...common} />;
          return <Select {...common} options={options(kind)} />;
        })}
        {action === 'request-erasure' ? null : (
          <FileField
            id={id('attachments')}
            label="Documenten voor het dossier"
            procedure={procedure}
            errors={errors}
          />
        )}
        <button type="submit">{ACTION_LABELS[action]}</button>
      </form>
    </details>
  );
};
