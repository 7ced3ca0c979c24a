import { html, nothing } from 'lit';
import type { FormConfig, OrganisationContact, SubmitResponse } from '../shared/api';
import { formatDate, type Translate, type WidgetLocale } from './i18n';

// What the element shows instead of the form: the confirmation, or where else to complain.

/** What the complainant sent, recalled in the confirmation. */
export interface Recap {
  category?: string;
  description: string;
  files: string[];
  /** Where the acknowledgement, with the tracking link, goes. */
  email?: string;
}

/** The recap of what was just sent. */
export function recapOf(
  config: FormConfig,
  values: Record<string, string>,
  files: File[],
  lang: WidgetLocale,
): Recap {
  return {
    category: config.categories.find((c) => c.id === values.category)?.label[lang],
    description: values.description ?? '',
    files: files.map((f) => f.name),
    email: values['complainant.email']?.trim(),
  };
}

/** The first words of a long text, so the confirmation recalls it without repeating it all. */
export function firstWords(text: string, count = 20): string {
  const words = text.trim().split(/\s+/);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

/**
 * The confirmation: the number, the day of receipt, one date per term written in full, what
 * happens next, and the tracking link as a link with words (it is also e-mailed when there is an
 * address to mail it to); the explanation of each date is on the tracking page.
 */
export function confirmation(
  result: SubmitResponse,
  recap: Recap,
  t: Translate,
  lang: WidgetLocale,
) {
  return html`
    <section class="confirmation" part="confirmation" tabindex="-1" lang=${lang}
      aria-labelledby="confirmation-title">
      <h2 id="confirmation-title">${t('receivedTitle')}</h2>
      <p>${t('yourNumber')} <span class="number">${result.number}</span></p>
      <p>${t('receivedOn')} ${formatDate(result.receivedAt, lang)}.</p>
      ${
        result.deadlines.length > 0
          ? html`<h3>${t('deadlines')}</h3>
            <ul>
              ${result.deadlines.map(
                (d) => html`<li>${d.label}: ${t('dueBy')} ${formatDate(d.date, lang)}</li>`,
              )}
            </ul>`
          : nothing
      }
      <h3>${t('whatNext')}</h3>
      <p>${t('whatNextText')}</p>
      <p><a class="tracking" href=${result.trackingUrl}>${t('trackingLink')}</a></p>
      <p>${t('trackingText')}${recap.email ? ` ${t('trackingMailed', { email: recap.email })}` : ''}</p>
      <h3>${t('recap')}</h3>
      <dl class="recap">
        ${recap.category ? html`<dt>${t('subject')}</dt><dd>${recap.category}</dd>` : nothing}
        <dt>${t('complaint')}</dt><dd>${firstWords(recap.description)}</dd>
        ${
          recap.files.length > 0
            ? html`<dt>${t('attachments')}</dt><dd>${recap.files.join(', ')}</dd>`
            : nothing
        }
      </dl>
    </section>
  `;
}

/**
 * A page whose origin the organisation has not allowed: the form would be refused, so the
 * visitor gets the organisation's other ways to complain instead (the site owner, the console).
 */
export function refused(contact: OrganisationContact, t: Translate, lang: WidgetLocale) {
  const { name, address, phone, email, website } = contact;
  return html`
    <div class="refused" role="alert" lang=${lang}>
      <p>${t('refused', { name })}</p>
      <ul>
        ${address ? html`<li>${t('byPost')}: ${address.join(', ')}</li>` : nothing}
        ${
          phone
            ? html`<li>${t('byPhone')}:
              <a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a></li>`
            : nothing
        }
        ${email ? html`<li>${t('byEmail')}: <a href="mailto:${email}">${email}</a></li>` : nothing}
        ${website ? html`<li>${t('website')}: <a href=${website.url}>${website.label}</a></li>` : nothing}
        <li><a href=${contact.procedureUrl}>${t('procedureLink', { name })}</a></li>
      </ul>
    </div>
  `;
}
