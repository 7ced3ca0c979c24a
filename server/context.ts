import type { Locale } from '../shared/localised';
import type { Procedure } from '../shared/procedure';

export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  procedure: Procedure;
}

/** Who is acting: the public (web form), a tenant API key, or (later) a staff session. */
export type Actor = { kind: 'public' } | { kind: 'apiKey'; keyId: string; label: string };

export interface AppEnv {
  Variables: {
    locale: Locale;
    tenant: TenantRecord;
    actor: Actor;
  };
}
