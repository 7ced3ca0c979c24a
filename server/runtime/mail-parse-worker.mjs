// The thread's entry: the Node entry runs TypeScript through tsx, whose loader a worker thread
// does not inherit, so it registers it before loading the parser (mail-parse-worker.ts).
const { register } = await import('tsx/esm/api');
register();
await import('./mail-parse-worker.ts');
