import { describe, expect, test } from 'vitest';
import { ACTIONS, type Action } from '../../shared/lifecycle';
import {
  type HandledBy,
  isAdmin,
  mayCallApi,
  mayHandle,
  mayPerform,
  mayPost,
  mayRegister,
  roleRules,
  type StaffMember,
} from './policy';
import { STAFF_ROLES } from './roles';

const receiver: StaffMember = { staffId: 'staff-rita', role: 'receiver' };
const handler: StaffMember = { staffId: 'staff-hans', role: 'handler' };
const appealBody: StaffMember = { staffId: 'staff-voorzitter', role: 'appealBody' };
const admin: StaffMember = { staffId: 'staff-ad', role: 'admin' };

const forwardedTo = (staffId: string | null): HandledBy => ({ handlerStaffId: staffId });
const mine = forwardedTo('staff-hans');
const allowed = (member: StaffMember, complaint = mine) =>
  ACTIONS.filter((action) => mayPerform(member, action, complaint));

describe('who may take which step', () => {
  test('a receiver registers, acknowledges, forwards, corrects and records letters', () => {
    expect(allowed(receiver)).toEqual([
      'acknowledge',
      'record-acknowledgement',
      'forward',
      'accept-solution',
      'file-appeal',
      'update',
      'add-note',
    ]);
  });

  test('a handler handles the complaints forwarded to them, and only those', () => {
    expect(allowed(handler)).toEqual([
      'respond',
      'postpone',
      'decline',
      'invite-hearing',
      'record-hearing',
      'waive-hearing',
      'record-advice',
      'propose-solution',
      'close',
      'reopen',
      'record-satisfaction',
      'update',
      'add-note',
    ]);
    expect(allowed(handler, forwardedTo('staff-someone-else'))).toEqual([]);
    expect(allowed(handler, forwardedTo(null))).toEqual([]);
  });

  test('where the procedure lets the receiver handle (wenb §2.1), only the complaints forwarded to them', () => {
    const rules = { receiverMayHandle: true };
    const theirs = forwardedTo('staff-rita');
    const steps = (complaint: HandledBy, r = rules) =>
      ACTIONS.filter((action) => mayPerform(receiver, action, complaint, r));
    expect(steps(theirs).sort()).toEqual(
      [...new Set([...allowed(receiver), ...allowed(handler)])].sort(),
    );
    expect(steps(mine)).toEqual(allowed(receiver));
    expect(steps(theirs, { receiverMayHandle: false })).toEqual(allowed(receiver));
    // A handler gains nothing from the rule.
    expect(ACTIONS.filter((a) => mayPerform(handler, a, forwardedTo('x'), rules))).toEqual([]);
  });

  test('whose a complaint is, is its account: another account of the same name gets nothing', () => {
    // Issue #22, item 11: "  BRAM BEHANDELAAR " could act on what was forwarded to "Bram
    // Behandelaar". A member is known by the id of its account only.
    const namesake: StaffMember = { staffId: 'staff-hans-2', role: 'handler' };
    expect(ACTIONS.filter((a) => mayPerform(namesake, a, mine))).toEqual([]);
    expect(mayPost(namesake, mine)).toBe(false);
    expect(mayPerform(handler, 'close', mine)).toBe(true);
  });

  test('a complaint may be forwarded to handlers and admins; to receivers where they may handle', () => {
    const off = roleRules({ receiverMayHandle: false });
    const on = roleRules({ receiverMayHandle: true });
    expect(STAFF_ROLES.filter((role) => mayHandle(role, off))).toEqual(['handler', 'admin']);
    expect(STAFF_ROLES.filter((role) => mayHandle(role, on))).toEqual([
      'receiver',
      'handler',
      'admin',
    ]);
  });

  test('without the procedure saying so, a receiver does not handle, even what was forwarded to them', () => {
    const theirs = forwardedTo('staff-rita');
    expect(mayPerform(receiver, 'close', theirs)).toBe(false);
    expect(mayPerform(receiver, 'close', theirs, roleRules({ receiverMayHandle: true }))).toBe(
      true,
    );
    expect(roleRules({ receiverMayHandle: false })).toEqual({ receiverMayHandle: false });
  });

  test('the rule for receivers gives the appeal body no handling steps on a complaint in its name', () => {
    const rules = { receiverMayHandle: true };
    const named = forwardedTo('staff-voorzitter');
    expect(ACTIONS.filter((a) => mayPerform(appealBody, a, named, rules))).toEqual([
      'decide-appeal',
    ]);
  });

  test('the appeal body decides appeals, on any complaint', () => {
    expect(allowed(appealBody, forwardedTo(null))).toEqual(['decide-appeal']);
  });

  test('an admin may do everything', () => {
    expect(allowed(admin, forwardedTo(null))).toEqual(ACTIONS);
  });

  test('registering is for receivers and admins; the admin pages for admins', () => {
    expect([receiver, handler, appealBody, admin].map(mayRegister)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect([receiver, handler, appealBody, admin].map(isAdmin)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('who posts letters', () => {
  test('receivers and admins post any letter; a handler only those of their own complaints', () => {
    const post = (member: StaffMember, staffId: string | null) =>
      mayPost(member, forwardedTo(staffId));
    expect(post(receiver, null)).toBe(true);
    expect(post(admin, 'staff-someone-else')).toBe(true);
    expect(post(handler, 'staff-hans')).toBe(true);
    expect(post(handler, 'staff-someone-else')).toBe(false);
    expect(post(handler, null)).toBe(false);
    expect(post(appealBody, null)).toBe(false);
    expect(post({ staffId: 'staff-hans', role: 'appealBody' }, 'staff-hans')).toBe(false);
  });

  test('on the API, marking a letter posted follows the same rule', async () => {
    const posted = ['complaints', '2026-0001', 'correspondence', 'letter-1', 'posted'];
    const theirs = () => Promise.resolve(mine);
    const others = () => Promise.resolve(forwardedTo('staff-someone-else'));
    const missing = () => Promise.resolve(null);
    expect(await mayCallApi(handler, 'POST', posted, theirs)).toBe(true);
    expect(await mayCallApi(handler, 'POST', posted, others)).toBe(false);
    expect(await mayCallApi(receiver, 'POST', posted, others)).toBe(true);
    expect(await mayCallApi(appealBody, 'POST', posted, theirs)).toBe(false);
    // An unknown complaint is let through, to be answered 404.
    expect(await mayCallApi(appealBody, 'POST', posted, missing)).toBe(true);
    // Anything else under the correspondence is for admins.
    const other = ['complaints', '2026-0001', 'correspondence', 'letter-1', 'sent'];
    expect(await mayCallApi(receiver, 'POST', other, theirs)).toBe(false);
    expect(await mayCallApi(receiver, 'POST', posted.slice(0, 4), theirs)).toBe(false);
    expect(await mayCallApi(receiver, 'POST', [...posted, 'x'], theirs)).toBe(false);
    const elsewhere = ['complaints', '2026-0001', 'documents', 'letter-1', 'posted'];
    expect(await mayCallApi(receiver, 'POST', elsewhere, theirs)).toBe(false);
  });
});

describe('what a staff session may call on the tenant API', () => {
  const found = () => Promise.resolve(mine);
  const missing = () => Promise.resolve(null);
  const action = (a: Action) => ['complaints', '2026-0001', 'actions', a];

  test('everyone reads everything but the staff list', async () => {
    for (const member of [receiver, handler, appealBody]) {
      expect(mayCallApi(member, 'GET', ['complaints'], found)).toBe(true);
      expect(mayCallApi(member, 'HEAD', ['reports', 'monthly'], found)).toBe(true);
      expect(mayCallApi(member, 'GET', ['staff'], found)).toBe(false);
      expect(mayCallApi(member, 'POST', ['staff'], found)).toBe(false);
    }
    expect(mayCallApi(admin, 'GET', ['staff'], found)).toBe(true);
    expect(mayCallApi(admin, 'DELETE', ['complaints', '2026-0001'], found)).toBe(true);
  });

  test('API keys are for admins only: others may not even list them', () => {
    for (const member of [receiver, handler, appealBody]) {
      expect(mayCallApi(member, 'GET', ['keys'], found)).toBe(false);
      expect(mayCallApi(member, 'DELETE', ['keys', 'key-1'], found)).toBe(false);
    }
    expect(mayCallApi(admin, 'POST', ['keys'], found)).toBe(true);
  });

  test('webhooks are for admins only: others may not even see the endpoints or their log', () => {
    const log = ['webhooks', 'ep_1', 'deliveries'];
    for (const member of [receiver, handler, appealBody]) {
      expect(mayCallApi(member, 'GET', ['webhooks'], found)).toBe(false);
      expect(mayCallApi(member, 'HEAD', log, found)).toBe(false);
    }
    expect(mayCallApi(admin, 'GET', log, found)).toBe(true);
    expect(mayCallApi(admin, 'POST', ['webhooks'], found)).toBe(true);
  });

  test('of the changes only registering and the steps their role allows', async () => {
    expect(mayCallApi(receiver, 'POST', ['complaints'], found)).toBe(true);
    expect(mayCallApi(handler, 'POST', ['complaints'], found)).toBe(false);
    expect(await mayCallApi(receiver, 'POST', action('forward'), found)).toBe(true);
    expect(await mayCallApi(receiver, 'POST', action('close'), found)).toBe(false);
    expect(await mayCallApi(handler, 'POST', action('close'), found)).toBe(true);
    expect(
      await mayCallApi(handler, 'POST', action('close'), () => Promise.resolve(forwardedTo('X'))),
    ).toBe(false);
  });

  test('a step on an unknown complaint is let through, to be answered 404', async () => {
    expect(await mayCallApi(handler, 'POST', action('close'), missing)).toBe(true);
  });

  test('anything else is for admins: the procedure, erasure, unknown actions and routes', async () => {
    expect(mayCallApi(receiver, 'PUT', ['procedure'], found)).toBe(false);
    expect(mayCallApi(receiver, 'PUT', ['complaints'], found)).toBe(false);
    expect(mayCallApi(receiver, 'POST', ['procedure'], found)).toBe(false);
    expect(mayCallApi(receiver, 'DELETE', ['complaints', '2026-0001'], found)).toBe(false);
    expect(mayCallApi(receiver, 'POST', ['outbox', 'retry'], found)).toBe(false);
    expect(mayCallApi(receiver, 'POST', ['complaints', '2026-0001', 'actions', 'fly'], found)).toBe(
      false,
    );
    expect(
      mayCallApi(receiver, 'POST', ['complaints', '2026-0001', 'other', 'forward'], found),
    ).toBe(false);
    expect(mayCallApi(receiver, 'POST', ['complaints', '2026-0001', 'actions'], found)).toBe(false);
    expect(
      mayCallApi(receiver, 'POST', ['complaints', '2026-0001', 'actions', 'forward', 'x'], found),
    ).toBe(false);
    expect(mayCallApi(admin, 'PUT', ['procedure'], found)).toBe(true);
  });
});
