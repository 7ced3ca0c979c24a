import type { ExecutionContext } from 'hono';
import { logError } from '../http/errors';
import { handleEmail, type InboundEmail } from '../inbound/email-handler';
import { runJobs } from '../jobs/run-jobs';
import { mailerFromEnv } from './mailer-from-env';
import { workerDeps } from './worker-deps';

/*
 * The Worker's second module: what runs outside requests, loaded on the first scheduled() or
 * email() event of an isolate and never for a request, so the script that starts for every
 * request stays small. It holds the jobs (the outbox relay with the Resend SDK, reminders, the
 * retention purge, webhook deliveries) and e-mail intake (with postal-mime).
 * In the built Worker it is a chunk of its own (scripts/build-worker.mjs), imported by worker.ts.
 */

type Bindings = Record<string, unknown>;

const deps = workerDeps((env) => ({ mailer: mailerFromEnv(env) }));

/**
 * Runs a handler; a failure is logged without what it may carry (a database error quotes its
 * parameters) and rethrown bare, so the runtime still sees it fail: Email Routing then reports a
 * temporary failure and the sending server tries again, and the cron run shows as failed.
 */
async function guarded<T>(where: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    logError(where, err);
    throw new Error(`${where} failed; see the log line before this one`);
  }
}

/** The cron trigger: the same runJobs() as the Node entry's timer and `npm run jobs`. */
export async function scheduled(
  controller: { scheduledTime: number },
  bindings: Bindings,
  ctx: ExecutionContext,
) {
  await guarded('scheduled', async () => {
    const report = runJobs(await deps(bindings), new Date(controller.scheduledTime));
    // The report is logged as one JSON line; a failed run is logged by guarded().
    ctx.waitUntil(report.then((r) => console.log(JSON.stringify(r))).catch(() => {}));
    await report;
  });
}

/**
 * Cloudflare Email Routing: a message to a tenant's complaint address, through the same intake
 * as the Node entry's `POST …/inbound-mail`. Logs what became of it (no personal data).
 */
export async function email(message: InboundEmail, bindings: Bindings, _ctx: ExecutionContext) {
  await guarded('email', async () => {
    const outcome = await handleEmail(await deps(bindings), message);
    if (outcome) console.log(JSON.stringify({ email: outcome }));
  });
}
