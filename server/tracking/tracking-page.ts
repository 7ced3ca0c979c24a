import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import {
  contactSection,
  deadlinesSection,
  decisionSection,
  erasureSection,
  errorSummary,
  type PageState,
  proposalSection,
  satisfactionSection,
  submittedSection,
  timelineSection,
} from './tracking-sections';
import { fullDate, TRACK_TEXT } from './tracking-text';
import type { TrackingView } from './tracking-view';

export type { PageState } from './tracking-sections';

function layout(
  locale: Locale,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <link rel="stylesheet" href="/track.css" />
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;
}

export function invalidPage(locale: Locale) {
  const t = TRACK_TEXT[locale];
  return layout(locale, t.invalid, html`<h1>${t.invalid}</h1><p>${t.invalidHelp}</p>`);
}

/**
 * The tracking page in `locale`: the complaint's language unless the link asked for another
 * (`asked`, from `?lang=`), which its forms and links then keep, so a step comes back in it.
 * Who it is with and how to reach them, where the complaint stands, its one main action (accept
 * a proposal, or answer the satisfaction question), what was decided, what was sent, and asking
 * for erasure as a second step.
 */
export function trackingPage(
  view: TrackingView,
  locale: Locale,
  page: { path: string; asked: Locale | null },
  state: PageState = {},
) {
  const t = TRACK_TEXT[locale];
  // `?done=` is the visitor's to write: own keys only, so `constructor` finds no function.
  const done = state.done === undefined ? undefined : own<string>(t.done, state.done);
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  const kept = page.asked ? `lang=${page.asked}` : '';
  const action = (step: string) => `${page.path}/${step}${kept ? `?${kept}` : ''}`;
  const query = (extra?: string) => `?${[kept, extra].filter(Boolean).join('&')}`;
  const website = view.contact.website;
  const problems = state.fields && Object.keys(state.fields).length > 0 ? state.fields : null;
  return layout(
    locale,
    `${t.title} ${view.number} — ${view.organisation}`,
    html`<p><a href="?lang=${other}" lang="${other}">${t.other}</a>${
      website ? html` · <a href="${website.url}">${t.website(view.organisation)}</a>` : ''
    }</p>
      <h1>${t.title} — ${view.organisation}</h1>
      ${problems ? errorSummary(t, problems) : ''}
      ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
      ${done ? html`<p class="notice" role="status">${done}</p>` : ''}
      <dl>
        <dt>${t.number}</dt><dd>${view.number}</dd>
        <dt>${t.received}</dt><dd>${fullDate(view.receivedDate, locale)}</dd>
        <dt>${t.status}</dt><dd>${view.statusLabel}</dd>
      </dl>
      ${view.complaintsOfficer ? html`<p>${view.complaintsOfficer}</p>` : ''}
      ${proposalSection(t, view, locale, action, state)}
      ${view.decision ? decisionSection(t, view.decision) : ''}
      ${satisfactionSection(t, view, action, state)}
      ${deadlinesSection(t, view, locale)}
      ${timelineSection(t, view, locale)}
      ${submittedSection(t, view)}
      ${contactSection(t, view)}
      ${erasureSection(t, view, locale, { action, query }, state)}`,
  );
}

/**
 * A refused step's field messages in the page's own words: a missing answer says which one, and
 * any other message gets the field's name in front, so each line of the summary reads on its own.
 */
export function fieldProblems(
  fields: Record<string, string>,
  typed: Record<string, unknown>,
  locale: Locale,
): Record<string, string> {
  const t = TRACK_TEXT[locale];
  return Object.fromEntries(
    Object.entries(fields).map(([field, message]) => {
      if (field === 'satisfied') return [field, t.satisfiedMissing];
      if (field === 'grounds') {
        const empty = String(typed.grounds ?? '').trim() === '';
        return [field, empty ? t.groundsMissing : `${t.groundsName}: ${message}`];
      }
      return [field, field === 'comment' ? `${t.commentName}: ${message}` : message];
    }),
  );
}
