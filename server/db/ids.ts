import { v7 } from 'uuid';

/**
 * A new row id: a UUIDv7, which begins with the moment it was made. Random ids (v4) put every
 * new row on a random page of each index keyed by it (the complaint's id keys five tables), so a
 * commit wrote one page per index per complaint; ids in time order fill the same last pages, and
 * a group of submissions shares them. Ids are not secrets: links and keys are separate tokens.
 */
export function newId(): string {
  return v7();
}
