import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATOR_TOKEN, type TestApp, testApp } from './helpers';
import { startResendCapture } from './resend-capture';
import { ROOT } from './server';

/*
 * "Every form carries a CSRF token" (README, the admin view). A page on another site that makes a
 * signed-in staff member's browser post a form must not change anything. Every POST route of the
 * admin view is tried here without a token, with a wrong one and with another session's: each is
 * refused (403) and the database is exactly as it was. The same post with the right token then
 * does change something, so the refusal is the token's doing.
 */

const ORIGIN = 'http://localhost';
let t: TestApp;
let key: string;
let password: string;
let handlerId: string;

beforeAll(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T09:00:00Z') });
  const res = await t.json(
    'POST',
    '/v1/tenants',
    {
      slug: 'wenb',
      name: 'WENB',
      preset: 'wenb',
      admin: { email: 'admin@example.nl', name: 'Ad' },
    },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  const body = await res.json();
  key = body.apiKey;
  password = body.admin.password;
  // A postponable resolution term, so the postpone form can succeed too.
  const procedure = await (await api('GET', '/v1/tenants/wenb/procedure')).json();
  procedure.terms.resolution.postponable = { maxWeeks: 4 };
  expect((await api('PUT', '/v1/tenants/wenb/procedure', procedure)).status).toBe(200);
  handlerId = await addStaff('bram@example.nl', 'Bram', 'handler');
});
afterAll(() => t.close());

const api = (method: string, path: string, body?: unknown) =>
  t.json(method, path, body, { Authorization: `Bearer ${key}` });

async function addStaff(email: string, name: string, role: string) {
  const res = await api('POST', '/v1/tenants/wenb/staff', {
    email,
    name,
    role,
    password: 'correct horse battery',
  });
  expect(res.status).toBe(201);
  return (await res.json()).staff.id as string;
}

function post(path: string, fields: Record<string, string>, cookie: string) {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      Cookie: cookie,
    },
    body: new URLSearchParams(fields),
  });
}

async function signIn() {
  const res = await post('/admin/wenb/sign-in', { email: 'admin@example.nl', password }, '');
  expect(res.status).toBe(303);
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

async function csrfOf(cookie: string) {
  const page = await (
    await t.app.request('/admin/wenb/complaints', { headers: { Cookie: cookie } })
  ).text();
  const token = page.match(/name="_csrf" value="([^"]+)"/)?.[1];
  expect(token).toBeTruthy();
  return token as string;
}

/** Everything the database holds, but the rate-limit counters. */
async function snapshot() {
  const tables = await t.db.$client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'rate_limits' ORDER BY name",
  );
  const out: Record<string, unknown> = {};
  for (const { name } of tables.rows) {
    out[String(name)] = (await t.db.$client.execute(`SELECT * FROM "${name}" ORDER BY rowid`)).rows;
  }
  return JSON.stringify(out);
}

async function complaintIn(steps: [string, unknown][]) {
  const res = await api('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' },
    description: 'Het advies kwam te laat.',
  });
  const { number } = await res.json();
  for (const [action, body] of steps) {
    const step = await api('POST', `/v1/tenants/wenb/complaints/${number}/actions/${action}`, body);
    expect(step.status, action).toBe(200);
  }
  return number as string;
}

const PROPOSED: [string, unknown][] = [
  ['propose-solution', { proposedSolution: 'Wij leveren opnieuw.', cause: 'Fout.' }],
];

// [action, the steps that make it possible, the form's fields]
const ACTIONS: [string, [string, unknown][], Record<string, string>][] = [
  ['acknowledge', [], {}],
  ['record-acknowledgement', [['forward', { handler: 'Bram' }]], {}],
  ['forward', [], { handlerId: '' }],
  ['respond', [], { message: 'Wij bellen u morgen.' }],
  ['postpone', [], { weeks: '1', reason: 'Wij wachten op de leverancier.' }],
  ['propose-solution', [], { proposedSolution: 'Wij leveren opnieuw.', cause: 'Fout.' }],
  ['accept-solution', PROPOSED, {}],
  ['file-appeal', PROPOSED, { grounds: 'Per brief: niet akkoord.' }],
  [
    'decide-appeal',
    [...PROPOSED, ['file-appeal', { grounds: 'Niet akkoord.' }]],
    { decision: 'Het voorstel blijft.', upheld: 'false' },
  ],
  ['close', [], { cause: 'Een misverstand.' }],
  ['reopen', [['close', { cause: 'Een misverstand.' }]], { reason: 'De klant belde terug.' }],
  ['record-satisfaction', [['close', { cause: 'Een misverstand.' }]], { satisfied: 'true' }],
  ['request-erasure', [], {}],
  ['update', [], { cause: 'Een verkeerde versie.' }],
];

/**
 * Posts the form without a token, with a made-up one, with an empty one and with another
 * session's: each is refused and nothing changes. Then the right token: something changes.
 */
async function expectTokenChecked(
  path: string,
  fields: Record<string, string>,
  cookie: string,
  ok: number,
) {
  const foreign = await csrfOf(await signIn());
  const before = await snapshot();
  for (const [what, token] of [
    ['no token', undefined],
    ['an empty token', ''],
    ['a made-up token', 'x'.repeat(43)],
    ["another session's token", foreign],
  ] as const) {
    const res = await post(
      path,
      token === undefined ? fields : { ...fields, _csrf: token },
      cookie,
    );
    expect(res.status, `${path} with ${what}`).toBe(403);
    expect(await snapshot(), `${path} with ${what} changed the database`).toBe(before);
  }
  const res = await post(path, { ...fields, _csrf: await csrfOf(cookie) }, cookie);
  expect(res.status, `${path} with the right token: ${await res.clone().text()}`).toBe(ok);
  expect(await snapshot(), `${path} with the right token changed nothing`).not.toBe(before);
}

describe('every admin form is refused without its CSRF token', () => {
  test.each(ACTIONS)('the %s form', async (action, steps, fields) => {
    const number = await complaintIn(steps);
    const cookie = await signIn();
    await expectTokenChecked(
      `/admin/wenb/complaints/${number}/actions/${action}`,
      action === 'forward' ? { ...fields, handlerId } : fields,
      cookie,
      303,
    );
  });

  test('registering a complaint', async () => {
    await expectTokenChecked(
      '/admin/wenb/complaints',
      {
        _key: 'csrf-registration',
        channel: 'phone',
        receivedAt: '2026-03-01T10:00',
        receiverName: 'Ad',
        'complainant.name': 'Jan Jansen',
        'complainant.phone': '06 12345678',
        'complainant.email': 'jan@example.nl',
        description: 'Telefonisch binnengekomen.',
      },
      await signIn(),
      201,
    );
  });

  test('adding a staff member', async () => {
    await expectTokenChecked(
      '/admin/wenb/settings/staff',
      { name: 'Sanne', email: 'sanne@example.nl', role: 'receiver', password: '' },
      await signIn(),
      200,
    );
  });

  test('disabling and enabling a staff member', async () => {
    const id = await addStaff('olga@example.nl', 'Olga', 'receiver');
    const cookie = await signIn();
    await expectTokenChecked(`/admin/wenb/settings/staff/${id}/disable`, {}, cookie, 200);
    await expectTokenChecked(`/admin/wenb/settings/staff/${id}/enable`, {}, cookie, 200);
  });

  test('sending failed messages again', async () => {
    // A message that Resend refused for good, sent by the jobs through the real Resend SDK.
    await complaintIn([]);
    const capture = await startResendCapture();
    try {
      capture.fail('422');
      await promisify(execFile)('npm', ['run', '--silent', 'jobs', '--', '--as-of', '2026-03-02'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: `file:${t.dbPath}`,
          RESEND_API_KEY: 're_test_key',
          RESEND_BASE_URL: capture.baseUrl,
          MAIL_PER_SECOND: '100',
        },
      });
    } finally {
      await capture.close();
    }
    const failed = await t.db.$client.execute("SELECT id FROM outbox WHERE status = 'failed'");
    expect(failed.rows.length).toBeGreaterThan(0);
    await expectTokenChecked('/admin/wenb/outbox/retry', {}, await signIn(), 200);
  });

  test('signing out', async () => {
    const cookie = await signIn();
    await expectTokenChecked('/admin/wenb/sign-out', {}, cookie, 303);
    const after = await t.app.request('/admin/wenb/complaints', { headers: { Cookie: cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get('Location')).toContain('/sign-in');
  });
});
