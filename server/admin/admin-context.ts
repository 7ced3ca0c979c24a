import type { Context } from 'hono';
import type { Locale } from '../../shared/localised';
import type { Actor, TenantRecord } from '../http/context';
import type { StaffSession } from '../staff/sessions';

export interface AdminEnv {
  Variables: {
    locale: Locale;
    tenant: TenantRecord;
    actor: Actor;
    staff: StaffSession;
    /** The hidden field every form of this session carries. */
    csrf: string;
    /** Today in Amsterdam, by the app's clock. */
    today: string;
  };
}

export type AdminContext = Context<AdminEnv>;

/** An admin page that answers with an HTML error page (404, 403, …) rather than JSON. */
export class PageError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 429,
    readonly title: string,
    readonly text: string,
  ) {
    super(title);
  }
}

export const notFoundPage = () =>
  new PageError(404, 'Niet gevonden', 'Deze pagina bestaat niet, of u heeft er geen toegang toe.');

export const forbiddenPage = (text: string) => new PageError(403, 'Geen toegang', text);

export function staffActor(c: AdminContext): Actor {
  const s = c.get('staff');
  return { kind: 'staff', staffId: s.staffId, name: s.name, role: s.role };
}

export function base(c: AdminContext): string {
  return `/admin/${c.get('tenant').slug}`;
}
