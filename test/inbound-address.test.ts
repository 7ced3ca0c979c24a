import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { handleEmail } from '../server/inbound/email-handler';
import { ADDRESS_CONFIRMATION_LIMIT } from '../server/inbound/limits';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from './helpers';
import { arrivedAsMail, confirmedInboundAddress, postMail, relayCaptured } from './inbound-helpers';
import { mailMessage } from './mail-messages';
import { signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * Issue 22, item 15: a tenant could claim another organisation's complaint address first. Now
 * naming an address sends a confirmation message to it, and only that message coming back in
 * through the tenant's own intake makes the address the tenant's: until then mail to it makes
 * no complaints, our messages do not name it, and it blocks no one.
 */

const NOW = new Date('2026-03-02T10:00:00Z');
const THEIRS = 'klachten@wenb.nl';

let t: TestApp;
let squatter: string;
let owner: string;

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  squatter = await t.tenant('totaalonder1dak');
  owner = await t.tenant('wenb');
});
afterEach(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

function nameAddress(slug: 'totaalonder1dak' | 'wenb', key: string, address: string) {
  return t.json(
    'PUT',
    `/v1/tenants/${slug}/procedure`,
    { ...presetProcedure(slug), inbound: { address } },
    auth(key),
  );
}

const complaintTo = (to: string) =>
  mailMessage({
    from: 'Jan <jan@example.nl>',
    to,
    subject: 'Klacht over de offerte',
    text: 'De offerte kwam drie weken te laat.',
  });

async function register(slug: string, key: string) {
  const res = await t.json('GET', `/v1/tenants/${slug}/complaints`, undefined, auth(key));
  return (await res.json()).items as unknown[];
}

describe("another organisation's address, named first", () => {
  test('makes no complaints, is named in no message, blocks no one, and goes to whoever proves it', async () => {
    expect((await nameAddress('totaalonder1dak', squatter, THEIRS)).status).toBe(200);
    // Mail the squatter's provider posts makes no complaint (and so no acknowledgement).
    const taken = await postMail(t, 'totaalonder1dak', squatter, complaintTo(THEIRS));
    expect(taken.status).toBe(202);
    expect(await taken.json()).toMatchObject({ reason: 'address_unconfirmed' });
    expect(await register('totaalonder1dak', squatter)).toHaveLength(0);
    // A web complaint's acknowledgement does not name the address as Reply-To.
    const web = await t.json('POST', '/v1/tenants/totaalonder1dak/complaints', {
      complainant: { name: 'Piet', initials: 'P.', email: 'piet@example.nl', phone: '0612345678' },
      description: 'Te laat.',
    });
    expect(web.status).toBe(201);
    const sent = await relayCaptured(t, NOW);
    const ack = sent.find((m) => m.to === 'piet@example.nl');
    // The procedure's own Reply-To, not the address it has not proven.
    expect(ack?.reply_to).toBe('info@totaalonder1dak.nl');
    expect(ack?.headers?.References).toBeUndefined();
    // The squatter's confirmation went to the address; it never came back to the squatter.
    const squattersConfirmation = sent.find((m) => m.to === THEIRS);
    expect(squattersConfirmation?.subject).toContain('klacht-bevestiging:');
    // A made-up tag confirms nothing.
    const forged = await postMail(
      t,
      'totaalonder1dak',
      squatter,
      mailMessage({
        from: 'x@example.org',
        to: THEIRS,
        subject: 'Bevestig [klacht-bevestiging:AAAAAAAAAAAAAAAAAAAAAA]',
        text: 'klacht-bevestiging:AAAAAAAAAAAAAAAAAAAAAA',
      }),
    );
    expect(await forged.json()).not.toMatchObject({ outcome: 'addressConfirmed' });
    // The owner can still name it, and proves it: its mail for the address reaches its intake.
    await confirmedInboundAddress(t, 'wenb', owner, THEIRS, NOW);
    // The squatter's confirmation, arriving at the owner's intake, confirms nothing there.
    if (!squattersConfirmation) throw new Error('no confirmation sent');
    const stray = await postMail(t, 'wenb', owner, arrivedAsMail(squattersConfirmation, THEIRS));
    expect(await stray.json()).toMatchObject({ outcome: 'setAside', reason: 'automatic' });
    // Now it is the owner's: the squatter is refused it, and the owner's mail makes complaints.
    const again = await nameAddress('totaalonder1dak', squatter, THEIRS);
    expect(again.status).toBe(422);
    expect((await again.json()).error.fields).toHaveProperty(['inbound.address']);
    const theirs = await postMail(t, 'wenb', owner, complaintTo(THEIRS));
    expect(theirs.status).toBe(201);
    expect(await register('wenb', owner)).toHaveLength(1);
  });

  test('on Workers, mail to an address only claimed is rejected, except the message that proves it', async () => {
    expect((await nameAddress('wenb', owner, THEIRS)).status).toBe(200);
    const deliver = async (raw: Uint8Array<ArrayBuffer>) => {
      const rejected: string[] = [];
      const outcome = await handleEmail(t.deps, {
        to: THEIRS,
        raw: new Blob([raw]).stream(),
        rawSize: raw.byteLength,
        setReject: (reason) => {
          rejected.push(reason);
        },
      });
      return { outcome, rejected };
    };
    expect(await deliver(complaintTo(THEIRS))).toEqual({
      outcome: null,
      rejected: ['Unknown address'],
    });
    const [confirmation] = await relayCaptured(t, NOW);
    if (!confirmation) throw new Error('no confirmation sent');
    expect(await deliver(arrivedAsMail(confirmation, THEIRS))).toEqual({
      outcome: { outcome: 'addressConfirmed' },
      rejected: [],
    });
    expect((await deliver(complaintTo(THEIRS))).outcome).toMatchObject({ outcome: 'complaint' });
  });
});

describe('the confirmation', () => {
  test('the outbox keeps the message without its tag', async () => {
    await nameAddress('wenb', owner, THEIRS);
    const [sent] = await relayCaptured(t, NOW);
    const tag = sent?.subject.match(/klacht-bevestiging:(\S+)\]/)?.[1];
    expect(tag).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const rows = await t.db.$client.execute(
      "SELECT status, pd_subject, pd_body, pd_payload FROM outbox WHERE kind = 'inboundAddressConfirmation'",
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.status).toBe('sent');
    expect(JSON.stringify(rows.rows[0])).not.toContain(tag);
  });

  test('a new address needs proving again; messages are limited per tenant and day', async () => {
    await confirmedInboundAddress(t, 'wenb', owner, THEIRS, NOW);
    expect((await postMail(t, 'wenb', owner, complaintTo(THEIRS))).status).toBe(201);
    for (let i = 0; i < ADDRESS_CONFIRMATION_LIMIT.max + 2; i++) {
      expect((await nameAddress('wenb', owner, `klachten${i}@wenb.nl`)).status).toBe(200);
    }
    const res = await postMail(t, 'wenb', owner, complaintTo('klachten0@wenb.nl'));
    expect(await res.json()).toMatchObject({ reason: 'address_unconfirmed' });
    // One was sent for the first address; the limit let max - 1 more be queued today.
    const queued = await t.db.$client.execute(
      "SELECT pd_recipient FROM outbox WHERE kind = 'inboundAddressConfirmation'",
    );
    expect(queued.rows).toHaveLength(ADDRESS_CONFIRMATION_LIMIT.max);
    // Each names an address the procedure no longer names: none is sent.
    const sent = await relayCaptured(t, NOW);
    expect(sent.filter((m) => m.subject.includes('klacht-bevestiging:'))).toEqual([]);
  });
});

describe('the admin view', () => {
  test('says whether the complaint address is proven', async () => {
    const awb = await tenantWithAdmin(t, 'awb');
    const cookie = await signInCookie(t, 'awb', awb.email, awb.password);
    const page = async () =>
      (await t.app.request('/admin/awb/inbound-mail', { headers: { Cookie: cookie } })).text();
    expect(await page()).not.toContain('Klachtadres:');
    const procedure = presetProcedure('awb');
    const named = await t.json(
      'PUT',
      '/v1/tenants/awb/procedure',
      { ...procedure, inbound: { address: 'klachten@gemeente.example' } },
      auth(awb.key),
    );
    expect(named.status).toBe(200);
    expect(await page()).toContain('Nog niet bevestigd');
    await confirmedInboundAddress(t, 'awb', awb.key, 'klachten@gemeente.example', NOW, procedure);
    expect(await page()).toContain('Bevestigd op');
  });
});
