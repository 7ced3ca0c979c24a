import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  /** Requests per second that got an answer (any status). */
  rps: number;
  p50: number;
  p99: number;
  /** Answers with an unexpected status. */
  errors: number;
}

/** Runs autocannon against one route and sums up what matters. */
export async function load(
  name: string,
  options: {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    seconds?: number;
    connections?: number;
    /** Requests per second offered in all (otherwise as fast as the server answers). */
    rate?: number;
    expectStatus?: number;
  },
): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    duration: options.seconds ?? 10,
    connections: options.connections ?? 20,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  const expected = options.expectStatus ?? 200;
  const byStatus = result.statusCodeStats as Record<string, { count: number }> | undefined;
  const unexpected = Object.entries(byStatus ?? {})
    .filter(([status]) => Number(status) !== expected)
    .reduce((sum, [, s]) => sum + s.count, 0);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: unexpected + result.errors + result.timeouts,
  };
}
