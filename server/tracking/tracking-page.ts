import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import type { TrackingView } from './tracking-view';

const T = {
  nl: {
    title: 'Uw klacht',
    number: 'Klachtnummer',
    status: 'Status',
    deadlines: 'Termijnen',
    met: 'gedaan',
    by: 'uiterlijk',
    timeline: 'Verloop',
    proposal: 'Voorgestelde oplossing',
    accept: 'Ik ga akkoord met deze oplossing',
    appealTitle: 'Niet akkoord? Ga in beroep',
    appealIntro: (body: string, until: string) =>
      `U kunt tot en met ${until} in beroep gaan bij ${body}. Leg uit waarom u het niet eens bent met de oplossing.`,
    grounds: 'Waarom gaat u niet akkoord? (verplicht)',
    appeal: 'Beroep instellen',
    satisfactionTitle: 'Bent u tevreden over hoe wij uw klacht hebben behandeld?',
    yes: 'Ja, tevreden',
    no: 'Nee, niet tevreden',
    comment: 'Toelichting (optioneel)',
    send: 'Versturen',
    thanks: 'Bedankt voor uw antwoord.',
    erasureTitle: 'Uw gegevens laten verwijderen',
    erasureIntro:
      'U kunt ons vragen uw gegevens te verwijderen. Wij doen dat binnen een maand en laten het u weten.',
    erasure: 'Vraag verwijdering aan',
    done: {
      accept: 'U bent akkoord gegaan met de oplossing. Bedankt.',
      appeal: 'Uw beroep is ontvangen.',
      satisfaction: 'Bedankt voor uw antwoord.',
      erasure: 'Uw verzoek om verwijdering is ontvangen.',
    } as Record<string, string>,
    invalid: 'Deze link is niet (meer) geldig.',
    invalidHelp:
      'Controleer of u de volledige link uit onze e-mail heeft gebruikt, of neem contact op met de organisatie.',
    other: 'English',
  },
  en: {
    title: 'Your complaint',
    number: 'Complaint number',
    status: 'Status',
    deadlines: 'Deadlines',
    met: 'done',
    by: 'by',
    timeline: 'History',
    proposal: 'Proposed solution',
    accept: 'I accept this solution',
    appealTitle: 'Do not agree? Appeal',
    appealIntro: (body: string, until: string) =>
      `You can appeal to the ${body} until ${until}. Explain why you do not agree with the solution.`,
    grounds: 'Why do you not agree? (required)',
    appeal: 'File appeal',
    satisfactionTitle: 'Are you satisfied with how we handled your complaint?',
    yes: 'Yes, satisfied',
    no: 'No, not satisfied',
    comment: 'Comment (optional)',
    send: 'Send',
    thanks: 'Thank you for your answer.',
    erasureTitle: 'Have your details deleted',
    erasureIntro:
      'You can ask us to delete your details. We do so within a month and let you know.',
    erasure: 'Request deletion',
    done: {
      accept: 'You accepted the solution. Thank you.',
      appeal: 'Your appeal has been received.',
      satisfaction: 'Thank you for your answer.',
      erasure: 'Your request for deletion has been received.',
    } as Record<string, string>,
    invalid: 'This link is not (or no longer) valid.',
    invalidHelp: 'Check that you used the full link from our e-mail, or contact the organisation.',
    other: 'Nederlands',
  },
};

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

export const TRACK_CSS = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a}
main{max-width:40rem;margin:0 auto;padding:1rem}
section{border-top:1px solid #767676;padding-block:1rem}
label{display:block;font-weight:600;margin-block:.5rem .25rem}
textarea{display:block;width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:2px solid #5c5c5c}
button{font:inherit;font-weight:700;min-height:2.75rem;padding:.5rem 1rem;margin-block:.5rem;background:#154273;color:#fff;border:2px solid transparent;border-radius:4px;cursor:pointer}
.notice{border:3px solid #39870c;padding:.75rem}
.error{border:3px solid #b00020;padding:.75rem}
:focus-visible{outline:3px solid #ffb612;outline-offset:2px}
@media (forced-colors:active){button{border-color:ButtonText}}`;

export function invalidPage(locale: Locale) {
  const t = T[locale];
  return layout(locale, t.invalid, html`<h1>${t.invalid}</h1><p>${t.invalidHelp}</p>`);
}

/**
 * The tracking page in `locale`: the complaint's language unless the link asked for another
 * (`asked`, from `?lang=`), which its forms then keep, so a step comes back in that language.
 */
export function trackingPage(
  view: TrackingView,
  locale: Locale,
  page: { path: string; asked: Locale | null },
  state: { done?: string; error?: string; grounds?: string } = {},
) {
  const t = T[locale];
  // `?done=` is the visitor's to write: own keys only, so `constructor` finds no function.
  const done = state.done === undefined ? undefined : own<string>(t.done, state.done);
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  const action = (step: string) => `${page.path}/${step}${page.asked ? `?lang=${page.asked}` : ''}`;
  return layout(
    locale,
    `${t.title} ${view.number} — ${view.organisation}`,
    html`<p><a href="?lang=${other}" lang="${other}">${t.other}</a></p>
      <h1>${t.title} — ${view.organisation}</h1>
      ${done ? html`<p class="notice" role="status">${done}</p>` : ''}
      ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
      <dl>
        <dt>${t.number}</dt><dd>${view.number}</dd>
        <dt>${t.status}</dt><dd>${view.statusLabel}</dd>
      </dl>
      ${view.complaintsOfficer ? html`<p>${view.complaintsOfficer}</p>` : ''}
      <section aria-labelledby="deadlines">
        <h2 id="deadlines">${t.deadlines}</h2>
        <ul>
          ${view.deadlines.map(
            (
              d,
            ) => html`<li><strong>${d.label}</strong>: ${t.by} ${formatDate(d.date, locale)}${d.met ? ` (${t.met})` : ''}.
              <br /><small>${d.explanation}</small></li>`,
          )}
        </ul>
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">${t.timeline}</h2>
        <ol>
          ${view.timeline.map(
            (e) =>
              html`<li><strong>${e.label}</strong>, ${formatDate(e.at.slice(0, 10), locale)}${e.text ? html`<br />${e.text}` : ''}</li>`,
          )}
        </ol>
      </section>
      ${
        view.proposedSolution && (view.canAccept || view.canAppeal)
          ? html`<section aria-labelledby="proposal">
            <h2 id="proposal">${t.proposal}</h2>
            <p>${view.proposedSolution}</p>
            ${
              view.canAccept
                ? html`<form method="post" action="${action('accept')}"><button type="submit">${t.accept}</button></form>`
                : ''
            }
            ${
              view.canAppeal
                ? html`<h3>${t.appealTitle}</h3>
                  <p>${t.appealIntro(view.appealBody ?? '', formatDate(view.appealWindowEnds ?? '', locale))}</p>
                  <form method="post" action="${action('appeal')}">
                    <label for="grounds">${t.grounds}</label>
                    <textarea id="grounds" name="grounds" required maxlength="10000"
                      ${state.error ? html`aria-invalid="true"` : ''}>${state.grounds ?? ''}</textarea>
                    <button type="submit">${t.appeal}</button>
                  </form>`
                : ''
            }
          </section>`
          : ''
      }
      ${
        view.canRateSatisfaction
          ? html`<section aria-labelledby="satisfaction">
            <h2 id="satisfaction">${t.satisfactionTitle}</h2>
            ${
              view.satisfied !== null
                ? html`<p>${t.thanks}</p>`
                : html`<form method="post" action="${action('satisfaction')}">
                  <label for="comment">${t.comment}</label>
                  <textarea id="comment" name="comment" maxlength="2000"></textarea>
                  <button type="submit" name="satisfied" value="true">${t.yes}</button>
                  <button type="submit" name="satisfied" value="false">${t.no}</button>
                </form>`
            }
          </section>`
          : ''
      }
      <section aria-labelledby="erasure">
        <h2 id="erasure">${t.erasureTitle}</h2>
        <p>${t.erasureIntro}</p>
        <form method="post" action="${action('erasure')}"><button type="submit">${t.erasure}</button></form>
      </section>`,
  );
}
