import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../../shared/localised';

/**
 * The frame of a tenant's public pages (its procedure, its yearly report): the service's plain
 * style, a link to the other language, and nothing to run.
 */
export function publishedLayout(
  locale: Locale,
  title: string,
  other: { href: string; label: string },
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  const otherLocale: Locale = locale === 'nl' ? 'en' : 'nl';
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/track.css" />
      </head>
      <body>
        <main>
          <p><a href="${other.href}" lang="${otherLocale}" hreflang="${otherLocale}">${other.label}</a></p>
          ${body}
        </main>
      </body>
    </html>`;
}
