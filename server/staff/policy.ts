import { ACTIONS, type Action } from '../../shared/lifecycle';
import type { StaffRole } from './roles';

/*
 * What each role may do. Every role may read the whole register, the reports and the
 * complaints (a small team shares one register); changing things is per role:
 * - receiver: registers complaints received by phone, e-mail, letter or in person, acknowledges,
 *   forwards, corrects the registration, and records the complainant's acceptance or appeal
 *   that came in by letter or phone;
 * - handler: handles the complaints forwarded to their account (by its id: a name proves nothing,
 *   two people may write theirs alike);
 * - appealBody: decides appeals;
 * - admin: everything, plus staff, settings, the outbox, webhooks and set-aside e-mail.
 */
const ROLE_ACTIONS: Record<StaffRole, readonly Action[]> = {
  receiver: [
    'acknowledge',
    'record-acknowledgement',
    'forward',
    'update',
    'accept-solution',
    'file-appeal',
    'add-note',
  ],
  handler: [
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
  ],
  appealBody: ['decide-appeal'],
  admin: ACTIONS,
};

export interface StaffMember {
  staffId: string;
  role: StaffRole;
}

/** What of a complaint says whose it is: the account it was forwarded to, if any. */
export interface HandledBy {
  handlerStaffId: string | null;
}

const forwardedTo = (complaint: HandledBy, member: StaffMember) =>
  complaint.handlerStaffId !== null && complaint.handlerStaffId === member.staffId;

/** What of the procedure the roles depend on. */
export interface RoleRules {
  /** wenb §2.1: whoever received a complaint may handle it once it is forwarded to them. */
  receiverMayHandle: boolean;
}

/** Whether the role allows the action on this complaint (the lifecycle is checked elsewhere). */
export function mayPerform(
  member: StaffMember,
  action: Action,
  complaint: HandledBy,
  rules: RoleRules = { receiverMayHandle: false },
): boolean {
  if (member.role === 'admin') return true;
  const ownComplaint = forwardedTo(complaint, member);
  if (ROLE_ACTIONS[member.role].includes(action)) {
    return member.role !== 'handler' || ownComplaint;
  }
  return (
    member.role === 'receiver' &&
    rules.receiverMayHandle &&
    ownComplaint &&
    ROLE_ACTIONS.handler.includes(action)
  );
}

export function mayRegister(member: StaffMember): boolean {
  return member.role === 'receiver' || member.role === 'admin';
}

/** Who posts letters: whoever registers complaints, and the handler of this one. */
export function mayPost(member: StaffMember, complaint: HandledBy): boolean {
  return mayRegister(member) || (member.role === 'handler' && forwardedTo(complaint, member));
}

/** Whether a complaint may be forwarded to an account of this role (it is then theirs to handle). */
export function mayHandle(role: StaffRole, rules: RoleRules): boolean {
  return role === 'handler' || role === 'admin' || (role === 'receiver' && rules.receiverMayHandle);
}

/** The procedure's role rules. */
export function roleRules(procedure: { receiverMayHandle: boolean }): RoleRules {
  return { receiverMayHandle: procedure.receiverMayHandle };
}

export function isAdmin(member: StaffMember): boolean {
  return member.role === 'admin';
}

/**
 * Whether a staff session may make this call on the tenant API (`segments` is the path after
 * `/v1/tenants/{slug}/`). Reading is for every role (but staff, webhooks and API keys, which are
 * for admins only); of the changes, only those listed; anything else (the procedure, erasure,
 * and any route added later) is for admins.
 */
export function mayCallApi(
  member: StaffMember,
  method: string,
  segments: string[],
  complaint: () => Promise<HandledBy | null>,
  rules?: RoleRules,
): Promise<boolean> | boolean {
  if (member.role === 'admin') return true;
  const [resource, , sub, action] = segments;
  if (resource === 'staff' || resource === 'webhooks' || resource === 'keys') return false;
  if (method === 'GET' || method === 'HEAD') return true;
  if (method !== 'POST' || resource !== 'complaints') return false;
  if (segments.length === 1) return mayRegister(member);
  if (segments.length === 4 && sub === 'actions' && ACTIONS.includes(action as Action)) {
    return complaint().then(
      (row) => row === null || mayPerform(member, action as Action, row, rules),
    );
  }
  if (segments.length === 5 && sub === 'correspondence' && segments[4] === 'posted') {
    return complaint().then((row) => row === null || mayPost(member, row));
  }
  return false;
}
