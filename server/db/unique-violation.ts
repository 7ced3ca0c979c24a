/** Whether a database error (or one of its causes) is a UNIQUE constraint that refused a row. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? ''}`;
    if (/SQLITE_CONSTRAINT|UNIQUE constraint failed/.test(text)) return true;
  }
  return false;
}
