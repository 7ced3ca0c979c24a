import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../../shared/localised';
import { fullDate, type TrackText } from './tracking-text';
import type { TrackingView } from './tracking-view';

// The parts of the tracking page, each a function of the view and the page's words.

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the complainant typed that the page refused, with a message per field. */
export interface PageState {
  done?: string;
  /** Problems with what was typed, by field (`grounds`, `satisfied`, `comment`). */
  fields?: Record<string, string>;
  /** A problem that is not one field's (the complaint's status no longer allows the step). */
  error?: string;
  grounds?: string;
  comment?: string;
  /** The second step of asking for erasure: the question whether they are sure. */
  confirmErasure?: boolean;
}

/** Where each field's summary link goes. */
const FIELD_TARGET: Record<string, string> = {
  grounds: 'grounds',
  satisfied: 'satisfied-yes',
  comment: 'comment',
};

/** The form's error pattern: a summary at the top linking to each field. */
export function errorSummary(t: TrackText, fields: Record<string, string>): Html {
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus
      aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">${t.errorSummary}</h2>
      <ul>
        ${Object.entries(fields).map(
          ([field, message]) =>
            html`<li><a href="#${FIELD_TARGET[field] ?? field}">${message}</a></li>`,
        )}
      </ul>
    </div>`;
}

/** The message at the field, and the attributes that tie the field to it. */
function atField(t: TrackText, id: string, message: string | undefined, group = false) {
  const described = group
    ? html`aria-describedby="${id}-error"`
    : html`aria-invalid="true" aria-describedby="${id}-error"`;
  return {
    message: message
      ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${t.errorPrefix}</span> ${message}</p>`
      : '',
    attributes: message ? described : '',
  };
}

export function deadlinesSection(t: TrackText, view: TrackingView, locale: Locale): Html {
  return html`<section aria-labelledby="deadlines">
    <h2 id="deadlines">${t.deadlines}</h2>
    <ul>
      ${view.deadlines.map(
        (d) =>
          html`<li><strong>${d.label}</strong>: ${t.by} ${fullDate(d.date, locale)}${d.met ? ` (${t.met})` : ''}.
            <br /><small>${d.explanation}</small></li>`,
      )}
    </ul>
  </section>`;
}

export function timelineSection(t: TrackText, view: TrackingView, locale: Locale): Html {
  return html`<section aria-labelledby="timeline">
    <h2 id="timeline">${t.timeline}</h2>
    <ol>
      ${view.timeline.map(
        (e) =>
          html`<li><strong>${e.label}</strong>, ${fullDate(e.date, locale)}${e.judgement ? html`<br /><strong>${e.judgement}</strong>` : ''}${e.text ? html`<br /><span class="text">${e.text}</span>` : ''}</li>`,
      )}
    </ol>
  </section>`;
}

/** The judgement in words, what was found and what the organisation does about it. */
export function decisionSection(t: TrackText, decision: NonNullable<TrackingView['decision']>) {
  if (!decision.judgement && !decision.summary && !decision.remedy) return '';
  return html`<section aria-labelledby="decision">
    <h2 id="decision">${t.decisionTitle}</h2>
    ${decision.judgement ? html`<p><strong>${decision.judgement}</strong></p>` : ''}
    ${decision.summary ? html`<p class="text">${decision.summary}</p>` : ''}
    ${decision.remedy ? html`<p>${t.remedy}: ${decision.remedy}</p>` : ''}
  </section>`;
}

export function proposalSection(
  t: TrackText,
  view: TrackingView,
  locale: Locale,
  action: (step: string) => string,
  state: PageState,
): Html | '' {
  if (!view.proposedSolution || !(view.canAccept || view.canAppeal)) return '';
  const grounds = atField(t, 'grounds', state.fields?.grounds);
  return html`<section aria-labelledby="proposal">
    <h2 id="proposal">${t.proposal}</h2>
    <p class="text">${view.proposedSolution}</p>
    ${
      view.canAccept
        ? html`<form method="post" action="${action('accept')}"><button type="submit">${t.accept}</button></form>`
        : ''
    }
    ${
      view.canAppeal
        ? html`<h3>${t.appealTitle}</h3>
          <p>${t.appealIntro(view.appealBody ?? '', fullDate(view.appealWindowEnds ?? '', locale))}</p>
          <form method="post" action="${action('appeal')}" novalidate>
            <label for="grounds">${t.grounds}</label>
            ${grounds.message}
            <textarea id="grounds" name="grounds" maxlength="10000" ${grounds.attributes}>${state.grounds ?? ''}</textarea>
            <button type="submit" class="${view.canAccept ? 'secondary' : ''}">${t.appeal}</button>
          </form>`
        : ''
    }
  </section>`;
}

/** The satisfaction question (004 §5): a choice and a comment, sent with one button. */
export function satisfactionSection(
  t: TrackText,
  view: TrackingView,
  action: (step: string) => string,
  state: PageState,
): Html | '' {
  if (!view.canRateSatisfaction) return '';
  if (view.satisfied !== null) {
    return html`<section aria-labelledby="satisfaction">
      <h2 id="satisfaction">${t.satisfactionTitle}</h2><p>${t.thanks}</p></section>`;
  }
  const choice = atField(t, 'satisfied', state.fields?.satisfied, true);
  const comment = atField(t, 'comment', state.fields?.comment);
  return html`<section aria-labelledby="satisfaction">
    <form method="post" action="${action('satisfaction')}" novalidate>
      <fieldset class="radios" ${choice.attributes}>
        <legend><h2 id="satisfaction">${t.satisfactionTitle}</h2></legend>
        ${choice.message}
        <label><input type="radio" id="satisfied-yes" name="satisfied" value="true" /> ${t.yes}</label>
        <label><input type="radio" name="satisfied" value="false" /> ${t.no}</label>
      </fieldset>
      <label for="comment">${t.comment}</label>
      ${comment.message}
      <textarea id="comment" name="comment" maxlength="2000" ${comment.attributes}>${state.comment ?? ''}</textarea>
      <button type="submit">${t.send}</button>
    </form>
  </section>`;
}

/** The complainant's copy of what they sent. */
export function submittedSection(t: TrackText, view: TrackingView): Html {
  const { submitted } = view;
  const f = t.fields;
  const row = (term: string, value: string | null | undefined) =>
    value ? html`<dt>${term}</dt><dd class="text">${value}</dd>` : '';
  const person = (p: NonNullable<TrackingView['submitted']['onBehalfOf']>) =>
    [p.initials, p.name].filter(Boolean).join(' ');
  const other = submitted.onBehalfOf;
  return html`<section aria-labelledby="submitted">
    <h2 id="submitted">${t.submittedTitle}</h2>
    <dl class="answers">
      ${row(f.name, person(submitted.complainant))}
      ${row(f.address, submitted.complainant.address)}
      ${row(f.phone, submitted.complainant.phone)}
      ${row(f.email, submitted.complainant.email)}
      ${row(f.onBehalfOf, other ? [person(other), other.address, other.phone, other.email].filter(Boolean).join(', ') : null)}
      ${row(f.category, submitted.category)}
      ${row(f.description, submitted.description)}
      ${row(f.desiredSolution, submitted.desiredSolution)}
      ${row(f.files, submitted.files.join(', '))}
    </dl>
  </section>`;
}

/** How to reach the organisation: its letterhead, its site and its procedure. */
export function contactSection(t: TrackText, view: TrackingView): Html {
  const { contact, organisation } = view;
  const digits = contact.phone?.replace(/[^\d+]/g, '');
  return html`<section aria-labelledby="contact">
    <h2 id="contact">${t.contactTitle(organisation)}</h2>
    <p>${t.contactIntro(view.number)}</p>
    <ul>
      ${contact.address ? html`<li>${t.byPost}: ${contact.address.join(', ')}</li>` : ''}
      ${contact.phone ? html`<li>${t.byPhone}: <a href="tel:${digits}">${contact.phone}</a></li>` : ''}
      ${contact.email ? html`<li>${t.byEmail}: <a href="mailto:${contact.email}">${contact.email}</a></li>` : ''}
      ${contact.website ? html`<li><a href="${contact.website.url}">${t.website(organisation)}</a></li>` : ''}
      <li><a href="${contact.procedureUrl}">${t.procedure(organisation)}</a></li>
    </ul>
  </section>`;
}

/**
 * Asking for erasure is a secondary action with a question before it: the first button only
 * opens the question; afterwards the section says what happens next.
 */
export function erasureSection(
  t: TrackText,
  view: TrackingView,
  locale: Locale,
  links: { action: (step: string) => string; query: (extra?: string) => string },
  state: PageState,
): Html {
  let body: Html;
  if (view.erasureRequestedOn) {
    body = html`<p>${t.erasureRequested(fullDate(view.erasureRequestedOn, locale))}</p>
      <p>${t.erasureNext}</p>`;
  } else if (state.confirmErasure) {
    body = html`<div id="erasure-confirm" tabindex="-1">
      <h3>${t.erasureConfirmTitle}</h3>
      <p>${t.erasureConfirmText}</p>
      <form method="post" action="${links.action('erasure')}">
        <button type="submit" class="secondary">${t.erasureConfirm}</button>
      </form>
      <p><a href="${links.query()}#erasure">${t.erasureCancel}</a></p>
    </div>`;
  } else {
    body = html`<p>${t.erasureIntro}</p>
      <p><a class="button secondary" href="${links.query('confirm=erasure')}#erasure-confirm">${t.erasure}</a></p>`;
  }
  return html`<section aria-labelledby="erasure">
    <h2 id="erasure">${t.erasureTitle}</h2>
    ${body}
  </section>`;
}
