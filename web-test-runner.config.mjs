import { register } from 'tsx/esm/api';

// The real app and its helpers are TypeScript; register tsx before importing them.
register();

const { getRequestListener } = await import('@hono/node-server');
const { esbuildPlugin } = await import('@web/dev-server-esbuild');
const { chromeLauncher } = await import('@web/test-runner-chrome');
const { testApp } = await import('./test/helpers.ts');

// The widget talks to the real API (real routes, real libSQL file), not to a mock: the app runs
// in this process and answers the API paths on the test page's own origin.
const api = await testApp();
await api.tenant('totaalonder1dak');
await api.tenant('wenb');
const listener = getRequestListener(api.app.fetch);

let closed = false;
const close = () => {
  if (closed) return;
  closed = true;
  api.close();
};
process.on('exit', close);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  middleware: [
    async (ctx, next) => {
      if (!ctx.path.startsWith('/v1/') && ctx.path !== '/health') return next();
      // Hono writes the response itself; koa must not touch it afterwards.
      ctx.respond = false;
      await listener(ctx.req, ctx.res);
    },
  ],
};
