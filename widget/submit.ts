import type { ErrorBody, FormConfig, FormRefusal, SubmitResponse } from '../shared/api';
import { emit } from './dom';
import type { KlachtErrorDetail } from './events';

/** How one attempt to register the complaint ended. */
export type Outcome =
  | { kind: 'done'; result: SubmitResponse }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'network' }
  | { kind: 'server'; status: number; code?: string };

/**
 * Posts the complaint: JSON when there are no files, otherwise multipart with the same JSON in a
 * part named `complaint` and every file in a part named `attachments`.
 */
export async function sendComplaint(
  url: string,
  body: Record<string, unknown>,
  files: File[],
  idempotencyKey: string,
  lang: string,
): Promise<Outcome> {
  const json = JSON.stringify(body);
  const headers: Record<string, string> = {
    'Accept-Language': lang,
    'Idempotency-Key': idempotencyKey,
  };
  let payload: BodyInit = json;
  if (files.length > 0) {
    const form = new FormData();
    form.append('complaint', new Blob([json], { type: 'application/json' }));
    for (const file of files) form.append('attachments', file, file.name);
    // The browser writes the multipart Content-Type with its boundary itself.
    payload = form;
  } else {
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: payload });
    if (res.status === 201) return { kind: 'done', result: (await res.json()) as SubmitResponse };
  } catch {
    // Also a 201 whose body was cut off: the retry with the same key replays it.
    return { kind: 'network' };
  }
  const error = ((await res.json().catch(() => null)) as ErrorBody | null)?.error;
  if (res.status === 422 && error?.fields) return { kind: 'invalid', fields: error.fields };
  return { kind: 'server', status: res.status, code: error?.code };
}

/**
 * What to tell the person after a failed attempt. 'not_sent': the spam checks refused it (e.g.
 * sent within seconds by autofill); a person who checks the form and sends it again gets through.
 */
export function failureMessage(outcome: { status: number; code?: string }) {
  if (outcome.status === 429) return 'rateLimited' as const;
  return outcome.code === 'not_sent' ? ('notSent' as const) : ('serverFailed' as const);
}

/** What loading the tenant's form gave: the form, a refusal of this page's origin, or nothing. */
export type Loaded = FormConfig | FormRefusal | null;

/** The tenant's form, in the page's language. */
export async function loadForm(base: string, lang: string): Promise<Loaded> {
  try {
    const res = await fetch(`${base}/form`, { headers: { 'Accept-Language': lang } });
    if (res.ok || res.status === 403) return (await res.json()) as FormConfig | FormRefusal;
  } catch {
    // No connection, or an answer the page may not read: nothing to show but that it failed.
  }
  return null;
}

/**
 * Says why the form is not shown: to the site owner in the console when this page's origin is
 * not allowed (the visitor sees where else to complain), and to the page as `klacht-error`.
 */
export function reportLoadFailure(element: HTMLElement, base: string, origin?: string) {
  if (!origin) return emit(element, 'klacht-error', { kind: 'load' } satisfies KlachtErrorDetail);
  console.error(
    `<klacht-form>: ${origin} is not in allowedOrigins; add it: PATCH ${base}/procedure (README: Embed the form), or in the admin view's settings.`,
  );
  emit(element, 'klacht-error', {
    kind: 'load',
    code: 'origin_not_allowed',
    origin,
  } satisfies KlachtErrorDetail);
}
