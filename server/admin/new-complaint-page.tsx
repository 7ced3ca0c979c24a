import type { Procedure } from '../../shared/procedure';
import type { IncomingFile } from '../complaints/attachments';
import { submitComplaint } from '../complaints/submit';
import { randomToken } from '../crypto';
import { type AppDeps, clientAddressOf } from '../deps';
import { ApiError } from '../http/errors';
import { type AdminContext, base, staffActor } from './admin-context';
import { FileField, Select, TextArea, TextField } from './form-fields';
import { amsterdamLocalToIso, CHANNEL_LABELS } from './labels';
import { Csrf, ErrorSummary, staffPage } from './layout';

// Staff register what came in another way; web complaints come through the widget.
const STAFF_CHANNELS = ['phone', 'email', 'letter', 'inPerson', 'social'] as const;

const CONTACT: [string, string, string][] = [
  ['name', 'Naam', 'text'],
  ['initials', 'Voorletters', 'text'],
  ['address', 'Adres', 'text'],
  ['phone', 'Telefoonnummer', 'tel'],
  ['email', 'E-mailadres', 'email'],
];

const CONTACT_LABEL = Object.fromEntries(CONTACT.map(([k, l]) => [k, l.toLowerCase()]));

const LABELS: Record<string, string> = {
  channel: 'Hoe is de klacht binnengekomen',
  receivedAt: 'Ontvangen op',
  receiverName: 'Ontvangen door',
  category: 'Categorie',
  description: 'Omschrijving van de klacht',
  desiredSolution: 'Gewenste oplossing',
  ...Object.fromEntries(CONTACT.map(([k, l]) => [`complainant.${k}`, `Melder: ${l}`])),
  ...Object.fromEntries(CONTACT.map(([k, l]) => [`onBehalfOf.${k}`, `Namens: ${l}`])),
};

/**
 * The contact details posted as `complainant.name`, `onBehalfOf.phone`, …: only the known groups
 * and fields are read, into an object without a prototype, so no field name can reach one.
 */
function contactOf(values: Record<string, string>, group: 'complainant' | 'onBehalfOf') {
  const contact: Record<string, string> = Object.create(null);
  for (const [key] of CONTACT) {
    const value = values[`${group}.${key}`];
    if (value !== undefined) contact[key] = value;
  }
  return contact;
}

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function form(
  c: AdminContext,
  procedure: Procedure,
  values: Record<string, string>,
  errors: Record<string, string>,
) {
  const required = (channel: string) => {
    const fields = procedure.intake[channel as keyof typeof procedure.intake]?.required ?? [];
    return fields.length > 0
      ? `${CHANNEL_LABELS[channel] ?? channel}: ${fields.map((f) => CONTACT_LABEL[f]).join(', ')}`
      : null;
  };
  const perChannel = STAFF_CHANNELS.map(required).filter(Boolean);
  const input = (path: string, type = 'text', required = false) => (
    <TextField
      id={fieldId(path)}
      name={path}
      type={type}
      label={(LABELS[path] ?? path).replace(/^(Melder|Namens): /, '')}
      value={values[path]}
      error={errors[path]}
      required={required}
    />
  );
  return (
    <>
      <ErrorSummary
        errors={errors}
        idOf={(f) => fieldId(f.startsWith('attachments') ? 'attachments' : f)}
        labelOf={(f) => LABELS[f] ?? (f.startsWith('attachments') ? 'Documenten' : f)}
        heading="Niet alle velden zijn goed ingevuld"
      />
      <form method="post" action={`${base(c)}/complaints`} enctype="multipart/form-data" novalidate>
        <Csrf token={c.get('csrf')} />
        <input type="hidden" name="_key" value={values._key ?? randomToken(16)} />
        <Select
          id={fieldId('channel')}
          name="channel"
          label={LABELS.channel as string}
          required
          value={values.channel}
          error={errors.channel}
          options={STAFF_CHANNELS.map((ch) => ({ value: ch, label: CHANNEL_LABELS[ch] ?? ch }))}
        />
        <TextField
          id={fieldId('receivedAt')}
          name="receivedAt"
          type="datetime-local"
          label={LABELS.receivedAt as string}
          hint="Datum en tijd in Nederlandse tijd. De termijnen tellen vanaf dit moment."
          required
          value={values.receivedAt}
          error={errors.receivedAt}
        />
        {input('receiverName')}
        <fieldset aria-describedby="contact-hint">
          <legend>Melder</legend>
          <p id="contact-hint" class="hint">
            Vul ten minste een e-mailadres of een postadres in, zodat de melder antwoord krijgt (per
            e-mail, of per brief die u print en verstuurt). Bij een klacht per telefoon of aan de
            balie is een telefoonnummer ook genoeg.
            {perChannel.length > 0
              ? ` Deze klachtenregeling vraagt verder: ${perChannel.join('; ')}.`
              : ''}
          </p>
          {CONTACT.map(([k, , t]) => input(`complainant.${k}`, t))}
        </fieldset>
        <fieldset>
          <legend>Namens iemand anders (alleen invullen als dat zo is)</legend>
          {CONTACT.map(([k, , t]) => input(`onBehalfOf.${k}`, t))}
        </fieldset>
        {procedure.categories.length > 0 ? (
          <Select
            id={fieldId('category')}
            name="category"
            label="Categorie"
            value={values.category}
            error={errors.category}
            options={procedure.categories.map((x) => ({ value: x.id, label: x.label.nl }))}
          />
        ) : null}
        <TextArea
          id={fieldId('description')}
          name="description"
          label={LABELS.description as string}
          required
          value={values.description}
          error={errors.description}
        />
        <TextArea
          id={fieldId('desiredSolution')}
          name="desiredSolution"
          label={LABELS.desiredSolution as string}
          value={values.desiredSolution}
          error={errors.desiredSolution}
        />
        <FileField
          id={fieldId('attachments')}
          label="Documenten (bijvoorbeeld de brief, gescand)"
          procedure={procedure}
          errors={errors}
        />
        <button type="submit">Klacht registreren</button>
      </form>
    </>
  );
}

export function newComplaintPage(c: AdminContext, values: Record<string, string> = {}) {
  const staff = c.get('staff');
  return staffPage(
    c,
    'Klacht registreren',
    'new',
    form(c, c.get('tenant').procedure, { receiverName: staff.name, ...values }, {}),
  );
}

/**
 * Registers a complaint received by phone, e-mail, letter or in person through the same
 * `submitComplaint` as the API; errors re-show the form with everything typed.
 */
export async function submitFromForm(
  c: AdminContext,
  deps: AppDeps,
  values: Record<string, string>,
  files: IncomingFile[],
) {
  const tenant = c.get('tenant');
  const receivedAt = values.receivedAt ? amsterdamLocalToIso(values.receivedAt) : undefined;
  const body = {
    complainant: contactOf(values, 'complainant'),
    onBehalfOf: contactOf(values, 'onBehalfOf'),
    category: values.category,
    description: values.description,
    desiredSolution: values.desiredSolution,
    channel: values.channel,
    // A value the browser could not turn into a moment is refused as one.
    receivedAt: receivedAt ?? (values.receivedAt ? 'ongeldig' : undefined),
    receiverName: values.receiverName,
  };
  try {
    const result = await submitComplaint(deps, {
      tenant,
      actor: staffActor(c),
      body,
      files,
      idempotencyKey: values._key ? `admin:${values._key}` : null,
      locale: 'nl',
      clientAddress: clientAddressOf(deps, c),
      requireReceivedAt: true,
    });
    // Shown rather than redirected: the tracking link exists only now (it is stored hashed);
    // a reload posts the same idempotency key and shows the same link again.
    const done = (
      <>
        <p class="notice" role="status">
          Klacht {result.number} is geregistreerd.
        </p>
        <p>
          Volglink voor de melder (alleen nu te zien). Met een e-mailadres krijgt de melder hem ook
          per e-mail; met alleen een postadres staat de ontvangstbevestiging met de link klaar bij{' '}
          <a href={`${base(c)}/letters`}>Te printen</a>.
        </p>
        <pre>{result.trackingUrl}</pre>
        <p>
          <a href={`${base(c)}/complaints/${result.number}`}>Naar klacht {result.number}</a>
        </p>
      </>
    );
    return staffPage(c, `Klacht ${result.number} geregistreerd`, 'new', done, 201);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'validation_failed') {
      const page = form(c, tenant.procedure, values, err.fields ?? {});
      return staffPage(c, 'Klacht registreren', 'new', page, 422);
    }
    if (err instanceof ApiError && err.code === 'idempotency_key_reused') {
      const page = form(
        c,
        tenant.procedure,
        { ...values, _key: randomToken(16) },
        {
          _: 'Dit formulier was al verstuurd met andere gegevens. Controleer en verstuur opnieuw.',
        },
      );
      return staffPage(c, 'Klacht registreren', 'new', page, 409);
    }
    throw err;
  }
}
