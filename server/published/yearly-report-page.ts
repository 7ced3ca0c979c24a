import { html } from 'hono/html';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { YearlyReport } from '../reports/yearly-report';
import { publishedLayout } from './published-layout';
import { PAGE_TEXT } from './published-text';

const labelOf = (options: { id: string; label: Record<Locale, string> }[], id: string, l: Locale) =>
  options.find((o) => o.id === id)?.label[l] ?? (id === 'none' ? PAGE_TEXT[l].none : id);

/** A table of counts with a caption; ids shown by the procedure's labels. */
function countTable(
  id: string,
  caption: string,
  counts: Record<string, number>,
  label: (id: string) => string,
  locale: Locale,
) {
  const t = PAGE_TEXT[locale];
  const rows = Object.entries(counts);
  if (rows.length === 0) return '';
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${caption}</h2>
    <table>
      <thead><tr><th scope="col">${caption}</th><th scope="col">${t.count}</th></tr></thead>
      <tbody>${rows.map(([key, n]) => html`<tr><th scope="row">${label(key)}</th><td>${n}</td></tr>`)}</tbody>
    </table>
  </section>`;
}

/**
 * "Handled within the term": the statutory term when the procedure names one, with every term
 * shown apart (an organisation's own acknowledgement term is no legal deadline); else every term.
 */
function withinTermRows(
  procedure: Procedure,
  report: YearlyReport,
  locale: Locale,
): [string, string][] {
  const t = PAGE_TEXT[locale];
  const all = t.withinTermValue(report.handledWithinAllTerms, report.handledWithinAllTermsShare);
  const statutory = report.statutoryTerm ? procedure.terms[report.statutoryTerm] : undefined;
  if (!statutory) return [[t.withinTerm, all]];
  return [
    [
      t.withinStatutoryTerm(statutory.label[locale]),
      t.withinTermValue(report.handledWithinTerm, report.handledWithinTermShare),
    ],
    [t.withinAllTerms, all],
  ];
}

/** The yearly complaint report (Awb 9:12a) as a public page: counts only. */
export function yearlyReportPage(
  tenant: { slug: string; name: string },
  procedure: Procedure,
  report: YearlyReport,
  locale: Locale,
) {
  const t = PAGE_TEXT[locale];
  const organisation = procedure.notifications?.senderName ?? tenant.name;
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  const figures: [string, string | number][] = [
    [t.received, report.received],
    [t.handled, report.handled],
    [t.notHandled, report.notHandled],
    [t.open, report.open],
    ...withinTermRows(procedure, report, locale),
    [t.median, t.medianValue(report.medianHandlingDays)],
    [t.postponed, report.postponed],
  ];
  const admissible = Object.fromEntries(Object.entries(report.admissible).filter(([, n]) => n > 0));
  return publishedLayout(
    locale,
    `${t.yearlyTitle(report.year)} — ${organisation}`,
    { href: `?lang=${other}`, label: PAGE_TEXT[other].otherLanguage },
    html`<h1>${t.yearlyTitle(report.year)} — ${organisation}</h1>
      <p>${t.yearlyIntro(organisation, report.year)}</p>
      <table>
        <caption>${t.yearlyTitle(report.year)}</caption>
        <thead><tr><th scope="col">${t.figure}</th><th scope="col">${t.count}</th></tr></thead>
        <tbody>${figures.map(([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`)}</tbody>
      </table>
      ${countTable('categories', t.byCategory, report.byCategory, (id) => labelOf(procedure.categories, id, locale), locale)}
      ${countTable('classifications', t.byClassification, report.byClassification, (id) => labelOf(procedure.classifications, id, locale), locale)}
      ${procedure.recordAdmissibility ? countTable('admissible', t.admissibleTitle, admissible, (id) => t.admissible[id as keyof typeof t.admissible], locale) : ''}
      <p><a href="/p/${tenant.slug}/klachtenregeling?lang=${locale}">${t.procedureLink}</a></p>`,
  );
}
