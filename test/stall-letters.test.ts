import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../shared/message-kinds';
import { type RunningServer, startServer } from './server';
import { probeUntilTimely, type StallReport } from './stall-probe';

/*
 * Issue #22 item 3, replayed against the real Node entry in a process of its own while /health is
 * asked over and over: a wording that amplifies a response is refused when it is saved, the
 * longest wording that may be saved renders its correspondence and its letter quickly, and
 * letters are written off the event loop, so six long ones at once hold up nobody.
 */

/** How long /health may take while the work runs (the issue measured 33 s). */
const HEALTH_MS = 200;
/** How long the request itself may take. */
const REQUEST_MS = 1_000;

let server: RunningServer;
let auth: Record<string, string>;
const slug = 'wkkgz';

beforeAll(async () => {
  server = await startServer();
  auth = { Authorization: `Bearer ${server.keys[slug]}`, 'Content-Type': 'application/json' };
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** The work probed until one try stays within both bounds (see probeUntilTimely). */
const probed = <T>(work: () => Promise<T>): Promise<StallReport<T>> =>
  probeUntilTimely(server.url, work, { workMs: REQUEST_MS, healthMs: HEALTH_MS });

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: auth,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function procedureWith(messages: unknown) {
  const procedure = await (await api('GET', `/v1/tenants/${slug}/procedure`)).json();
  return { ...procedure, messages };
}

/** A complaint registered with the key, answered with a response of the longest kind. */
async function respondedComplaint(message: string) {
  const res = await api('POST', `/v1/tenants/${slug}/complaints`, {
    channel: 'email',
    complainant: { name: 'Ans Mulder', email: 'ans@example.nl' },
    description: 'Lang gewacht op de huisarts.',
  });
  expect(res.status).toBe(201);
  const { number } = await res.json();
  const step = await api('POST', `/v1/tenants/${slug}/complaints/${number}/actions/respond`, {
    message,
  });
  expect(step.status, await step.clone().text()).toBe(200);
  const list = await (
    await api('GET', `/v1/tenants/${slug}/complaints/${number}/correspondence`)
  ).json();
  const response = list.items.find((m: { kind: string }) => m.kind === 'response');
  return { number, pdf: response.pdf as string };
}

// Words of every length, as a long answer has them; 10,000 characters, the most a response holds.
const LONG_RESPONSE =
  'Wij hebben uw klacht over de huisartsenpost zorgvuldig bekeken en met alle betrokkenen gesproken. '
    .repeat(110)
    .slice(0, 10_000)
    .trim();

describe('template amplification and letters, against a running server', {
  timeout: 120_000,
}, () => {
  test('the amplifying wording is refused when it is saved, quickly and stalling nobody', async () => {
    const body = await procedureWith({
      response: { nl: { subject: 'Reactie {number}', body: '{message}'.repeat(1_111) } },
    });
    const report = await probed(() => api('PUT', `/v1/tenants/${slug}/procedure`, body));
    expect(report.result.status).toBe(422);
    expect((await report.result.json()).error.fields).toHaveProperty(['messages.response.nl.body']);
    expect(report.workMs).toBeLessThan(REQUEST_MS);
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_MS);
  });

  test('the longest wording that may be saved: its correspondence and its letter are cheap', async () => {
    // Three responses in a row: the most {message}s that fit a message.
    const saved = await api(
      'PUT',
      `/v1/tenants/${slug}/procedure`,
      await procedureWith({
        response: { nl: { subject: 'Reactie {number}', body: '{message}\n\n'.repeat(3) } },
      }),
    );
    expect(saved.status, await saved.clone().text()).toBe(200);
    const { number, pdf } = await respondedComplaint(LONG_RESPONSE);
    // The letter thread starts on the first letter; that start is not what is measured here.
    expect((await api('GET', pdf)).status).toBe(200);

    const list = await probed(async () => {
      const res = await api('GET', `/v1/tenants/${slug}/complaints/${number}/correspondence`);
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    });
    expect(list.result.status).toBe(200);
    // Every message of the complaint within its bound (the answer was 11 MB).
    expect(list.result.bytes).toBeLessThan(4 * MAX_MESSAGE_CHARS);
    expect(list.workMs).toBeLessThan(REQUEST_MS);
    expect(list.slowestHealthMs).toBeLessThan(HEALTH_MS);

    const letter = await probed(async () => {
      const res = await api('GET', pdf);
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    });
    console.log(
      'one',
      letter.workMs,
      letter.slowestHealthMs,
      list.workMs,
      list.slowestHealthMs,
      list.result.bytes,
      letter.result.bytes,
    );
    expect(letter.result.status).toBe(200);
    expect(letter.result.bytes).toBeLessThan(200_000);
    expect(letter.workMs).toBeLessThan(REQUEST_MS);
    expect(letter.slowestHealthMs).toBeLessThan(HEALTH_MS);
  });

  test('six long letters at once hold up nobody', async () => {
    const { pdf } = await respondedComplaint(LONG_RESPONSE);
    const sixAtOnce = () =>
      Promise.all(
        Array.from({ length: 6 }, async () => {
          const res = await api('GET', pdf);
          await res.arrayBuffer();
          return res.status;
        }),
      );
    // A server that has written letters before (its code compiled and optimised), as in use.
    await sixAtOnce();
    const report = await probed(sixAtOnce);
    expect(report.result).toEqual([200, 200, 200, 200, 200, 200]);
    expect(report.probes).toBeGreaterThan(0);
    expect(report.slowestHealthMs).toBeLessThan(HEALTH_MS);
  });
});
