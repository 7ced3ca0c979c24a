import { fileId } from './attachments';
import { loadDraft, saveDraft } from './draft';

/**
 * What the form remembers between attempts to send it, and keeps in the tab's draft: when it was
 * first shown, the Idempotency-Key of the last attempt and what was sent with it, and the names
 * of files that a reload lost.
 */
export class Attempt {
  shownAt = 0;
  lostFiles: string[] = [];
  #idempotencyKey = '';
  #sentBody = '';
  #restored = false;

  /** The key for this body and these files: the same for a retry, a new one for a change. */
  keyFor(body: unknown, files: File[]): string {
    const signature = JSON.stringify([body, files.map(fileId)]);
    if (signature !== this.#sentBody) {
      this.#idempotencyKey = crypto.randomUUID();
      this.#sentBody = signature;
    }
    return this.#idempotencyKey;
  }

  /** Takes up a draft left by an earlier page in this tab, once; returns what was typed. */
  restore(tenant: string): { values: Record<string, string>; onBehalfOf: boolean } | null {
    if (this.#restored) return null;
    this.#restored = true;
    const draft = loadDraft(tenant);
    this.shownAt = draft?.shownAt ?? Date.now();
    if (!draft) return null;
    this.#idempotencyKey = draft.idempotencyKey ?? '';
    this.#sentBody = draft.sentBody ?? '';
    this.lostFiles = draft.files ?? [];
    return { values: draft.values ?? {}, onBehalfOf: draft.onBehalfOf ?? false };
  }

  save(tenant: string, values: Record<string, string>, onBehalfOf: boolean, files: File[]) {
    const chosen = files.map((f) => f.name);
    saveDraft(tenant, {
      values,
      onBehalfOf,
      files: [...this.lostFiles.filter((name) => !chosen.includes(name)), ...chosen],
      shownAt: this.shownAt,
      idempotencyKey: this.#idempotencyKey,
      sentBody: this.#sentBody,
    });
  }
}
