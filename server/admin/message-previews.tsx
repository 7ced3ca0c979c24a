import type { FC } from 'hono/jsx';
import { amsterdamDate } from '../../shared/deadlines';
import { placeholdersOf } from '../../shared/message-kinds';
import type { Procedure } from '../../shared/procedure';
import { sampleMessages } from '../mail/sample-messages';
import { messageKindLabel } from './labels';

/**
 * Every message to the complainant as it will read, about a sample complaint received today:
 * the organisation's own wording where it has one, else the built-in text, with the
 * placeholders its own wording may use.
 */
export const MessagePreviews: FC<{ procedure: Procedure; tenantName: string; now: Date }> = (p) => {
  const locale = p.procedure.locale;
  const samples = sampleMessages(p.procedure, p.tenantName, locale, amsterdamDate(p.now));
  return (
    <>
      <h2 id="berichten">Berichten aan de melder (voorbeeld)</h2>
      <p>
        Zo lezen uw berichten, bij een verzonnen klacht die vandaag binnenkwam. Eigen teksten stelt
        u in via <code>messages</code> in de klachtenregeling, met plaatshouders zoals{' '}
        <code>{'{number}'}</code>; een onbekende plaatshouder wordt bij het opslaan geweigerd.
      </p>
      {samples.map(({ kind, message }) => (
        <details>
          <summary>
            {messageKindLabel(kind)}
            {p.procedure.messages[kind]?.[locale] ? ' (eigen tekst)' : ' (standaardtekst)'}
          </summary>
          <p>
            <strong>Onderwerp:</strong> {message.subject}
          </p>
          <pre class="text">{message.text}</pre>
          <p class="hint">
            Plaatshouders:{' '}
            {placeholdersOf(kind)
              .map((name) => `{${name}}`)
              .join(', ')}
          </p>
        </details>
      ))}
    </>
  );
};
