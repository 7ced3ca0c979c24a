// No assertion library is a dependency of the project; these few checks are all the tests need.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(`${message} (got ${show(value)})`);
}

export function equal<T>(actual: T, expected: T, message = 'values differ'): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function match(actual: string, pattern: RegExp, message = 'no match'): void {
  if (!pattern.test(actual)) {
    throw new AssertionError(`${message}: ${show(actual)} does not match ${pattern}`);
  }
}

export function includes(haystack: string, needle: string, message = 'text missing'): void {
  if (!haystack.includes(needle)) {
    throw new AssertionError(`${message}: ${show(needle)} not in ${show(haystack)}`);
  }
}

/** Polls until `fn` returns something truthy (and returns it), or fails after `timeout` ms. */
export async function waitFor<T>(
  fn: () => T | null | undefined | false,
  what: string,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new AssertionError(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
