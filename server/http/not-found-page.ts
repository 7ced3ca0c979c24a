import { html } from 'hono/html';

/** The service's plain page style (served by every runtime at /track.css). */
const STYLE = '/track.css';

/**
 * The page a browser gets for an address that does not exist (404) or does not take this
 * method (405): in Dutch with an English line, a title, and the way home and to signing in.
 */
export function missingPage(status: 404 | 405) {
  const [title, text, english] =
    status === 404
      ? [
          'Pagina niet gevonden',
          'Deze pagina bestaat niet. Misschien is de link niet volledig, of is de pagina verplaatst.',
          'This page does not exist.',
        ]
      : [
          'Dit kan hier niet',
          'Deze pagina bestaat, maar niet voor dit soort verzoek.',
          'This page does not take this kind of request.',
        ];
  return html`<!doctype html>
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} – Klachtenregeling</title>
        <link rel="stylesheet" href="${STYLE}" />
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          <p>${text}</p>
          <p lang="en">${english}</p>
          <ul>
            <li><a href="/">Naar de startpagina</a></li>
            <li><a href="/admin">Aanmelden als medewerker</a></li>
          </ul>
        </main>
      </body>
    </html>`;
}
