/** How a complaint came in ("hoe binnengekomen"). */
export const CHANNELS = ['web', 'email', 'phone', 'letter', 'social', 'inPerson'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels of a complaint told rather than written: a phone number is enough to answer it. */
export const ORAL_CHANNELS: readonly Channel[] = ['phone', 'inPerson'];
