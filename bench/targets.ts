/**
 * What `npm run bench` must show on this machine (issue 12). The bench prints each with its
 * figure and exits with 1 when one is missed, so a change that slows the product down fails it.
 */
export const TARGETS = {
  /** A tenant-key submission's throughput against the health route's, in the same run. */
  keyedShareOfHealth: 0.15,
  /** p99 of tenant-key submissions at 500 per second offered, in ms. */
  p99At500PerSecondMs: 25,
  /** p99 of the monthly report over a year of 1,000,000 complaints, in ms. */
  monthlyReportMs: 200,
  /** p99 of the register's first page at 1,000,000 complaints, in ms. */
  registerPageMs: 50,
  /** How far a CSV export's peak memory may climb from its first quarter to its last, in MB. */
  csvGrowthMb: 32,
  /** Complaints the retention purge erases per minute, run as often as it needs. */
  purgePerMinute: 50_000,
  /** The Worker's startup script (worker.js and its static imports), gzipped, in bytes. */
  workerGzipBytes: 150_000,
  /** The widget, gzipped, in bytes. */
  widgetGzipBytes: 15 * 1024,
} as const;

const verdicts: string[] = [];

/** Records whether `figure` meets its target, for the verdict table at the end. */
export function check(what: string, ok: boolean, figure: string, target: string): void {
  verdicts.push(`| ${what} | ${figure} | ${target} | ${ok ? 'met' : '**missed**'} |`);
}

/** The verdicts as a table, and whether every target was met. */
export function verdict(): { table: string; met: boolean } {
  return {
    table: ['| target | figure | wanted | |', '| --- | --- | --- | --- |', ...verdicts].join('\n'),
    met: verdicts.every((v) => v.endsWith('| met |')),
  };
}
