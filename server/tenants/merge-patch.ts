type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies a JSON Merge Patch (RFC 7396, section 2) to a JSON value: an object merges member by
 * member, `null` removes a member, and anything else, an array too, replaces what was there.
 * Written out rather than taken from a package: it is the RFC's own ten-line algorithm, and the
 * result is built with `Object.fromEntries`, so a `__proto__` member in a patch stays a member
 * (which the schema then drops) and never becomes the result's prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const merged = new Map(Object.entries(isObject(target) ? target : {}));
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) merged.delete(name);
    else merged.set(name, applyMergePatch(merged.get(name), value));
  }
  return Object.fromEntries(merged);
}
