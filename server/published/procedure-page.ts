import { html } from 'hono/html';
import { anchorLabel, EVENT_LABELS, termAmount } from '../../shared/deadlines';
import { CONTACT_FIELDS } from '../../shared/letters';
import type { Locale } from '../../shared/localised';
import { own } from '../../shared/own-keys';
import type { Procedure, ProcedureTerm } from '../../shared/procedure';
import { complaintsOfficerSentence } from '../../shared/statutory';
import { termInWords } from '../mail/message-values';
import { publishedLayout } from './published-layout';
import { PAGE_TEXT } from './published-text';

/** "5 werkdagen na ontvangst van uw klacht" for one term of the procedure. */
function termSentence(procedure: Procedure, term: ProcedureTerm, locale: Locale): string {
  const t = PAGE_TEXT[locale];
  const fromLabel =
    typeof term.from === 'string' ? undefined : own(procedure.terms, term.from.term)?.label;
  const anchor = anchorLabel(term.from, fromLabel)[locale];
  const parts = [`${termAmount(term.amount, term.unit, locale)} ${t.after} ${anchor}`];
  if (term.activeAfter) parts.push(t.onlyAfter(EVENT_LABELS[term.activeAfter][locale]));
  if (term.postponable) parts.push(t.postponable(term.postponable.maxWeeks));
  return `${parts.join('; ')}.`;
}

/**
 * The tenant's complaint procedure as a page anyone can read, written from the procedure as it is
 * configured now: who may complain and how, every term in words, the hearing, the committee,
 * appeal and referral, the klachtenfunctionaris, and how long what is kept.
 */
export function procedurePage(
  tenant: { slug: string; name: string },
  procedure: Procedure,
  locale: Locale,
  /** The last full year, whose report the page links to. */
  lastYear: number,
) {
  const t = PAGE_TEXT[locale];
  const organisation = procedure.notifications?.senderName ?? tenant.name;
  const asked = CONTACT_FIELDS.filter((f) => procedure.form.complainant[f] === 'required');
  const channels = Object.entries(procedure.intake);
  const declines = Object.values(procedure.terms).some((term) => term.metBy === 'declined');
  const referral = procedure.referral;
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  return publishedLayout(
    locale,
    `${t.procedureTitle} — ${organisation}`,
    { href: `?lang=${other}`, label: PAGE_TEXT[other].otherLanguage },
    html`<h1>${t.procedureTitle} — ${organisation}</h1>
      <p>${t.procedureIntro(organisation)}</p>
      <section aria-labelledby="who">
        <h2 id="who">${t.whoTitle}</h2>
        <p>${t.who}${procedure.form.onBehalfOf.offered ? ` ${t.onBehalf}` : ''}</p>
      </section>
      <section aria-labelledby="how">
        <h2 id="how">${t.howTitle}</h2>
        <p>${t.howForm}${asked.length ? ` ${t.asked(asked.map((f) => t.fields[f]).join(', '))}` : ''}</p>
        ${channels.length ? html`<ul>${channels.map(([channel, rule]) => html`<li>${t.channels[channel] ?? channel}${rule?.required.length ? `, ${t.with(rule.required.map((f) => t.fields[f]).join(', '))}` : ''}</li>`)}</ul>` : ''}
      </section>
      <section aria-labelledby="terms">
        <h2 id="terms">${t.termsTitle}</h2>
        <ul>
          ${Object.values(procedure.terms)
            .filter((term) => term.public)
            .map(
              (term) =>
                html`<li><strong>${term.label[locale]}</strong>: ${termSentence(procedure, term, locale)}</li>`,
            )}
        </ul>
        <p>${t.workingDays}</p>
      </section>
      ${procedure.hearing ? html`<section aria-labelledby="hearing"><h2 id="hearing">${t.hearingTitle}</h2><p>${t.hearing}</p></section>` : ''}
      ${procedure.committee ? html`<section aria-labelledby="committee"><h2 id="committee">${t.committeeTitle}</h2><p>${t.committee(procedure.committee.name)}</p></section>` : ''}
      ${declines ? html`<section aria-labelledby="decline"><h2 id="decline">${t.declineTitle}</h2><p>${t.decline}</p></section>` : ''}
      <section aria-labelledby="after">
        <h2 id="after">${t.afterTitle}</h2>
        ${procedure.appeal.enabled && procedure.appeal.body ? html`<p>${t.appeal(procedure.appeal.body.role[locale], procedure.appeal.windowDays)}</p>` : ''}
        ${
          referral && 'to' in referral
            ? html`<p>${t.referral(referral.contact ? `${referral.to[locale]} (${referral.contact[locale]})` : referral.to[locale], termInWords(referral.within, locale), referral.within.from)}</p>`
            : referral
              ? html`<p>${referral[locale]}</p>`
              : html`<p>${t.noReferral}</p>`
        }
      </section>
      ${procedure.complaintsOfficer ? html`<section aria-labelledby="officer"><h2 id="officer">${t.officerTitle}</h2><p>${complaintsOfficerSentence(procedure.complaintsOfficer, locale)}</p></section>` : ''}
      <section aria-labelledby="privacy">
        <h2 id="privacy">${t.privacyTitle}</h2>
        <p>${t.retention(procedure.retention.years)}</p>
        ${procedure.form.privacyUrl ? html`<p><a href="${procedure.form.privacyUrl}">${t.privacyLink}</a></p>` : ''}
      </section>
      ${procedure.publish.yearlyReport ? html`<p><a href="/p/${tenant.slug}/jaarverslag/${lastYear}?lang=${locale}">${t.yearlyLink}</a></p>` : ''}`,
  );
}
