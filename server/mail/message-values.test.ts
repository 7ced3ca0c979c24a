import { describe, expect, test } from 'vitest';
import type { PresetName } from '../../shared/presets';
import { deadlineRow, messageContext, tenantOf } from '../../test/unit-fixtures';
import {
  addPeriod,
  type MessageContext,
  messageValues,
  referralSentence,
  termInWords,
} from './message-values';

/** The context of a closing message about complaint 2026-0007, received 2 March, written 10 March. */
function context(preset: PresetName, changes: Partial<MessageContext> = {}): MessageContext {
  return messageContext(preset, {
    kind: 'closing',
    deadlines: [],
    ...changes,
    complaint: { description: 'De monteur kwam niet.' },
  });
}

const complaint = (ctx: MessageContext, changes: Partial<MessageContext['complaint']>) => ({
  ...ctx,
  complaint: { ...ctx.complaint, ...changes },
});

describe('a term in words', () => {
  test('is singular for one and plural for more, in both languages', () => {
    expect(termInWords({ amount: 1, unit: 'weeks' }, 'nl')).toBe('één week');
    expect(termInWords({ amount: 2, unit: 'weeks' }, 'nl')).toBe('twee weken');
    expect(termInWords({ amount: 12, unit: 'months' }, 'nl')).toBe('12 maanden');
    expect(termInWords({ amount: 6, unit: 'weeks' }, 'en')).toBe('six weeks');
    expect(termInWords({ amount: 1, unit: 'months' }, 'en')).toBe('one month');
  });
});

describe('the last day of a term', () => {
  test('weeks count on from the day, across months and years', () => {
    expect(addPeriod('2026-12-28', { amount: 2, unit: 'weeks' })).toBe('2027-01-11');
    expect(addPeriod('2026-03-10', { amount: 6, unit: 'weeks' })).toBe('2026-04-21');
  });

  test('months keep the day, or take the last day of a shorter month', () => {
    expect(addPeriod('2026-03-10', { amount: 12, unit: 'months' })).toBe('2027-03-10');
    expect(addPeriod('2026-01-31', { amount: 1, unit: 'months' })).toBe('2026-02-28');
    expect(addPeriod('2026-08-31', { amount: 3, unit: 'months' })).toBe('2026-11-30');
  });

  test('years are twelve months each', () => {
    expect(addPeriod('2026-03-10', { amount: 2, unit: 'years' })).toBe('2028-03-10');
    expect(addPeriod('2024-02-29', { amount: 1, unit: 'years' })).toBe('2025-02-28');
  });
});

describe('the referral sentence', () => {
  const dates = { decidedOn: '2026-03-10', receivedOn: '2026-03-02' };

  test('counts from the receipt when the disputes body does, and names no contact it lacks', () => {
    const { procedure } = tenantOf('wkkgz');
    expect(referralSentence(procedure.referral, 'nl', dates)).toBe(
      'Bent u het niet eens met deze beslissing? Dan kunt u zich wenden tot de geschilleninstantie waarbij wij zijn aangesloten. Dat kan binnen 12 maanden nadat u uw klacht bij ons indiende, dus uiterlijk 2 maart 2027.',
    );
    expect(referralSentence(procedure.referral, 'en', dates)).toBe(
      'If you disagree with this decision, you may turn to the disputes body we are affiliated with. You can do so within 12 months of submitting your complaint to us, that is by 2 March 2027.',
    );
  });

  test('an older procedure whose referral is a sentence keeps it as written', () => {
    const referral = { nl: 'Wend u tot de ombudsman.', en: 'Turn to the ombudsman.' };
    expect(referralSentence(referral, 'nl', dates)).toBe('Wend u tot de ombudsman.');
    expect(referralSentence(referral, 'en', dates)).toBe('Turn to the ombudsman.');
    expect(referralSentence(undefined, 'nl', dates)).toBe('');
  });
});

describe('the values of a closing', () => {
  test('name the complainant, the classification and remedy by their labels', () => {
    const ctx = complaint(context('totaalonder1dak'), {
      complainantName: 'Jan Jansen',
      classification: 'dissatisfaction',
      remedy: 'cancel',
      summary: 'Wij hebben gebeld.',
      preventiveMeasures: 'Een tweede controle.',
      measuresEffectiveOn: '2026-04-01',
    });
    const { procedure } = ctx;
    const classification = procedure.classifications.find((c) => c.id === 'dissatisfaction');
    const remedy = procedure.remedies.find((r) => r.id === 'cancel');
    expect(procedure.classifications[0]?.id).not.toBe('dissatisfaction');
    expect(procedure.remedies[0]?.id).not.toBe('cancel');
    expect(messageValues(ctx)).toMatchObject({
      complainantName: 'Jan Jansen',
      judgement: classification?.label.nl,
      remedy: remedy?.label.nl,
      summary: 'Wij hebben gebeld.',
      measures: 'Een tweede controle.',
      measuresEffectiveOn: '1 april 2026',
    });
    expect(messageValues({ ...ctx, locale: 'en' }).judgement).toBe(classification?.label.en);
  });

  test('leave out what was not recorded, and name a retired label by its id', () => {
    const values = messageValues(context('awb'));
    expect(values).toMatchObject({
      complainantName: '',
      judgement: '',
      remedy: '',
      summary: '',
      measures: '',
      measuresEffectiveOn: '',
      weeks: '',
      appealWindowEnds: '',
      appealRoute: '',
      appealBody: '',
      complaintsOfficer: '',
      ground: '',
      hearingOn: '',
      hearingPlace: '',
      deviation: '',
    });
    const retired = complaint(context('awb'), { classification: 'oud', remedy: 'weg' });
    expect(messageValues(retired)).toMatchObject({ judgement: 'oud', remedy: 'weg' });
  });

  test('refer to the appeal while its window is open, then to the referral', () => {
    const ctx = complaint(context('wenb'), { openProposalOn: '2026-03-10' });
    const withReferral = {
      ...ctx,
      procedure: { ...ctx.procedure, referral: { nl: 'Daarna de rechter.', en: 'Then court.' } },
    };
    expect(messageValues(withReferral).referral).toBe(
      'Gaat u niet akkoord? Dan kunt u tot en met 24 maart 2026 in beroep gaan bij Voorzitter van de WENB.\n\nDaarna de rechter.',
    );
    // Only a closing names the appeal route in its referral.
    expect(messageValues({ ...withReferral, kind: 'declined' }).referral).toBe(
      'Daarna de rechter.',
    );
    expect(messageValues({ ...ctx, kind: 'declined' }).referral).toBe('');
    expect(messageValues(context('wenb')).referral).toBe('');
  });
});

describe('the appeal decision', () => {
  const ctx = complaint(context('wenb', { kind: 'appealDecision' }), {
    classification: 'terecht',
  });

  test('says whether the appeal is upheld or dismissed, not how the complaint was classified', () => {
    expect(messageValues({ ...ctx, eventData: { upheld: true } }).judgement).toBe(
      'Uw beroep is gegrond.',
    );
    expect(messageValues({ ...ctx, eventData: { upheld: false } }).judgement).toBe(
      'Uw beroep is ongegrond.',
    );
    expect(messageValues({ ...ctx, locale: 'en', eventData: { upheld: true } }).judgement).toBe(
      'Your appeal is upheld.',
    );
    expect(messageValues({ ...ctx, locale: 'en', eventData: { upheld: false } }).judgement).toBe(
      'Your appeal is dismissed.',
    );
    expect(messageValues(ctx).judgement).toBe('');
    expect(messageValues({ ...ctx, kind: 'closing' }).judgement).toBe('Terechte klacht');
  });
});

describe('the values of the statutory steps', () => {
  test('a declined complaint names its ground in the message language', () => {
    const ctx = context('awb', { kind: 'declined', eventData: { ground: 'handledBefore' } });
    expect(messageValues(ctx).ground).toBe(
      'de gedraging is al eerder als klacht behandeld (art. 9:8 lid 1 onder a Awb)',
    );
    expect(messageValues({ ...ctx, locale: 'en' }).ground).toBe(
      'the conduct was handled as a complaint before (Awb 9:8(1)(a))',
    );
  });

  test('a hearing names its day, time, and how and where it is held', () => {
    const ctx = context('awb', {
      kind: 'hearingInvitation',
      eventData: { on: '2026-03-20', time: '10:30', mode: 'phone' },
      eventText: { place: '020 123 4567' },
    });
    expect(messageValues(ctx)).toMatchObject({
      hearingOn: '20 maart 2026 om 10:30',
      hearingPlace: 'Telefonisch: 020 123 4567',
    });
    expect(messageValues({ ...ctx, locale: 'en' })).toMatchObject({
      hearingOn: expect.stringMatching(/20 March 2026 at 10:30$/),
      hearingPlace: 'By phone: 020 123 4567',
    });
    const noTime = messageValues({ ...ctx, eventData: { on: '2026-03-20' }, eventText: {} });
    expect(noTime).toMatchObject({ hearingOn: '20 maart 2026', hearingPlace: '' });
    const noMode = messageValues({ ...ctx, eventData: { time: '10:30' } });
    expect(noMode).toMatchObject({ hearingOn: '', hearingPlace: '020 123 4567' });
  });

  test('a decision that departs from the advice names the committee and the reason', () => {
    const reason = { deviationReason: 'de klacht is inmiddels opgelost' };
    const named = context('awb-commissie', { eventText: reason });
    expect(messageValues(named).deviation).toBe(
      'Wij wijken af van het advies van de klachtadviescommissie, omdat: de klacht is inmiddels opgelost',
    );
    expect(messageValues({ ...named, locale: 'en' }).deviation).toBe(
      'We depart from the advice of de klachtadviescommissie because: de klacht is inmiddels opgelost',
    );
    const unnamed = context('awb', { eventText: reason });
    expect(messageValues(unnamed).deviation).toBe(
      'Wij wijken af van het advies van de klachtencommissie, omdat: de klacht is inmiddels opgelost',
    );
    expect(messageValues({ ...unnamed, locale: 'en' }).deviation).toBe(
      'We depart from the advice of the complaints committee because: de klacht is inmiddels opgelost',
    );
  });

  test('the complaints officer is introduced where the procedure has one', () => {
    const ctx = context('awb');
    const officer = { name: 'Els de Boer', contact: { nl: 'bel 14 020', en: 'call 14 020' } };
    const withOfficer = { ...ctx, procedure: { ...ctx.procedure, complaintsOfficer: officer } };
    expect(messageValues(withOfficer).complaintsOfficer).toBe(
      'Wilt u advies of hulp bij uw klacht? Onze klachtenfunctionaris Els de Boer helpt u kosteloos: bel 14 020.',
    );
  });
});

describe('a postponement', () => {
  test('says by how many weeks and the new date of the term', () => {
    const base = context('awb', { kind: 'postponement' });
    const decision = deadlineRow(base.procedure, 'decision');
    const ctx = {
      ...base,
      deadlines: [{ term: 'decision', dueDate: '2026-05-11', detail: decision.detail as never }],
      eventData: { term: 'decision', weeks: 4 },
    };
    expect(messageValues(ctx)).toMatchObject({ weeks: '4', newDate: 'ma 11 mei 2026' });
  });
});
