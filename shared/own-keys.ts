/*
 * A name a tenant chooses (a term, a category) or a visitor sends (a query value) becomes a key
 * into a plain object, and every plain object also answers to the names of Object.prototype:
 * `terms.valueOf` is a function, not undefined. So such names are refused where a procedure is
 * saved, and every look-up by such a name asks for the object's own keys only, which also keeps
 * whatever was stored before the refusal working.
 */

const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether every plain object already answers to `name` (constructor, toString, __proto__, …). */
export function isInheritedName(name: string): boolean {
  return INHERITED.has(name);
}

/** `record[key]` when the record itself holds `key`; never what its prototype answers. */
export function own<V>(record: Readonly<Partial<Record<string, V>>> | undefined, key: string) {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
