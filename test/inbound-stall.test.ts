import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handleEmail } from '../server/inbound/email-handler';
import { MAX_MAIL_DEPTH, MAX_MAIL_PARTS } from '../server/inbound/limits';
import { testApp } from './helpers';
import { confirmedInboundAddress } from './inbound-helpers';
import { manyParts, nested } from './mail-messages';
import { type RunningServer, startServer } from './server';
import { probeUntilTimely } from './stall-probe';

/*
 * Issue 22, item 1: a message built to make the MIME parser work hard (thousands of one-line
 * parts, deep nesting) is set aside within a second on the real Node server, and `/health`
 * keeps answering meanwhile; the Worker's email() handler applies the same bound.
 */

describe('a message that makes the parser work hard, on the real Node server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ JOBS_INTERVAL_SECONDS: '0' });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  test('8,000 one-line parts are set aside within a second, and /health answers within 200 ms meanwhile', async () => {
    const raw = manyParts(8_000);
    const key = server.keys.wenb;
    // The first message loads the parser, and the first answers are slow on a fresh process:
    // one-time costs of the process, not of the message.
    for (let i = 0; i < 3; i++) {
      const warm = await fetch(`${server.url}/v1/tenants/wenb/inbound-mail`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'message/rfc822' },
        body: manyParts(2 + i),
      });
      expect(warm.status).toBeLessThan(300);
      await (await fetch(`${server.url}/health`)).arrayBuffer();
    }
    const report = await probeUntilTimely(
      server.url,
      async () => {
        const res = await fetch(`${server.url}/v1/tenants/wenb/inbound-mail`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'message/rfc822' },
          body: raw,
        });
        return { status: res.status, body: await res.json() };
      },
      { workMs: 1_000, healthMs: 200 },
    );
    expect(report.probes).toBeGreaterThan(0);
    expect({
      status: report.result.status,
      reason: report.result.body.reason,
      withinOneSecond: report.workMs < 1_000,
      healthWithin200ms: report.slowestHealthMs < 200,
    }).toEqual({
      status: 202,
      reason: 'too_complex',
      withinOneSecond: true,
      healthWithin200ms: true,
    });
  }, 30_000);
});

describe("the Worker's email() handler", () => {
  test('sets aside a message over the part or depth limit, as the route does', async () => {
    const t = await testApp();
    try {
      const key = await t.tenant('wenb');
      await confirmedInboundAddress(t, 'wenb', key, 'klachten@wenb.nl', new Date());
      const deliver = async (raw: Uint8Array<ArrayBuffer>) => {
        const rejected: string[] = [];
        const started = performance.now();
        const outcome = await handleEmail(t.deps, {
          to: 'klachten@wenb.nl',
          raw: new Blob([raw]).stream(),
          rawSize: raw.byteLength,
          setReject: (reason) => {
            rejected.push(reason);
          },
        });
        return { outcome, rejected, ms: performance.now() - started };
      };
      const wide = await deliver(manyParts(MAX_MAIL_PARTS + 1));
      expect(wide.outcome).toMatchObject({ outcome: 'setAside', reason: 'too_complex' });
      expect(wide.rejected).toEqual([]);
      const deep = await deliver(nested(MAX_MAIL_DEPTH + 1));
      expect(deep.outcome).toMatchObject({ outcome: 'setAside', reason: 'too_complex' });
      const flood = await deliver(manyParts(20_000));
      expect(flood.outcome).toMatchObject({ outcome: 'setAside', reason: 'too_complex' });
      expect(flood.ms).toBeLessThan(1_000);
      // Just within both limits, it is read as usual.
      const within = await deliver(manyParts(MAX_MAIL_PARTS - 1));
      expect(within.outcome).toMatchObject({ outcome: 'complaint' });
      const deepWithin = await deliver(nested(MAX_MAIL_DEPTH - 1));
      expect(deepWithin.outcome).toMatchObject({ outcome: 'complaint' });
    } finally {
      t.close();
    }
  });
});
