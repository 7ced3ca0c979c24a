import { describe, expect, test } from 'vitest';
import type { PresetName } from '../../shared/presets';
import { messageContext } from '../../test/unit-fixtures';
import { type MessageContext, renderMessage } from './templates';

const LINK = 'https://klacht.test/track/abc';

/** The context of a message about complaint 2026-0007 (received 2 March, written 10 March). */
function context(preset: PresetName, changes: Partial<MessageContext> = {}): MessageContext {
  return messageContext(preset, { ...changes, complaint: { complainantName: 'Jan Jansen' } });
}

// The paragraphs after the greeting (templates.test.ts checks the greeting itself).
const lines = (text: string) =>
  text.split('\n\n').filter((p, i) => i > 0 || !/^(Geachte|Dear) [^\n]*,$/.test(p));
const OMBUDSMAN =
  /^Bent u het niet eens met deze beslissing\? Dan kunt u zich wenden tot de Nationale ombudsman/;

describe('a declined complaint', () => {
  const ctx = context('awb', {
    kind: 'declined',
    eventData: { ground: 'handledBefore' },
    eventText: { reason: 'Uw klacht van januari ging hier al over.' },
    trackingUrl: LINK,
  });

  test('is told it will not be handled, on which ground, why, and where to turn', () => {
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Wij nemen uw klacht 2026-0007 niet in behandeling');
    expect(lines(text).slice(0, 4)).toEqual([
      'Wij hebben besloten uw klacht 2026-0007 niet te behandelen. De grond daarvoor: de gedraging is al eerder als klacht behandeld (art. 9:8 lid 1 onder a Awb).',
      'Uw klacht van januari ging hier al over.',
      expect.stringMatching(OMBUDSMAN),
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    ]);
  });

  test('in English', () => {
    const { subject, text } = renderMessage({ ...ctx, locale: 'en' });
    expect(subject).toBe('We will not handle your complaint 2026-0007');
    expect(lines(text)[0]).toBe(
      'We have decided not to handle your complaint 2026-0007. The ground: the conduct was handled as a complaint before (Awb 9:8(1)(a)).',
    );
  });
});

describe('a hearing invitation', () => {
  const ctx = context('awb', {
    kind: 'hearingInvitation',
    eventData: { on: '2026-03-20', time: '10:30', mode: 'inPerson' },
    eventText: { place: 'Stadhuis, kamer 3' },
  });

  test('names the day, the time and the place, and how to decline', () => {
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Uitnodiging: wij willen u horen over klacht 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      'Voordat wij over uw klacht beslissen, willen wij u de gelegenheid geven uw klacht toe te lichten. Wij nodigen u uit op 20 maart 2026 om 10:30.',
      'Op locatie: Stadhuis, kamer 3',
      'Kunt u niet, of wilt u niet worden gehoord? Laat het ons weten.',
    ]);
  });

  test('in English', () => {
    const { subject, text } = renderMessage({ ...ctx, locale: 'en' });
    expect(subject).toBe('Invitation: we would like to hear you about complaint 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      expect.stringMatching(
        /^Before we decide on your complaint, we would like to give you the opportunity to explain it\. We invite you on .*20 March 2026 at 10:30\.$/,
      ),
      'In person: Stadhuis, kamer 3',
      'If you cannot come, or do not wish to be heard, please let us know.',
    ]);
  });
});

describe('the closing letter', () => {
  const ctx = context('totaalonder1dak', { kind: 'closing' });
  const closed = {
    ...ctx,
    complaint: {
      ...ctx.complaint,
      summary: 'Wij hebben de monteur gesproken.',
      classification: 'justified',
      remedy: 'cancel',
      preventiveMeasures: 'Afspraken worden voortaan bevestigd.',
      measuresEffectiveOn: '2026-04-01',
    },
  };

  test('says what was done, the judgement, the remedy and what changes from when', () => {
    expect(lines(renderMessage(closed).text).slice(1, 5)).toEqual([
      'Wat wij hebben gedaan: Wij hebben de monteur gesproken.',
      'Ons oordeel: Terechte klacht',
      'Oplossing: Annulering van de overeenkomst',
      'Wat wij veranderen om herhaling te voorkomen: Afspraken worden voortaan bevestigd. (vanaf 1 april 2026)',
    ]);
    expect(lines(renderMessage({ ...closed, locale: 'en' }).text).slice(1, 5)).toEqual([
      'What we did: Wij hebben de monteur gesproken.',
      'Our judgement: Justified complaint',
      'Remedy: Cancellation of the agreement',
      'What we change so it does not happen again: Afspraken worden voortaan bevestigd. (from 1 April 2026)',
    ]);
  });

  test('names measures without a date as they are', () => {
    const undated = { ...closed, complaint: { ...closed.complaint, measuresEffectiveOn: null } };
    expect(lines(renderMessage(undated).text)[4]).toBe(
      'Wat wij veranderen om herhaling te voorkomen: Afspraken worden voortaan bevestigd.',
    );
  });

  test('without a summary, the solution that was proposed says what was done', () => {
    const proposed = {
      ...closed,
      complaint: { ...closed.complaint, summary: null, proposedSolution: 'Een nieuwe afspraak.' },
    };
    expect(lines(renderMessage(proposed).text)[1]).toBe('Onze oplossing: Een nieuwe afspraak.');
    expect(lines(renderMessage({ ...proposed, locale: 'en' }).text)[1]).toBe(
      'Our solution: Een nieuwe afspraak.',
    );
    const both = { ...proposed, complaint: { ...closed.complaint, proposedSolution: 'X' } };
    expect(renderMessage(both).text).not.toContain('Onze oplossing');
  });

  test('explains a departure from the committee’s advice', () => {
    const committee = context('awb-commissie', {
      kind: 'closing',
      eventText: { deviationReason: 'nieuwe feiten' },
    });
    expect(renderMessage(committee).text).toContain(
      '\n\nWij wijken af van het advies van de klachtadviescommissie, omdat: nieuwe feiten\n\n',
    );
  });
});

describe('the appeal decision', () => {
  test('says whether the appeal is upheld, then the decision', () => {
    const ctx = context('wenb', {
      kind: 'appealDecision',
      eventData: { upheld: true },
      eventText: { decision: 'De voorzitter is het met u eens.' },
    });
    expect(lines(renderMessage(ctx).text).slice(0, 2)).toEqual([
      'Uitspraak: Uw beroep is gegrond.',
      'De voorzitter is het met u eens.',
    ]);
    const en = renderMessage({ ...ctx, locale: 'en', eventData: { upheld: false } });
    expect(lines(en.text)[0]).toBe('Decision: Your appeal is dismissed.');
  });
});

describe('an escalation without a handler', () => {
  test('asks, in Dutch, to assign one', () => {
    const ctx = context('awb', { kind: 'overdue', term: 'decision' });
    expect(lines(renderMessage(ctx).text)[2]).toBe(
      'Deze klacht heeft nog geen behandelaar: wijs er een aan.',
    );
  });
});

describe('the HTML', () => {
  test('keeps the lines of a paragraph apart', () => {
    const { text, html } = renderMessage(context('awb'));
    const deadlines = lines(text)[3] ?? '';
    expect(deadlines.split('\n')).toHaveLength(2);
    expect(html).toContain(`<p>${deadlines.replace('\n', '<br>')}</p>`);
  });
});
