import { eq, sql } from 'drizzle-orm';
import { type ClaimedRow, claimDue } from '../db/claims';
import type { Db } from '../db/client';
import { tenants, webhookDeliveries, webhookEndpoints } from '../db/schema';
import type { AppDeps } from '../deps';
import { logError } from '../http/errors';
import { composePayload } from './payload';
import { openSecret, signatureHeaders } from './signing';
import { fetchTransport, type WebhookTransport } from './transport';
import { checkWebhookUrl } from './url-check';

/**
 * Minutes before the next attempt after each failed one: 9 attempts over about 36 hours, after
 * which a delivery is `failed` (the re-send button puts it back in line).
 */
export const WEBHOOK_RETRY_MINUTES = [1, 5, 30, 120, 300, 600, 600, 600];
/** A receiver that has not answered within this long has failed this attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Requests in flight at once (one per complaint), so one slow receiver cannot hold up the others. */
const CONCURRENCY = 8;
// A claimed delivery is ours for this long; a process that dies mid-send leaves it to a later
// run, which sends it again with the same webhook-id (receivers deduplicate by it).
const LEASE_MS = 2 * 60_000;

export interface WebhookReport {
  delivered: number;
  retrying: number;
  failed: number;
}

export interface DeliverOptions {
  batchSize?: number;
  timeoutMs?: number;
  /** How long a claimed delivery is this run's (tests shorten it). */
  leaseMs?: number;
  /** When the lease starts: `now`, or later in a run that did other work first. */
  leaseFrom?: () => Date;
  dryRun?: boolean;
}

type Delivery = typeof webhookDeliveries.$inferSelect;
type Claimed = ClaimedRow & { endpointId: string; complaintId: string };

/**
 * The claimed deliveries by endpoint and complaint, in the order of the claim. A lane is sent one
 * request after another, so a receiver sees one complaint's events in order; lanes run side by
 * side.
 */
function inLanes(claimed: Claimed[]): Map<string, Claimed[]> {
  const lanes = new Map<string, Claimed[]>();
  for (const row of claimed) {
    const lane = `${row.endpointId} ${row.complaintId}`;
    const rows = lanes.get(lane);
    if (rows) rows.push(row);
    else lanes.set(lane, [row]);
  }
  return lanes;
}

/**
 * Sends the webhooks that are due, oldest first with endpoints in turns, in a bounded batch: composes each body, signs
 * it (Standard Webhooks) and posts it; a 2xx is delivered, anything else (an error status, a
 * timeout, a redirect, no connection) is retried after `WEBHOOK_RETRY_MINUTES`. The URL is
 * checked again before every attempt. Called by `runJobs`.
 */
export async function deliverWebhooks(
  deps: AppDeps,
  now: Date,
  options: DeliverOptions = {},
): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retrying: 0, failed: 0 };
  const iso = now.toISOString();
  const due = sql`status IN ('pending', 'sending') AND (next_attempt_at IS NULL OR next_attempt_at <= ${iso})`;
  if (options.dryRun) {
    const [row] = await deps.db.all<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE ${due}`,
    );
    report.delivered = Number(row?.n ?? 0);
    return report;
  }
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  // A delivery started by the claim's startBy must end within the lease.
  if (timeoutMs > leaseMs / 2) throw new Error('a webhook timeout of more than half the lease');
  const claim = await claimDue<Claimed>(deps.db, webhookDeliveries, due, {
    limit: options.batchSize ?? 50,
    from: options.leaseFrom?.() ?? now,
    leaseMs,
    // Endpoints take turns: one that is down does not crowd out its tenant's other endpoints.
    line: sql`endpoint_id`,
    returning: sql`endpoint_id AS endpointId, complaint_id AS complaintId`,
  });
  const lanes = [...inLanes(claim.rows).values()];
  // An endpoint that failed once in this run is not tried again in it: a receiver that hangs
  // costs one timeout per lane under way, not one per delivery.
  const failing = new Set<string>();
  const unstarted: string[] = [];
  const worker = async () => {
    for (let lane = lanes.shift(); lane !== undefined; lane = lanes.shift()) {
      for (const [i, { id, endpointId }] of lane.entries()) {
        if (Date.now() > claim.startBy || failing.has(endpointId)) {
          unstarted.push(...lane.slice(i).map((row) => row.id));
          break;
        }
        const outcome = await deliverOne(deps, id, now, timeoutMs).catch((err) => {
          logError('webhook delivery', err);
          return 'retrying' as const;
        });
        if (outcome === 'retrying') failing.add(endpointId);
        report[outcome]++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, lanes.length) }, worker));
  await claim.release(unstarted);
  return report;
}

async function deliverOne(
  deps: AppDeps,
  id: string,
  now: Date,
  timeoutMs: number,
): Promise<keyof WebhookReport> {
  const { db, config } = deps;
  const delivery = await db.query.webhookDeliveries.findFirst({
    where: eq(webhookDeliveries.id, id),
  });
  if (!delivery) return 'failed';
  const [endpoint, tenant] = await Promise.all([
    db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, delivery.endpointId) }),
    db.query.tenants.findFirst({ where: eq(tenants.id, delivery.tenantId) }),
  ]);
  if (!endpoint || !tenant || endpoint.tenantId !== tenant.id) {
    return finish(db, delivery, now, { error: 'endpoint removed', permanent: true });
  }
  const check = checkWebhookUrl(endpoint.url, config.allowLocalWebhooks);
  if (!check.ok) {
    return finish(db, delivery, now, { error: `refused: ${check.reason}`, permanent: true });
  }
  const secret = openSecret(endpoint.secretSealed, config.secretKey, endpoint.id);
  if (!secret) {
    return finish(db, delivery, now, {
      error: 'the signing secret cannot be opened (KLACHT_SECRET_KEY changed?)',
      permanent: true,
    });
  }
  const body = await composePayload(db, delivery, tenant, endpoint.includePersonalData);
  if (body === null)
    return finish(db, delivery, now, { error: 'complaint not found', permanent: true });
  // The receiver compares it with its own clock, so it is the real time, not the run's.
  const timestamp = Math.floor(Date.now() / 1000);
  const transport: WebhookTransport = deps.webhookTransport ?? fetchTransport;
  const result = await transport({
    url: check.url,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Klachtenregeling-Webhooks/1',
      ...signatureHeaders(secret, delivery.id, timestamp, body),
    },
    body,
    timeoutMs,
    allowLocal: config.allowLocalWebhooks,
  });
  if ('status' in result && result.status >= 200 && result.status < 300) {
    return finish(db, delivery, now, { status: result.status });
  }
  return 'status' in result
    ? finish(db, delivery, now, { status: result.status, error: `HTTP ${result.status}` })
    : finish(db, delivery, now, { error: result.error, permanent: result.refused === true });
}

async function finish(
  db: Db,
  delivery: Delivery,
  now: Date,
  result: { status?: number; error?: string; permanent?: boolean },
): Promise<keyof WebhookReport> {
  const lastStatus = result.status ?? null;
  if (!result.error) {
    await db
      .update(webhookDeliveries)
      .set({
        status: 'delivered',
        lastStatus,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: new Date().toISOString(),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    return 'delivered';
  }
  const wait = WEBHOOK_RETRY_MINUTES[delivery.attempts - 1];
  const retry = !result.permanent && wait !== undefined;
  await db
    .update(webhookDeliveries)
    .set({
      status: retry ? 'pending' : 'failed',
      lastStatus,
      lastError: result.error.slice(0, 500),
      nextAttemptAt: retry ? new Date(now.getTime() + wait * 60_000).toISOString() : null,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  return retry ? 'retrying' : 'failed';
}
