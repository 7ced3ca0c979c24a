/** What survives a reload of the page in the same tab. Files cannot be kept, only their names. */
export interface Draft {
  values: Record<string, string>;
  onBehalfOf: boolean;
  files: string[];
  /** When the form was first shown (ms since epoch): the server's minimum fill time counts on it. */
  shownAt: number;
  /** The key and body of the last attempt, so a retry after a reload is not registered twice. */
  idempotencyKey: string;
  sentBody: string;
}

const storageKey = (tenant: string) => `klacht-form:draft:${tenant}`;

// sessionStorage throws when a browser blocks storage (sandboxed frames, strict privacy modes);
// the form then works as before, without a draft.

export function loadDraft(tenant: string): Partial<Draft> | null {
  try {
    const raw = sessionStorage.getItem(storageKey(tenant));
    return raw ? (JSON.parse(raw) as Partial<Draft>) : null;
  } catch {
    return null;
  }
}

export function saveDraft(tenant: string, draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey(tenant), JSON.stringify(draft));
  } catch {
    // No storage: nothing to keep it in.
  }
}

export function clearDraft(tenant: string): void {
  try {
    sessionStorage.removeItem(storageKey(tenant));
  } catch {
    // No storage: nothing to clear.
  }
}
