import { describe, expect, test } from 'vitest';
import {
  MAX_DEADLINE_LINE_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_PUBLIC_URL_CHARS,
  MAX_SUBJECT_CHARS,
  MESSAGE_KIND_NAMES,
  PLACEHOLDER_MAX,
  type Placeholder,
  SIGNATURE_CHARS,
} from '../../shared/message-kinds';
import { messageContext, tenantOf } from '../../test/unit-fixtures';
import { builtIn } from './built-in-texts';
import { type MessageContext, messageValues } from './message-values';
import { renderMessage } from './templates';

/*
 * The bounds of a message: every value at the longest its schema lets it be still fits its
 * placeholder's maximum (so the worst case a tenant's wording is checked against is real), and
 * every built-in text with all of them at their longest fits a message.
 */

const x = (n: number) => 'x'.repeat(n);
const label = (n = 500) => ({ nl: x(n), en: x(n) });

/** A procedure with every name, label and sentence a message quotes at its longest. */
const { procedure } = tenantOf('awb', (p) => {
  p.notifications = { staff: {}, ...p.notifications, senderName: x(100) };
  p.committee = { name: x(200) };
  p.complaintsOfficer = { name: x(200), contact: label() };
  p.referral = {
    to: label(),
    contact: label(),
    within: { amount: 60, unit: 'months', from: 'decision' },
  };
  p.appeal = {
    enabled: true,
    body: { role: label(), name: x(200), email: 'beroep@example.nl' },
    windowDays: 365,
  };
  p.classifications = [{ id: 'long', label: label() }];
  p.remedies = [{ id: 'long', label: label() }];
});

/** Twenty terms, each with a long explanation (a postponement's reason, many closed days). */
const deadlines = Array.from({ length: 20 }, (_, i) => ({
  term: `term${i}`,
  dueDate: '2026-12-31',
  detail: { explanation: { nl: x(3_000), en: x(3_000) } } as never,
}));

function longest(kind: string, locale: 'nl' | 'en' = 'nl'): MessageContext {
  return messageContext('awb', {
    kind,
    locale,
    tenantName: x(200),
    procedure,
    number: '2026-123456789',
    complaint: {
      description: x(10_000),
      complainantName: x(200),
      handler: x(200),
      summary: x(5_000),
      proposedSolution: x(10_000),
      classification: 'long',
      remedy: 'long',
      preventiveMeasures: x(5_000),
      measuresEffectiveOn: '2026-09-30',
      openProposalOn: '2026-03-09',
    },
    deadlines,
    eventText: {
      message: x(10_000),
      reason: x(5_000),
      proposedSolution: x(10_000),
      decision: x(10_000),
      grounds: x(10_000),
      text: x(10_000),
      place: x(500),
      deviationReason: x(5_000),
    },
    eventData: {
      weeks: 52,
      ground: 'olderThanOneYear',
      on: '2026-09-30',
      time: '14:30',
      mode: 'inPerson',
      upheld: true,
      term: 'term0',
    },
    trackingUrl: `https://${x(MAX_PUBLIC_URL_CHARS - 'https://'.length)}/track/${x(43)}`,
    term: 'term0',
  });
}

const KINDS = [
  ...MESSAGE_KIND_NAMES,
  'forwarded',
  'appealNotice',
  'replyReceived',
  'reminder',
  'overdue',
  'staff:erasureRequested',
];

describe('the bounds of a message', () => {
  test.each(KINDS)('%s: every value at its longest fits its placeholder, uncut', (kind) => {
    for (const locale of ['nl', 'en'] as const) {
      const values = messageValues(longest(kind, locale));
      for (const [name, value] of Object.entries(values)) {
        const max = PLACEHOLDER_MAX[name as Placeholder];
        expect(max, `${name} has a maximum`).toBeDefined();
        expect(value.length, `${kind} ${locale} {${name}}`).toBeLessThanOrEqual(max);
        // Cut only where the bound is meant to cut: a long explanation of a deadline, and the
        // quoted excerpt of the description.
        if (name !== 'deadlines' && name !== 'description') {
          expect(value.endsWith('…'), `${kind} ${locale} {${name}} was cut`).toBe(false);
        }
      }
    }
  });

  test.each(KINDS)('%s: the built-in text at its longest fits a message', (kind) => {
    for (const locale of ['nl', 'en'] as const) {
      const ctx = longest(kind, locale);
      const lines = builtIn(ctx, messageValues(ctx));
      const body = lines.body.filter(Boolean).join('\n\n');
      expect(body.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS - SIGNATURE_CHARS);
      const { subject, text, html } = renderMessage(ctx);
      expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
      expect(html.length).toBeLessThanOrEqual(5 * MAX_MESSAGE_CHARS + 1_000);
    }
  });

  test('a line of the deadlines is cut at its bound, and there are at most twenty', () => {
    const lines = messageValues(longest('acknowledgement')).deadlines ?? '';
    const each = lines.split('\n');
    expect(each).toHaveLength(20);
    for (const line of each) expect(line.length).toBe(MAX_DEADLINE_LINE_CHARS);
    expect(lines.length).toBeLessThanOrEqual(PLACEHOLDER_MAX.deadlines);
  });

  test('a wording saved before its worst case was checked still writes a bounded message', () => {
    // Written straight into the procedure, past the schema: a thousand {message}s.
    const ctx = longest('response');
    const amplified = {
      ...ctx,
      procedure: {
        ...procedure,
        messages: {
          response: {
            nl: { subject: '{message}{message}', body: '{message}'.repeat(1_000) },
          },
        },
      },
    };
    const { subject, text } = renderMessage(amplified);
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(text).toMatch(/x…\n\nMet vriendelijke groet,\n/);
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
  });
});
