import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import type { StaffRole } from '../staff/roles';

export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  /** Shared between requests: read, never change. */
  procedure: Procedure;
  /** Raised with every change of the procedure. */
  version: number;
}

/** Who is acting: the public (web form), a tenant API key, or a staff member's session. */
export type Actor =
  | { kind: 'public' }
  | { kind: 'apiKey'; keyId: string; label: string }
  | { kind: 'staff'; staffId: string; name: string; role: StaffRole }
  /** The service itself, e.g. when the acknowledgement e-mail was delivered. */
  | { kind: 'system'; name: string };

export interface AppEnv {
  Variables: {
    locale: Locale;
    tenant: TenantRecord;
    actor: Actor;
  };
}
