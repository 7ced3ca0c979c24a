import { describe, expect, test } from 'vitest';
import { appealWindowEnds } from './appeal-window';
import { messagesSchema } from './letters';
import { fillPlaceholders, placeholdersIn, placeholdersOf } from './message-kinds';
import { complaintsOfficerSentence } from './statutory';

describe('the klachtenfunctionaris', () => {
  const officer = { name: 'Mw. A. de Wit', contact: { nl: 'tel. 020 1', en: 'phone 020 1' } };
  test('is introduced in the reader’s language', () => {
    expect(complaintsOfficerSentence(officer, 'nl')).toBe(
      'Wilt u advies of hulp bij uw klacht? Onze klachtenfunctionaris Mw. A. de Wit helpt u kosteloos: tel. 020 1.',
    );
    expect(complaintsOfficerSentence(officer, 'en')).toBe(
      'Would you like advice or help with your complaint? Our complaints officer Mw. A. de Wit helps you free of charge: phone 020 1.',
    );
  });
});

describe('placeholders', () => {
  test('are found by name, filled, and an unknown or empty one leaves nothing', () => {
    expect(placeholdersIn('{number} en {trackingUrl}, niet { x } of {}')).toEqual([
      'number',
      'trackingUrl',
    ]);
    expect(
      fillPlaceholders('Klacht {number}: {summary}{nope}.', { number: '2026-0001', summary: '' }),
    ).toBe('Klacht 2026-0001: .');
    expect(placeholdersOf('declined')).toEqual([
      'number',
      'organisation',
      'complainantName',
      'receivedDate',
      'today',
      'trackingUrl',
      'ground',
      'reason',
      'referral',
    ]);
  });

  test("a tenant's wording may use only its kind's placeholders, and must use the required ones", () => {
    const ok = { subject: 'Klacht {number}', body: 'Grond: {ground}. {reason}' };
    expect(messagesSchema.safeParse({ declined: { nl: ok } }).success).toBe(true);
    const unknown = messagesSchema.safeParse({
      declined: { nl: { subject: 'Klacht {number}', body: '{ground} {reason} {summary}' } },
    });
    expect(unknown.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['declined.nl.body', '@unknownPlaceholder|placeholder={summary}'],
    ]);
    const missing = messagesSchema.safeParse({
      declined: { en: { subject: 'Complaint {number}', body: 'Because {ground}.' } },
    });
    expect(missing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['declined.en.body', '@missingPlaceholder|placeholder={reason}'],
    ]);
    // A language left out is the built-in text; nothing to check.
    expect(messagesSchema.safeParse({ declined: { nl: undefined } }).success).toBe(true);
  });
});

describe('the appeal window', () => {
  test('ends windowDays after the proposal, across months and leap days', () => {
    expect(appealWindowEnds('2026-03-10', 14)).toBe('2026-03-24');
    expect(appealWindowEnds('2028-02-20', 9)).toBe('2028-02-29');
    expect(appealWindowEnds('2026-12-20', 14)).toBe('2027-01-03');
  });
});
