import type { AppDeps } from './deps';

export interface JobsReport {
  asOf: string;
  jobs: Record<string, unknown>;
}

/**
 * The scheduled work, called by the Worker's cron trigger and by the Node entry. The outbox relay,
 * reminders and the retention purge register here as they are built.
 */
export async function runJobs(_deps: AppDeps, now: Date): Promise<JobsReport> {
  return { asOf: now.toISOString(), jobs: {} };
}
