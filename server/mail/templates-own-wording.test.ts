import { describe, expect, test } from 'vitest';
import type { MessageKind } from '../../shared/message-kinds';
import { messageContext, tenantOf } from '../../test/unit-fixtures';
import { type MessageContext, renderMessage } from './templates';

/** A message of awb about complaint 2026-0007, with the organisation's own wording of `kind`. */
function context(
  kind: string,
  wording: { subject: string; body: string } | undefined,
  locale: 'nl' | 'en' = 'nl',
): MessageContext {
  const { procedure } = tenantOf('awb', (p) => {
    if (wording) p.messages = { ...p.messages, [kind as MessageKind]: { [locale]: wording } };
  });
  return messageContext('awb', {
    kind,
    locale,
    tenantName: 'Gemeente Ons Dorp',
    procedure,
    complaint: { description: 'De monteur kwam niet.', complainantName: 'Jan Jansen' },
    deadlines: [],
    eventText: { message: 'Wij bellen u morgen.' },
  });
}

const SIGNATURE = 'Met vriendelijke groet,\nGemeente Ons Dorp\n';

describe('the organisation’s own wording', () => {
  test('replaces the built-in text, with its placeholders filled in', () => {
    const ctx = context('response', {
      subject: 'Ons antwoord op {number}',
      body: 'Beste {complainantName},\n\n{message}',
    });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Ons antwoord op 2026-0007');
    expect(text).toBe(`Beste Jan Jansen,\n\nWij bellen u morgen.\n\n${SIGNATURE}`);
  });

  test('is only used in the language it was written for', () => {
    const ctx = context('response', { subject: 'Antwoord {number}', body: '{message}' }, 'en');
    expect(renderMessage(ctx).subject).toBe('Antwoord 2026-0007');
    expect(renderMessage({ ...ctx, locale: 'nl' }).subject).toBe('Reactie op uw klacht 2026-0007');
  });

  test('paragraphs are split at empty lines, also ones holding only spaces, and trimmed', () => {
    const ctx = context('response', {
      subject: 'Antwoord',
      body: 'Eerste alinea.  \n  \nTweede alinea\nmet een tweede regel.\n\n\n  Derde.',
    });
    const { text, html } = renderMessage(ctx);
    expect(text).toBe(
      `Geachte Jan Jansen,\n\nEerste alinea.\n\nTweede alinea\nmet een tweede regel.\n\nDerde.\n\n${SIGNATURE}`,
    );
    expect(html).toBe(
      '<!doctype html><html lang="nl"><body><p>Geachte Jan Jansen,</p><p>Eerste alinea.</p>' +
        '<p>Tweede alinea<br>met een tweede regel.</p><p>Derde.</p>' +
        '<p>Met vriendelijke groet,<br>Gemeente Ons Dorp</p></body></html>',
    );
  });

  test('a message kind the organisation cannot word keeps the built-in text', () => {
    const ctx = context('response', { subject: 'Eigen {number}', body: 'Eigen tekst' });
    const reminder = { ...ctx, kind: 'reminder', term: 'decision' };
    expect(renderMessage(reminder).subject).toBe(
      'Herinnering: klacht 2026-0007, Afhandeling van uw klacht',
    );
    expect(renderMessage(context('response', undefined)).subject).toBe(
      'Reactie op uw klacht 2026-0007',
    );
  });

  test('a subject is one line, whatever the values in it hold', () => {
    // Issue #22 item 13: a name with a line break reached the Subject header through a template.
    const ctx = context('response', { subject: 'Klacht van {complainantName}', body: '{message}' });
    const named = {
      ...ctx,
      complaint: { ...ctx.complaint, complainantName: 'Jan\r\nBcc: iedereen@example.net' },
    };
    expect(renderMessage(named).subject).toBe('Klacht van Jan Bcc: iedereen@example.net');
    // A built-in subject quotes a term's label, which the tenant wrote.
    const reminder = { ...ctx, kind: 'reminder', term: 'decision' };
    const decision = reminder.procedure.terms.decision;
    if (!decision) throw new Error('awb has a decision term');
    const labelled = {
      ...reminder,
      procedure: {
        ...reminder.procedure,
        terms: {
          ...reminder.procedure.terms,
          decision: { ...decision, label: { nl: 'Beslissing\nBcc: x@y.nl', en: 'Decision' } },
        },
      },
    };
    expect(renderMessage(labelled).subject).toBe(
      'Herinnering: klacht 2026-0007, Beslissing Bcc: x@y.nl',
    );
  });
});
