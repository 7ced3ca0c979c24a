import { describe, expect, test } from 'vitest';
import type { PresetName } from '../../shared/presets';
import { deadlineRow, messageContext } from '../../test/unit-fixtures';
import { type MessageContext, renderMessage } from './templates';

const LINK = 'https://klacht.test/track/abc';

type ContextChanges = Partial<MessageContext> & {
  description?: string | null;
  handler?: string | null;
};

/** A message context; `description` and `handler` change the complaint it quotes. */
function context(
  preset: PresetName,
  { description = 'De monteur kwam niet opdagen.', handler = null, ...rest }: ContextChanges = {},
): MessageContext {
  return messageContext(preset, { ...rest, complaint: { description, handler } });
}

// The paragraphs after the greeting (templates.test.ts checks the greeting itself).
const lines = (text: string) =>
  text.split('\n\n').filter((p, i) => i > 0 || !/^(Geachte|Dear) [^\n]*,$/.test(p));

describe('the acknowledgement', () => {
  test('names the number, quotes the complaint, lists the public terms, links and says how long we keep it', () => {
    const { subject, text } = renderMessage(context('wenb', { trackingUrl: LINK }));
    expect(subject).toBe('Wij hebben uw klacht ontvangen (2026-0007)');
    expect(lines(text)).toEqual([
      'Bedankt voor uw klacht. Uw klachtnummer is 2026-0007. U schreef ons:',
      '"De monteur kwam niet opdagen."',
      'Dit zijn de termijnen die wij u beloven:',
      // registration is not public; the appeal decision has no date yet. The terms are one
      // paragraph, a line each.
      expect.stringMatching(
        /^- Ontvangstbevestiging: uiterlijk wo 4 mrt 2026\. 2 werkdagen na ontvangst[^\n]*\n- Afhandeling: uiterlijk ma 16 mrt 2026\. 2 weken na ontvangst[^\n]*$/,
      ),
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
      'Wij bewaren uw klacht en uw gegevens tot 2 jaar na de afhandeling. U kunt ons vragen ze eerder te verwijderen.',
      'Met vriendelijke groet,\nBureau WENB\n',
    ]);
  });

  test('in English, signed by the tenant when the procedure names no sender', () => {
    const { subject, text } = renderMessage(context('awb', { locale: 'en' }));
    expect(subject).toBe('We have received your complaint (2026-0007)');
    expect(lines(text)).toEqual([
      'Thank you for your complaint. Your complaint number is 2026-0007. You wrote:',
      '"De monteur kwam niet opdagen."',
      'These are the deadlines we promise you:',
      expect.stringMatching(
        /^- Acknowledgement: by Mon 9 Mar 2026\. 5 working days after receipt[^\n]*\n- Decision on your complaint: by Mon 13 Apr 2026\. 6 weeks after receipt[^\n]*$/,
      ),
      'We keep your complaint and your details until 5 years after it is closed. You may ask us to delete them earlier.',
      'Kind regards,\nTenant awb\n',
    ]);
  });

  test('quotes a long description in 300 characters, ending in an ellipsis', () => {
    const long = `${'woord '.repeat(100)}`;
    const { text } = renderMessage(context('awb', { description: long }));
    const quote = lines(text)[1] ?? '';
    expect(quote).toBe(`"${long.slice(0, 299).trimEnd()}…"`);
    const exact = 'x'.repeat(300);
    expect(lines(renderMessage(context('awb', { description: exact })).text)[1]).toBe(`"${exact}"`);
    // Nothing to quote: no quotation marks around nothing, and no "you wrote".
    expect(lines(renderMessage(context('awb', { description: null })).text).slice(0, 2)).toEqual([
      'Bedankt voor uw klacht. Uw klachtnummer is 2026-0007.',
      'Dit zijn de termijnen die wij u beloven:',
    ]);
    const cutAtSpace = `${'x'.repeat(298)} ${'y'.repeat(10)}`;
    expect(lines(renderMessage(context('awb', { description: cutAtSpace })).text)[1]).toBe(
      `"${'x'.repeat(298)}…"`,
    );
  });

  test('the HTML is one paragraph per line, and our link is a link, over http too', () => {
    const http = 'http://localhost:8787/track/abc';
    const { html } = renderMessage(
      context('awb', { kind: 'response', eventText: { message: 'Hallo' }, trackingUrl: http }),
    );
    expect(html).toBe(
      '<!doctype html><html lang="nl"><body><p>Geachte heer of mevrouw,</p><p>Hallo</p>' +
        `<p>Volg uw klacht via uw persoonlijke link: <a href="${http}">${http}</a></p>` +
        '<p>Met vriendelijke groet,<br>Tenant awb</p></body></html>',
    );
  });

  test('the HTML links our tracking link and nothing else, whoever wrote it', () => {
    const elsewhere = 'https://elders.example/inloggen';
    const { html, text } = renderMessage(
      context('awb', {
        kind: 'response',
        eventText: { message: `Zie ${elsewhere} en ${LINK}` },
        trackingUrl: LINK,
      }),
    );
    expect(text).toContain(elsewhere);
    expect(html.match(/<a\b[^>]*>/g)).toEqual([`<a href="${LINK}">`, `<a href="${LINK}">`]);
    expect(html).toContain(`<p>Zie ${elsewhere} en <a href="${LINK}">${LINK}</a></p>`);
  });

  test('to an address nobody has confirmed: no quotation of the complaint, no name', () => {
    const ctx = context('wenb', {
      trackingUrl: LINK,
      unconfirmedAddress: true,
      complaint: { ...context('wenb').complaint, complainantName: 'Jan' },
    });
    const { text } = renderMessage(ctx);
    expect(lines(text).slice(0, 2)).toEqual([
      'Bedankt voor uw klacht. Uw klachtnummer is 2026-0007.',
      'Dit zijn de termijnen die wij u beloven:',
    ]);
    expect(text).not.toContain('De monteur kwam niet opdagen.');
    const own = {
      ...ctx,
      procedure: {
        ...ctx.procedure,
        messages: {
          acknowledgement: {
            nl: {
              subject: '{number} van {complainantName}',
              body: 'Beste {complainantName}, {description}',
            },
          },
        },
      },
    };
    expect(renderMessage(own).subject).toBe('2026-0007 van heer/mevrouw');
    expect(lines(renderMessage(own).text)[0]).toBe('Beste heer/mevrouw,');
    // In English (the built-in text here), no name and no quotation either.
    expect(lines(renderMessage({ ...own, locale: 'en' }).text)[0]).toBe(
      'Thank you for your complaint. Your complaint number is 2026-0007.',
    );
  });

  test('the HTML escapes what people typed and links only the links', () => {
    const { html } = renderMessage(
      context('wenb', { description: '<script>alert("x")</script> & \'y\'', trackingUrl: LINK }),
    );
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(
      '<p>&#34;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;&#34;</p>',
    );
    expect(html).toContain(
      `<p>Volg uw klacht via uw persoonlijke link: <a href="${LINK}">${LINK}</a></p>`,
    );
    expect(html).toMatch(/<p>Met vriendelijke groet,<br>Bureau WENB<\/p><\/body><\/html>$/);
    const en = renderMessage(context('wenb', { locale: 'en' })).html;
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/<p>Kind regards,<br>Bureau WENB<\/p>/);
  });
});

describe('messages to staff', () => {
  test('the handler hears of a forwarded complaint with its terms', () => {
    const { subject, text } = renderMessage(context('awb', { kind: 'forwarded' }));
    expect(subject).toBe('Klacht 2026-0007 is aan u toegewezen');
    expect(lines(text).slice(0, 3)).toEqual([
      'U bent de behandelaar van klacht 2026-0007.',
      '"De monteur kwam niet opdagen."',
      expect.stringMatching(/^- Ontvangstbevestiging: uiterlijk ma 9 mrt 2026\./),
    ]);
    const en = renderMessage(context('awb', { kind: 'forwarded', locale: 'en' }));
    expect(en.subject).toBe('Complaint 2026-0007 was assigned to you');
    expect(lines(en.text)[0]).toBe('You handle complaint 2026-0007.');
  });

  test('a reminder names the term and its date only', () => {
    const ctx = context('awb', { kind: 'reminder', term: 'decision' });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Herinnering: klacht 2026-0007, Afhandeling van uw klacht');
    expect(lines(text).slice(0, 2)).toEqual([
      'De termijn "Afhandeling van uw klacht" van klacht 2026-0007 verloopt binnenkort.',
      expect.stringMatching(/^- Afhandeling van uw klacht: uiterlijk ma 13 apr 2026\./),
    ]);
    expect(lines(text)).toHaveLength(3);
    const en = renderMessage({ ...ctx, locale: 'en' });
    expect(en.subject).toBe('Reminder: complaint 2026-0007, Decision on your complaint');
    expect(lines(en.text)[0]).toBe(
      'The deadline "Decision on your complaint" of complaint 2026-0007 ends soon.',
    );
  });

  test('an escalation names the term, its date and the handler', () => {
    const ctx = context('awb', { kind: 'overdue', term: 'decision', handler: 'Piet' });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Termijn verstreken: klacht 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      'De termijn "Afhandeling van uw klacht" van klacht 2026-0007 is verstreken zonder dat de stap is gezet.',
      expect.stringMatching(/^- Afhandeling van uw klacht: uiterlijk/),
      'Behandelaar: Piet',
    ]);
    const en = renderMessage({
      ...ctx,
      locale: 'en',
      complaint: { ...ctx.complaint, handler: null },
    });
    expect(en.subject).toBe('Deadline passed: complaint 2026-0007');
    expect(lines(en.text).slice(0, 3)).toEqual([
      'The deadline "Decision on your complaint" of complaint 2026-0007 has passed without the step being taken.',
      expect.stringMatching(/^- Decision on your complaint: by/),
      'This complaint has no handler yet: please assign one.',
    ]);
    expect(lines(renderMessage({ ...ctx, locale: 'en' }).text)[2]).toBe('Handler: Piet');
  });

  test('a term the procedure no longer has is named as it was stored', () => {
    const base = context('awb', { kind: 'forwarded' });
    const [first] = base.deadlines;
    const retired = {
      ...base,
      deadlines: [{ ...(first as (typeof base.deadlines)[0]), term: 'retired' }],
    };
    expect(lines(renderMessage(retired).text)[2]).toMatch(/^- retired: uiterlijk ma 9 mrt 2026\./);
    const ctx = context('awb', { kind: 'reminder', term: 'gone' });
    expect(renderMessage(ctx).subject).toBe('Herinnering: klacht 2026-0007, gone');
    // A subject is one line without spaces at its ends.
    expect(renderMessage({ ...ctx, term: undefined }).subject).toBe(
      'Herinnering: klacht 2026-0007,',
    );
  });

  test('any other staff notice names the step', () => {
    const { subject, text } = renderMessage(context('awb', { kind: 'staff:erasureRequested' }));
    expect(subject).toBe('Klacht 2026-0007: erasureRequested');
    expect(lines(text)[0]).toBe('Bij klacht 2026-0007 is een stap gezet: erasureRequested.');
    const en = renderMessage(context('awb', { kind: 'staff:closed', locale: 'en' }));
    expect(en.subject).toBe('Complaint 2026-0007: closed');
    expect(lines(en.text)[0]).toBe('Complaint 2026-0007: closed.');
  });

  test('the appeal body hears the grounds and the appeal term', () => {
    const base = context('wenb', { kind: 'appealNotice', eventText: { grounds: 'Niet eens' } });
    const { procedure } = base;
    const appeal = deadlineRow(procedure, 'appealDecision', {}, '2026-03-16');
    const ctx = {
      ...base,
      deadlines: [
        ...base.deadlines,
        { term: 'appealDecision', dueDate: appeal.dueDate, detail: appeal.detail as never },
      ],
    };
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Beroep ingesteld tegen klacht 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      'De indiener gaat in beroep. Gronden:',
      'Niet eens',
      expect.stringMatching(/^- Uitspraak in beroep: uiterlijk/),
    ]);
    expect(lines(text)).toHaveLength(4);
    const en = renderMessage({ ...ctx, locale: 'en' });
    expect(en.subject).toBe('Appeal filed against complaint 2026-0007');
    expect(lines(en.text)[0]).toBe('The complainant appeals. Grounds:');
    expect(lines(renderMessage({ ...ctx, eventText: {} }).text)[1]).toMatch(
      /^- Uitspraak in beroep/,
    );
    const noTerm = {
      ...ctx,
      procedure: { ...procedure, appeal: { ...procedure.appeal, term: undefined } },
    };
    expect(lines(renderMessage(noTerm).text)).toHaveLength(3);
  });
});

describe('messages to the complainant', () => {
  test('a response carries the message and the link', () => {
    const ctx = context('awb', {
      kind: 'response',
      eventText: { message: 'Wij bellen u.' },
      trackingUrl: LINK,
    });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Reactie op uw klacht 2026-0007');
    expect(lines(text).slice(0, 2)).toEqual([
      'Wij bellen u.',
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    ]);
    expect(lines(renderMessage({ ...ctx, eventText: {} }).text)[0]).toBe(
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    );
    const en = renderMessage({ ...ctx, locale: 'en' });
    expect(en.subject).toBe('A response to your complaint 2026-0007');
    expect(lines(en.text)[1]).toBe(`Follow your complaint with your personal link: ${LINK}`);
  });

  test('a postponement says by how long, why, and the new date', () => {
    const ctx = context('awb', {
      kind: 'postponement',
      eventData: { term: 'decision', weeks: 4 },
      eventText: { reason: 'Advies nodig' },
    });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Wij hebben meer tijd nodig voor klacht 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      'Wij verdagen de afhandeling van uw klacht met 4 weken.',
      'Reden: Advies nodig',
      'Nieuwe datum: uiterlijk ma 13 apr 2026.',
    ]);
    const en = renderMessage({ ...ctx, locale: 'en', eventText: {} });
    expect(en.subject).toBe('We need more time for complaint 2026-0007');
    expect(lines(en.text).slice(0, 2)).toEqual([
      'We are postponing the handling of your complaint by 4 weeks.',
      'New date: by Mon 13 Apr 2026.',
    ]);
    expect(lines(renderMessage({ ...ctx, locale: 'en' }).text)[1]).toBe('Reason: Advies nodig');
    const unknown = renderMessage({ ...ctx, eventData: { term: 'gone', weeks: 2 }, eventText: {} });
    expect(lines(unknown.text)).toHaveLength(2);
  });

  test('a proposed solution names the appeal route, to its last day, where there is one', () => {
    const proposal = context('wenb', {
      kind: 'solutionProposed',
      eventText: { proposedSolution: 'Wij vergoeden de kosten.' },
      trackingUrl: LINK,
    });
    // The proposal was made today (10 March); wenb's window is 14 days.
    const wenb = {
      ...proposal,
      complaint: { ...proposal.complaint, openProposalOn: '2026-03-10' },
    };
    const { subject, text } = renderMessage(wenb);
    expect(subject).toBe('Ons voorstel voor uw klacht 2026-0007');
    expect(lines(text).slice(0, 3)).toEqual([
      'Wij vergoeden de kosten.',
      'Gaat u niet akkoord? Dan kunt u tot en met 24 maart 2026 in beroep gaan bij Voorzitter van de WENB.',
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    ]);
    const en = renderMessage({ ...wenb, locale: 'en' });
    expect(en.subject).toBe('Our proposal for your complaint 2026-0007');
    expect(lines(en.text)[1]).toBe(
      'If you do not agree, you can appeal to the Chair of the WENB until 24 March 2026.',
    );
    // A window that ends today is still open; one that ended yesterday, or no open proposal, is
    // no route.
    const endsToday = { ...wenb, complaint: { ...wenb.complaint, openProposalOn: '2026-02-24' } };
    expect(lines(renderMessage(endsToday).text)[1]).toBe(
      'Gaat u niet akkoord? Dan kunt u tot en met 10 maart 2026 in beroep gaan bij Voorzitter van de WENB.',
    );
    const ended = { ...wenb, complaint: { ...wenb.complaint, openProposalOn: '2026-02-23' } };
    expect(lines(renderMessage(ended).text)[1]).toBe(
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    );
    expect(lines(renderMessage(proposal).text)[1]).toBe(
      `Volg uw klacht via uw persoonlijke link: ${LINK}`,
    );
    const awb = renderMessage(
      context('awb', { kind: 'solutionProposed', eventText: { proposedSolution: 'X' } }),
    );
    expect(lines(awb.text)).toEqual(['X', 'Met vriendelijke groet,\nTenant awb\n']);
    const empty = renderMessage(context('awb', { kind: 'solutionProposed' }));
    expect(lines(empty.text)).toEqual(['Met vriendelijke groet,\nTenant awb\n']);
  });

  test('a filed appeal is confirmed with the terms', () => {
    const ctx = context('wenb', { kind: 'appealFiled', trackingUrl: LINK });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Uw beroep is ontvangen (2026-0007)');
    expect(lines(text)[0]).toBe('Wij hebben uw beroep doorgestuurd naar Voorzitter van de WENB.');
    expect(lines(text)[1]).toMatch(/^- Ontvangstbevestiging/);
    expect(text).toContain(LINK);
    const en = renderMessage({ ...ctx, locale: 'en' });
    expect(en.subject).toBe('Your appeal has been received (2026-0007)');
    expect(lines(en.text)[0]).toBe('We have passed your appeal to the Chair of the WENB.');
  });

  test('the appeal decision carries the decision', () => {
    const ctx = context('wenb', { kind: 'appealDecision', eventText: { decision: 'Gegrond.' } });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Uitspraak over uw beroep (2026-0007)');
    expect(lines(text)[0]).toBe('Gegrond.');
    expect(renderMessage({ ...ctx, locale: 'en' }).subject).toBe(
      'Decision on your appeal (2026-0007)',
    );
    expect(lines(renderMessage({ ...ctx, eventText: {} }).text)).toEqual([
      'Met vriendelijke groet,\nBureau WENB\n',
    ]);
  });

  test('closing asks for satisfaction (by link or by reply) and names the referral', () => {
    const ctx = context('awb', { kind: 'closing', trackingUrl: LINK });
    const { subject, text } = renderMessage(ctx);
    expect(subject).toBe('Uw klacht 2026-0007 is afgehandeld');
    // awb: the Nationale ombudsman, within a year of the decision (today, 10 March 2026).
    expect(lines(text).slice(0, 3)).toEqual([
      'Wij hebben uw klacht 2026-0007 afgehandeld. Hieronder leest u wat wij hebben gevonden en gedaan.',
      'Bent u het niet eens met deze beslissing? Dan kunt u zich wenden tot de Nationale ombudsman (www.nationaleombudsman.nl, telefoon 0800 33 55 555). Dat kan binnen één jaar na deze beslissing, dus uiterlijk 10 maart 2027.',
      `Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten via ${LINK}`,
    ]);
    const en = renderMessage({ ...ctx, locale: 'en', trackingUrl: undefined });
    expect(en.subject).toBe('Your complaint 2026-0007 has been closed');
    expect(lines(en.text).slice(0, 3)).toEqual([
      'We have closed your complaint 2026-0007. Below you can read what we found and did.',
      'If you disagree with this decision, you may turn to the National Ombudsman (www.nationaleombudsman.nl, phone 0800 33 55 555). You can do so within one year of this decision, that is by 10 March 2027.',
      'Are you satisfied with how we handled your complaint? Let us know by replying to this letter.',
    ]);
    expect(lines(renderMessage({ ...ctx, trackingUrl: undefined }).text)[2]).toBe(
      'Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten door te antwoorden op deze brief.',
    );
    expect(lines(renderMessage({ ...ctx, locale: 'en' }).text)[2]).toBe(
      `Are you satisfied with how we handled your complaint? Let us know at ${LINK}`,
    );
    // The term counts from the day of the decision, not the day the letter is written.
    expect(lines(renderMessage({ ...ctx, eventDate: '2026-03-05' }).text)[1]).toMatch(
      / dus uiterlijk 5 maart 2027\.$/,
    );
    const noReferral = renderMessage(context('wenb', { kind: 'closing' }));
    expect(lines(noReferral.text)).toHaveLength(3);
  });
});
