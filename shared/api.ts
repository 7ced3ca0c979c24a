/** Wire types shared by the API and its clients (the widget imports these as types only). */
import type { Locale } from './localised';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    /** On a 409 for a lifecycle step: the complaint's status and the steps it allows. */
    status?: string;
    allowedActions?: string[];
  };
}

export interface DeadlineView {
  term: string;
  label: string;
  date: string;
  explanation: string;
}

export interface SubmitResponse {
  number: string;
  receivedAt: string;
  /** Term name → Amsterdam date (the end of that day), as the contract says. */
  due: Record<string, string>;
  /** The public deadlines with their label and explanation, in the request's language. */
  deadlines: DeadlineView[];
  trackingUrl: string;
}

export type FieldMode = 'required' | 'optional' | 'hidden';

export interface ContactFieldModes {
  name: FieldMode;
  initials: FieldMode;
  address: FieldMode;
  phone: FieldMode;
  email: FieldMode;
}

/** What `GET /v1/tenants/{slug}/form` returns: all the widget needs, and nothing internal. */
export interface FormConfig {
  tenant: { slug: string; name: string };
  locale: Locale;
  complainant: ContactFieldModes;
  onBehalfOf: { offered: boolean; fields: ContactFieldModes };
  category: FieldMode;
  categories: { id: string; label: { nl: string; en: string } }[];
  desiredSolution: FieldMode;
  attachments: { mode: 'optional' | 'hidden'; maxCount: number; maxBytes: number; types: string[] };
  privacyUrl?: string;
  intro?: { nl: string; en: string };
  terms: { name: string; label: { nl: string; en: string }; amount: number; unit: string }[];
}
