import type { FC } from 'hono/jsx';

/** One form field with its label, hint and error, wired with aria-describedby. */
interface FieldProps {
  id: string;
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function describedBy(p: FieldProps): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const Label: FC<FieldProps> = (p) => (
  <>
    <label for={p.id}>
      {p.label}
      {p.required ? ' (verplicht)' : ''}
    </label>
    {p.hint ? (
      <div class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </div>
    ) : null}
    {p.error ? (
      <div class="error" id={`${p.id}-error`}>
        {p.error}
      </div>
    ) : null}
  </>
);

export const TextField: FC<
  FieldProps & { type?: string; autocomplete?: string; min?: number; max?: number }
> = (p) => (
  <div class="field">
    <Label {...p} />
    <input
      id={p.id}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      required={p.required}
      autocomplete={p.autocomplete}
      min={p.min}
      max={p.max}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    />
  </div>
);

export const TextArea: FC<FieldProps> = (p) => (
  <div class="field">
    <Label {...p} />
    <textarea
      id={p.id}
      name={p.name}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.value ?? ''}
    </textarea>
  </div>
);

export const Select: FC<FieldProps & { options: { value: string; label: string }[] }> = (p) => (
  <div class="field">
    <Label {...p} />
    <select
      id={p.id}
      name={p.name}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.required ? null : <option value="">— geen keuze —</option>}
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

/** Yes / no / not said, as radio buttons in a fieldset (no colour, no script). */
export const YesNo: FC<FieldProps & { yes?: string; no?: string }> = (p) => (
  <fieldset class="field inline" aria-describedby={describedBy(p)}>
    <legend>
      {p.label}
      {p.required ? ' (verplicht)' : ''}
    </legend>
    {p.error ? (
      <div class="error" id={`${p.id}-error`}>
        {p.error}
      </div>
    ) : null}
    <input type="radio" id={p.id} name={p.name} value="true" checked={p.value === 'true'} />
    <label for={p.id}>{p.yes ?? 'Ja'}</label>
    <input
      type="radio"
      id={`${p.id}-no`}
      name={p.name}
      value="false"
      checked={p.value === 'false'}
    />
    <label for={`${p.id}-no`}>{p.no ?? 'Nee'}</label>
    {p.required ? null : (
      <>
        <input
          type="radio"
          id={`${p.id}-none`}
          name={p.name}
          value=""
          checked={p.value === undefined || p.value === ''}
        />
        <label for={`${p.id}-none`}>Niet vastgelegd</label>
      </>
    )}
  </fieldset>
);

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * Documents for the case file: the procedure's types and size per file. Errors name the field
 * `attachments` or one file (`attachments.2`); a browser cannot keep chosen files after a
 * refused post, so the hint says to choose them again.
 */
export const FileField: FC<{
  id: string;
  label: string;
  procedure: { form: { attachments: { types: string[]; maxBytes: number } } };
  errors: Record<string, string>;
}> = (p) => {
  const limits = p.procedure.form.attachments;
  const error = Object.entries(p.errors)
    .filter(([field]) => field === 'attachments' || field.startsWith('attachments.'))
    .map(([, message]) => message)
    .join(' ');
  const types = limits.types.map((t) => TYPE_NAMES[t] ?? t).join(', ');
  const hint = `${types}; elk bestand tot ${Math.round(limits.maxBytes / 1024 / 1024)} MB.${
    error ? ' Kies de bestanden opnieuw.' : ''
  }`;
  const field = { id: p.id, name: 'attachments', label: p.label, hint, error: error || undefined };
  return (
    <div class="field">
      <Label {...field} />
      <input
        id={p.id}
        name="attachments"
        type="file"
        multiple
        accept={limits.types.join(',')}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(field)}
      />
    </div>
  );
};
