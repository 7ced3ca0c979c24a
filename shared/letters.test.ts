import { describe, expect, test } from 'vitest';
import { messagesSchema } from './letters';
import { MAX_MESSAGE_CHARS, PLACEHOLDER_MAX, SIGNATURE_CHARS } from './message-kinds';

const issues = (messages: unknown) =>
  messagesSchema.safeParse(messages).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe("a tenant's wording", () => {
  test('that could render longer than a message is refused, naming the part', () => {
    const amplified = { subject: 'Reactie {number}', body: '{message}'.repeat(1_111) };
    expect(issues({ response: { nl: amplified } })).toEqual([
      [
        'response.nl.body',
        `@messageTooLong|worst=${1_111 * PLACEHOLDER_MAX.message}&max=${MAX_MESSAGE_CHARS - SIGNATURE_CHARS}`,
      ],
    ]);
    // Three responses in a row still fit.
    expect(issues({ response: { nl: { subject: 'R', body: '{message}'.repeat(3) } } })).toEqual([]);
  });

  test('a subject that could outgrow a subject line is refused', () => {
    const long = { subject: 'Reactie: {message}', body: '{message}' };
    expect(issues({ response: { en: long } })).toEqual([
      ['response.en.subject', expect.stringMatching(/^@messageTooLong\|worst=10009&max=300$/)],
    ]);
  });

  test('a subject is one line', () => {
    const twoLines = { subject: 'Klacht {number}\nBcc: iedereen@example.net', body: '{message}' };
    expect(issues({ response: { nl: twoLines } })).toEqual([['response.nl.subject', '@oneLine']]);
  });

  test('an unknown placeholder is refused in the subject as in the body', () => {
    const inSubject = { subject: 'Klacht {nummer}', body: '{message}' };
    expect(issues({ response: { nl: inSubject } })).toEqual([
      ['response.nl.subject', '@unknownPlaceholder|placeholder={nummer}'],
    ]);
  });
});
