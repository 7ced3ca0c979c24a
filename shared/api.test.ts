import { describe, expect, test } from 'vitest';
import { errorBodySchema, formConfigSchema, submitResponseSchema } from './api';

describe('the wire schemas', () => {
  test('an error names its code and message, and a lifecycle 409 its status and steps', () => {
    const conflict = {
      error: {
        code: 'transition_not_allowed',
        message: 'Deze stap kan niet bij de huidige status van de klacht.',
        status: 'closed',
        allowedActions: ['reopen'],
      },
    };
    expect(errorBodySchema.parse(conflict)).toEqual(conflict);
    expect(errorBodySchema.safeParse({ error: { code: 'x' } }).success).toBe(false);
  });

  test('a registered complaint comes back with its number, due dates and tracking link', () => {
    const answer = {
      number: '2026-0001',
      receivedAt: '2026-03-02T09:00:00.000Z',
      due: { acknowledgement: '2026-03-04' },
      deadlines: [
        { term: 'acknowledgement', label: 'Ontvangst', date: '2026-03-04', explanation: '…' },
      ],
      trackingUrl: 'https://klacht.test/track/abc',
    };
    expect(submitResponseSchema.parse(answer)).toEqual(answer);
    const { trackingUrl: _, ...withoutLink } = answer;
    expect(submitResponseSchema.safeParse(withoutLink).success).toBe(false);
  });

  test('the form the widget renders offers only optional or hidden attachments', () => {
    const result = formConfigSchema.shape.attachments.safeParse({
      mode: 'required',
      maxCount: 1,
      maxBytes: 1,
      types: [],
    });
    expect(result.success).toBe(false);
  });
});
