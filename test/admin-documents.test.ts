import { afterEach, beforeEach, expect, test } from 'vitest';
import { MAX_FILES_PER_STEP } from '../server/complaints/attachments';
import { BODY_LIMITS } from '../server/http/body';
import { type TestApp, testApp } from './helpers';
import { PDF } from './mail-messages';
import { ADMIN_ORIGIN, csrfOf, postForm, signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * The admin view's forms with documents, read as a stream (issue #22, item 4): only registering
 * a complaint and a step take files, within what a step may add; every other form its text.
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
let cookie: string;
let csrf: string;

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  wenb = await tenantWithAdmin(t, 'wenb');
  cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
  csrf = await csrfOf(t, '/admin/wenb/complaints/new', cookie);
});
afterEach(() => t.close());

function postMultipart(path: string, fields: Record<string, string>, files: File[] = []) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrf })) form.set(name, value);
  for (const file of files) form.append('attachments', file);
  return t.app.request(path, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ADMIN_ORIGIN },
    body: form,
  });
}

const pdf = (name: string) => new File([Uint8Array.from(PDF)], name, { type: 'application/pdf' });

test('a complaint registered with a document keeps it; a step with too many keeps what was typed', async () => {
  const registered = await postMultipart(
    '/admin/wenb/complaints',
    {
      channel: 'letter',
      receivedAt: '2026-03-01T10:00',
      description: 'Per brief, met een bijlage.',
      'complainant.name': 'Jan',
      'complainant.email': 'jan@example.nl',
    },
    // An empty file input is sent as a part too, and is no document.
    [pdf('brief.pdf'), new File([], '')],
  );
  expect(registered.status).toBe(201);
  const number = (await registered.text()).match(/Klacht (\d{4}-\d{4}) is geregistreerd/)?.[1];
  const auth = { Authorization: `Bearer ${wenb.key}` };
  const view = await (
    await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth)
  ).json();
  expect(view.attachments.map((a: { name: string }) => a.name)).toEqual(['brief.pdf']);

  const many = Array.from({ length: MAX_FILES_PER_STEP + 3 }, (_, i) => pdf(`bijlage-${i}.pdf`));
  const note = 'Gebeld met de klager.';
  const step = await postMultipart(
    `/admin/wenb/complaints/${number}/actions/add-note`,
    { note },
    many,
  );
  expect(step.status).toBe(422);
  const page = await step.text();
  expect(page).toContain(`U kunt maximaal ${MAX_FILES_PER_STEP} bestanden meesturen.`);
  expect(page).toContain(note);
});

test('a form without documents takes its text and no more; the sign-in a few KB', async () => {
  const big = new File([new Uint8Array(BODY_LIMITS.adminForm)], 'groot.pdf');
  const staff = await postMultipart(
    '/admin/wenb/settings/staff',
    { name: 'Sanne', email: 'sanne@example.nl', role: 'handler' },
    [big],
  );
  expect(staff.status).toBe(413);
  expect(await staff.text()).toContain('Het formulier is te groot');
  const signIn = await postForm(t, '/admin/wenb/sign-in', {
    email: wenb.email,
    password: 'x'.repeat(BODY_LIMITS.signIn),
  });
  expect(signIn.status).toBe(413);
});
