import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runJobs } from '../server/jobs/run-jobs';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';
import { mailMessage } from './mail-messages';
import { csrfOf, postForm, signInCookie, tenantWithAdmin } from './staff-helpers';
import { startWebhookReceiver } from './webhook-receiver';

/*
 * Webhooks and set-aside e-mail are a tenant's own: another tenant's key or session gets 404,
 * staff other than admins get 403 (reading included), and webhook targets are public https
 * addresses unless the service allows local ones (development).
 */

const NOW = new Date('2026-03-02T10:00:00Z');
let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
let other: Awaited<ReturnType<typeof tenantWithAdmin>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

async function setup(options: Parameters<typeof testApp>[0] = {}) {
  t = await testApp({ now: () => NOW, ...options });
  wenb = await tenantWithAdmin(t, 'wenb');
  other = await tenantWithAdmin(t, 'totaalonder1dak');
}
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
  t.close();
});

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('tenant isolation', () => {
  beforeEach(() => setup());

  test("another tenant's key and session reach no endpoint, log, re-send or set-aside message", async () => {
    const created = await t.json(
      'POST',
      '/v1/tenants/wenb/webhooks',
      { url: `${receiver.url}/hook`, events: ['complaint.received'] },
      auth(wenb.key),
    );
    expect(created.status).toBe(201);
    const { endpoint } = await created.json();
    await t.json('POST', '/v1/tenants/wenb/complaints', {
      complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
      description: 'Te laat.',
    });
    await runJobs(t.deps, NOW);
    const [delivery] = (
      await (
        await t.json(
          'GET',
          `/v1/tenants/wenb/webhooks/${endpoint.id}/deliveries`,
          undefined,
          auth(wenb.key),
        )
      ).json()
    ).items;
    expect(delivery.status).toBe('delivered');

    // The other tenant's key, on the other tenant's path and on this one's.
    const theirs = auth(other.key);
    expect(
      (
        await (
          await t.json('GET', '/v1/tenants/totaalonder1dak/webhooks', undefined, theirs)
        ).json()
      ).items,
    ).toEqual([]);
    for (const [method, path] of [
      ['GET', '/v1/tenants/wenb/webhooks'],
      ['DELETE', `/v1/tenants/wenb/webhooks/${endpoint.id}`],
      ['DELETE', `/v1/tenants/totaalonder1dak/webhooks/${endpoint.id}`],
      ['GET', `/v1/tenants/totaalonder1dak/webhooks/${endpoint.id}/deliveries`],
      [
        'POST',
        `/v1/tenants/totaalonder1dak/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`,
      ],
    ] as const) {
      const res = await t.json(method, path, undefined, theirs);
      expect(res.status, `${method} ${path}`).toBe(404);
    }

    // A set-aside message of wenb.
    const procedure = { ...presetProcedure('wenb'), inbound: { address: 'klachten@wenb.nl' } };
    await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, auth(wenb.key));
    const kept = await t.app.request('/v1/tenants/wenb/inbound-mail', {
      method: 'POST',
      headers: { ...auth(wenb.key), 'Content-Type': 'message/rfc822' },
      body: mailMessage({ to: 'klachten@wenb.nl', subject: 'Zonder afzender', text: 'x' }),
    });
    const { id } = await kept.json();
    expect(kept.status).toBe(202);

    // The other tenant's admin session.
    const cookie = await signInCookie(t, 'totaalonder1dak', other.email, other.password);
    const csrf = await csrfOf(t, '/admin/totaalonder1dak/webhooks', cookie);
    expect(
      (await t.app.request('/admin/wenb/webhooks', { headers: { Cookie: cookie } })).status,
    ).toBe(404);
    expect(
      (await t.app.request('/admin/wenb/inbound-mail', { headers: { Cookie: cookie } })).status,
    ).toBe(404);
    expect(
      (
        await t.app.request(`/admin/totaalonder1dak/inbound-mail/${id}/message`, {
          headers: { Cookie: cookie },
        })
      ).status,
    ).toBe(404);
    const discard = await postForm(
      t,
      `/admin/totaalonder1dak/inbound-mail/${id}/discard`,
      { _csrf: csrf },
      { Cookie: cookie },
    );
    expect(discard.status).toBe(404);
    const resend = await postForm(
      t,
      `/admin/totaalonder1dak/webhooks/deliveries/${delivery.id}/resend`,
      { _csrf: csrf },
      { Cookie: cookie },
    );
    expect(resend.status).toBe(404);
    const page = await (
      await t.app.request('/admin/totaalonder1dak/webhooks', { headers: { Cookie: cookie } })
    ).text();
    expect(page).not.toContain(receiver.url);

    // wenb's own admin sees, downloads and discards.
    const own = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const ownCsrf = await csrfOf(t, '/admin/wenb/inbound-mail', own);
    const list = await (
      await t.app.request('/admin/wenb/inbound-mail', { headers: { Cookie: own } })
    ).text();
    expect(list).toContain('Zonder afzender');
    expect(list).toContain('Geen afzender');
    const eml = await t.app.request(`/admin/wenb/inbound-mail/${id}/message`, {
      headers: { Cookie: own },
    });
    expect(eml.status).toBe(200);
    expect(eml.headers.get('Content-Type')).toBe('message/rfc822');
    expect(eml.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    expect(await eml.text()).toContain('Subject: Zonder afzender');
    const hooks = await (
      await t.app.request('/admin/wenb/webhooks', { headers: { Cookie: own } })
    ).text();
    expect(hooks).toContain(receiver.url);
    expect(hooks).toContain('Afgeleverd');
    const again = await postForm(
      t,
      `/admin/wenb/webhooks/deliveries/${delivery.id}/resend`,
      { _csrf: ownCsrf },
      { Cookie: own },
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Wacht op verzending');
    const gone = await postForm(
      t,
      `/admin/wenb/inbound-mail/${id}/discard`,
      { _csrf: ownCsrf },
      { Cookie: own },
    );
    expect(await gone.text()).toContain('Er staan geen berichten apart.');
  });

  test('staff other than admins may not read or change webhooks, nor see set-aside mail', async () => {
    const res = await t.json(
      'POST',
      '/v1/tenants/wenb/staff',
      {
        name: 'Bram',
        email: 'bram@example.nl',
        role: 'handler',
        password: 'een-lang-wachtwoord-1',
      },
      auth(wenb.key),
    );
    expect(res.status).toBe(201);
    const handler = await signInCookie(t, 'wenb', 'bram@example.nl', 'een-lang-wachtwoord-1');
    expect(handler).not.toBe('');
    const headers = { Cookie: handler, Origin: 'http://localhost' };
    expect((await t.app.request('/v1/tenants/wenb/webhooks', { headers })).status).toBe(403);
    expect(
      (
        await t.json(
          'POST',
          '/v1/tenants/wenb/webhooks',
          { url: 'https://x.example.com', events: ['complaint.closed'] },
          headers,
        )
      ).status,
    ).toBe(403);
    expect((await t.app.request('/admin/wenb/webhooks', { headers })).status).toBe(403);
    expect((await t.app.request('/admin/wenb/inbound-mail', { headers })).status).toBe(403);
  });
});

describe('webhook targets', () => {
  test('without the development setting: public https only, refused by name, address and at delivery', async () => {
    // hooks.example.com resolves to loopback: allowed as a name, refused when connecting.
    await setup({
      allowLocalWebhooks: false,
      resolver: (host, done) =>
        done(null, [
          { address: host === 'hooks.example.com' ? '127.0.0.1' : '93.184.215.14', family: 4 },
        ]),
    });
    const register = (url: string) =>
      t.json(
        'POST',
        '/v1/tenants/wenb/webhooks',
        { url, events: ['complaint.received'] },
        auth(wenb.key),
      );
    for (const url of [
      `${receiver.url}/hook`,
      'http://hooks.example.com/x',
      'https://localhost/x',
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://[::ffff:10.0.0.1]/x',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://192.168.1.1/x',
      'https://2130706433/',
      'https://intranet/x',
      'https://printer.local/x',
      'https://user:pass@hooks.example.com/x',
      'ftp://hooks.example.com/x',
      'not a url',
    ]) {
      const res = await register(url);
      expect(res.status, url).toBe(422);
      expect((await res.json()).error.fields.url).toBeTruthy();
    }
    // A public host on another port than 443 reaches another service there: refused as such.
    for (const url of ['https://example.com:22/', 'https://hooks.example.com:8443/x']) {
      const res = await register(url);
      expect(res.status, url).toBe(422);
      expect((await res.json()).error.fields, url).toEqual({
        url: 'Gebruik een https-adres zonder poortnummer (of met poort 443).',
      });
    }
    const ok = await register('https://hooks.example.com/klachten');
    expect(ok.status).toBe(201);
    const { endpoint } = await ok.json();
    await t.json('POST', '/v1/tenants/wenb/complaints', {
      complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
      description: 'Te laat.',
    });
    const report = await runJobs(t.deps, NOW, { webhookTimeoutMs: 1000 });
    expect(report.webhooks).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const [delivery] = (
      await (
        await t.json(
          'GET',
          `/v1/tenants/wenb/webhooks/${endpoint.id}/deliveries`,
          undefined,
          auth(wenb.key),
        )
      ).json()
    ).items;
    expect(delivery).toMatchObject({ status: 'failed', lastStatus: null });
    expect(delivery.lastError).toMatch(/^refused: hooks\.example\.com is not a public address/);
  });

  test('an endpoint registered with the development setting is refused at delivery once it is off', async () => {
    await setup({ allowLocalWebhooks: true });
    const res = await t.json(
      'POST',
      '/v1/tenants/wenb/webhooks',
      { url: `${receiver.url}/hook`, events: ['complaint.received'] },
      auth(wenb.key),
    );
    expect(res.status).toBe(201);
    await t.json('POST', '/v1/tenants/wenb/complaints', {
      complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
      description: 'Te laat.',
    });
    const strict = { ...t.deps, config: { ...t.deps.config, allowLocalWebhooks: false } };
    expect((await runJobs(strict, NOW)).webhooks).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
  });
});
