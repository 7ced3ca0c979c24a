import { describe, expect, test } from 'vitest';
import { MESSAGE_KIND_NAMES } from '../../shared/message-kinds';
import { presetProcedure } from '../../shared/presets';
import { sampleMessages } from './sample-messages';

const TODAY = '2026-03-10';
const LINK = 'https://klachten.example/t/voorbeeld';

/** The sample text of each kind, by kind. */
function samples(...args: Parameters<typeof sampleMessages>) {
  const list = sampleMessages(...args);
  return {
    kinds: list.map((s) => s.kind),
    text: Object.fromEntries(list.map((s) => [s.kind, s.message.text])),
    subject: Object.fromEntries(list.map((s) => [s.kind, s.message.subject])),
  };
}

// The paragraphs after the greeting (templates.test.ts checks the greeting itself).
const paragraphs = (text: string | undefined) =>
  (text ?? '').split('\n\n').filter((p, i) => i > 0 || !/^(Geachte|Dear) [^\n]*,$/.test(p));

describe('the preview of a procedure’s messages', () => {
  test('shows every complainant message once, about a sample complaint numbered in this year', () => {
    const { kinds, subject, text } = samples(presetProcedure('wenb'), 'Bureau', 'nl', TODAY);
    expect(kinds).toEqual(MESSAGE_KIND_NAMES);
    expect(subject.acknowledgement).toBe('Wij hebben uw klacht ontvangen (2026-0001)');
    expect(paragraphs(text.acknowledgement).slice(0, 4)).toEqual([
      'Bedankt voor uw klacht. Uw klachtnummer is 2026-0001. U schreef ons:',
      '"Mijn factuur van maart klopt niet: er staat twee keer hetzelfde bedrag op."',
      'Dit zijn de termijnen die wij u beloven:',
      expect.stringMatching(
        /^- Ontvangstbevestiging: uiterlijk do 12 mrt 2026\. [^\n]*\n- Afhandeling: uiterlijk di 24 mrt 2026\./,
      ),
    ]);
    expect(text.acknowledgement).toContain(`Volg uw klacht via uw persoonlijke link: ${LINK}`);
  });

  test('leaves out the appeal messages where the procedure has no appeal', () => {
    const without = presetProcedure('totaalonder1dak');
    expect(without.appeal.enabled).toBe(false);
    const { kinds } = samples(without, 'Bureau', 'nl', TODAY);
    expect(kinds).toEqual(
      MESSAGE_KIND_NAMES.filter((k) => k !== 'appealFiled' && k !== 'appealDecision'),
    );
  });

  test('a proposal made today shows the appeal route where the procedure has one', () => {
    const { text } = samples(presetProcedure('wenb'), 'Bureau', 'nl', TODAY);
    expect(paragraphs(text.solutionProposed).slice(0, 2)).toEqual([
      'Wij crediteren het dubbele bedrag op uw volgende factuur.',
      'Gaat u niet akkoord? Dan kunt u tot en met 24 maart 2026 in beroep gaan bij Voorzitter van de WENB.',
    ]);
    expect(paragraphs(text.appealDecision)[0]).toBe('Uitspraak: Uw beroep is gegrond.');
  });

  test('the statutory steps show a ground, a hearing and a postponement to a new date', () => {
    const { text } = samples(presetProcedure('awb'), 'Gemeente', 'nl', TODAY);
    expect(paragraphs(text.declined)[0]).toBe(
      'Wij hebben besloten uw klacht 2026-0001 niet te behandelen. De grond daarvoor: de gedraging is al eerder als klacht behandeld (art. 9:8 lid 1 onder a Awb).',
    );
    expect(paragraphs(text.hearingInvitation).slice(0, 2)).toEqual([
      expect.stringMatching(/ Wij nodigen u uit op 20 maart 2026 om 10:00\.$/),
      'Op locatie: Ons kantoor, Stationsplein 1, kamer 2.14',
    ]);
    expect(paragraphs(text.postponement).slice(0, 3)).toEqual([
      'Wij verdagen de afhandeling van uw klacht met 4 weken.',
      'Reden: Wij wachten op informatie van onze leverancier.',
      'Nieuwe datum: uiterlijk di 21 apr 2026.',
    ]);
  });

  test('the closing shows a summary, the first classification and remedy, and dated measures', () => {
    const { text } = samples(presetProcedure('totaalonder1dak'), 'X', 'en', TODAY);
    expect(paragraphs(text.closing).slice(1, 5)).toEqual([
      'What we did: We checked the invoice and credited the double amount.',
      'Our judgement: Justified complaint',
      'Remedy: Reprimand of the employee',
      'What we change so it does not happen again: From now on a second colleague checks invoices before they are sent. (from 24 March 2026)',
    ]);
  });

  test('a procedure without classifications or remedies previews a closing without them', () => {
    const procedure = { ...presetProcedure('awb'), classifications: [], remedies: [] };
    const { text } = samples(procedure, 'Gemeente', 'nl', TODAY);
    expect(text.closing).not.toMatch(/Ons oordeel|Oplossing:/);
    expect(paragraphs(text.closing)[1]).toMatch(/^Wat wij hebben gedaan: /);
  });

  test('the organisation’s own wording is previewed with the sample complainant', () => {
    const procedure = presetProcedure('awb');
    procedure.messages = {
      response: { nl: { subject: 'Antwoord {number}', body: 'Beste {complainantName},' } },
    };
    const { subject, text } = samples(procedure, 'Gemeente', 'nl', TODAY);
    expect(subject.response).toBe('Antwoord 2026-0001');
    expect(paragraphs(text.response)[0]).toBe('Beste J. de Vries,');
  });
});
