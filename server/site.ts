import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { PRESET_NAMES } from '../shared/presets';

/**
 * What the Node entry serves besides the API: the widget bundle at its stable URL, and the demo
 * site, whose pages embed the widget exactly as a customer's site would (one script tag).
 */
export function siteRoutes(root: string, origin: () => string) {
  const site = new Hono();
  site.use(
    '/widget/*',
    serveStatic({
      root: resolve(root, 'dist/public'),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
      },
    }),
  );
  const page = async (name: string) => {
    const html = await readFile(resolve(root, 'demo', `${name}.html`), 'utf8');
    return html.replaceAll('{{origin}}', origin());
  };
  site.get('/', async (c) => c.html(await page('index')));
  site.get('/favicon.ico', (c) => c.body(null, 204));
  site.get('/demo/:tenant', async (c, next) => {
    const tenant = c.req.param('tenant');
    if (!(PRESET_NAMES as string[]).includes(tenant)) return next();
    return c.html(await page(tenant));
  });
  site.use(
    '/demo/*',
    serveStatic({ root: resolve(root, 'demo'), rewriteRequestPath: (p) => p.slice(5) }),
  );
  return site;
}
