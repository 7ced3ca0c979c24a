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
}
