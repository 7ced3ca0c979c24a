import { describe, expect, test } from 'vitest';
import { messageContext } from '../../test/unit-fixtures';
import { type MessageContext, renderMessage } from './templates';

/** The staff notice of a complainant's e-mail reply on awb complaint 2026-0007. */
function context(text: string | undefined, locale: 'nl' | 'en' = 'nl'): MessageContext {
  return messageContext('awb', {
    kind: 'replyReceived',
    locale,
    tenantName: 'Gemeente Ons Dorp',
    complaint: {
      description: 'De monteur kwam niet.',
      handler: 'Piet',
      complainantName: 'Jan Jansen',
    },
    deadlines: [],
    eventText: {
      from: 'jan@example.nl',
      subject: 'Re: Wij hebben uw klacht ontvangen',
      ...(text === undefined ? {} : { text }),
    },
    eventData: { channel: 'email' },
  });
}

const lines = (text: string) => text.split('\n\n');

describe('the notice that the complainant replied by e-mail', () => {
  test('tells staff which complaint, that the reply is with it, and quotes it', () => {
    const { subject, text } = renderMessage(context('Ik ben donderdag niet thuis.'));
    expect(subject).toBe('Reactie van de indiener op klacht 2026-0007');
    expect(lines(text)).toEqual([
      'De indiener van klacht 2026-0007 heeft per e-mail gereageerd. Het bericht staat bij de klacht.',
      '"Ik ben donderdag niet thuis."',
      'Met vriendelijke groet,\nGemeente Ons Dorp\n',
    ]);
  });

  test('in English', () => {
    const { subject, text } = renderMessage(context('I am not at home on Thursday.', 'en'));
    expect(subject).toBe('The complainant replied on 2026-0007');
    expect(lines(text)).toEqual([
      'The complainant of 2026-0007 replied by e-mail. The message is with the complaint.',
      '"I am not at home on Thursday."',
      'Kind regards,\nGemeente Ons Dorp\n',
    ]);
  });

  test('quotes a long reply in 1000 characters, and an empty one not at all', () => {
    const long = `${'x'.repeat(1200)}`;
    const quote = lines(renderMessage(context(long)).text)[1] ?? '';
    expect(quote).toBe(`"${'x'.repeat(999)}…"`);
    expect(lines(renderMessage(context(undefined)).text)).toEqual([
      'De indiener van klacht 2026-0007 heeft per e-mail gereageerd. Het bericht staat bij de klacht.',
      'Met vriendelijke groet,\nGemeente Ons Dorp\n',
    ]);
  });
});
