/** Detail of `klacht-submitted`. */
export interface KlachtSubmittedDetail {
  number: string;
  /** Term name → due date (YYYY-MM-DD). */
  due: Record<string, string>;
  trackingUrl: string;
}

/** Detail of `klacht-error`. */
export interface KlachtErrorDetail {
  kind: 'validation' | 'network' | 'server' | 'load';
  fields?: Record<string, string>;
  /** With `load`: `origin_not_allowed` when this page's origin is not allowed to show the form. */
  code?: 'origin_not_allowed';
  /** With `origin_not_allowed`: the origin to add to the procedure's `allowedOrigins`. */
  origin?: string;
}
