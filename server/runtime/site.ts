import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { PRESET_NAMES } from '../../shared/presets';

/** Demo pages beside the presets' own: a themed site (wenb) and an English one (totaalonder1dak). */
const EXTRA_PAGES = ['theming', 'english'];

// The strictest policy a customer's site might have: the widget must work under it.
const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// A versioned URL never changes content; the major alias and the stable URL follow releases.
const VERSIONED = /^\/widget\/v\d+\.\d+\.\d+[^/]*\//;

/**
 * What the Node entry serves besides the API: the widget bundle at its versioned, major and
 * stable URLs, and the demo site, whose pages embed the widget exactly as a customer's site would
 * (one script tag), under a strict Content-Security-Policy.
 */
export function siteRoutes(root: string, origin: () => string) {
  const site = new Hono();
  site.use(
    '/widget/*',
    serveStatic({
      root: resolve(root, 'dist/public'),
      onFound: (_path, c) => {
        const immutable = VERSIONED.test(c.req.path);
        c.header(
          'Cache-Control',
          immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
        c.header('Access-Control-Allow-Origin', '*');
        // Any site may load the widget: that is what it is for.
        c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    }),
  );
  const page = async (name: string) => {
    const html = await readFile(resolve(root, 'demo', `${name}.html`), 'utf8');
    // The build writes the pinned URL and its SRI hash; the index shows them in its snippet.
    const pinned = await readFile(resolve(root, 'dist/public/widget/integrity.json'), 'utf8')
      .then((text) => JSON.parse(text) as { url: string; integrity: string })
      .catch(() => ({ url: '/widget/klacht-form.js', integrity: '' }));
    return html
      .replaceAll('{{origin}}', origin())
      .replaceAll('{{pinnedUrl}}', pinned.url)
      .replaceAll('{{integrity}}', pinned.integrity);
  };
  site.use('/', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', DEMO_CSP);
  });
  site.use('/demo/*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', DEMO_CSP);
  });
  // The home page is Dutch, as the service is; `?lang=en` gives it in English.
  site.get('/', async (c) =>
    c.html(await page(c.req.query('lang') === 'en' ? 'index-en' : 'index')),
  );
  site.get('/favicon.ico', (c) => c.body(null, 204));
  site.get('/demo/:tenant', async (c, next) => {
    const name = c.req.param('tenant');
    if (!(PRESET_NAMES as string[]).includes(name) && !EXTRA_PAGES.includes(name)) return next();
    return c.html(await page(name));
  });
  site.use(
    '/demo/*',
    serveStatic({ root: resolve(root, 'demo'), rewriteRequestPath: (p) => p.slice(5) }),
  );
  return site;
}
