import { own } from '../../shared/own-keys';
import { deadlineLines, excerpt, type MessageContext } from './message-values';

/** A message before it is laid out: its subject and its paragraphs (empty ones are left out). */
export type Lines = { subject: string; body: (string | null | undefined)[] };

/** A line that says `label: value`, or nothing when there is no value. */
const labelled = (label: string, value: string) => (value ? `${label}: ${value}` : null);

/** The built-in text of each message, in the message's language. */
export function builtIn(ctx: MessageContext, v: Record<string, string>): Lines {
  const nl = ctx.locale === 'nl';
  const n = ctx.number;
  const link = v.trackingUrl
    ? nl
      ? `Volg uw klacht via uw persoonlijke link: ${v.trackingUrl}`
      : `Follow your complaint with your personal link: ${v.trackingUrl}`
    : null;
  const termLabel =
    (ctx.term && own(ctx.procedure.terms, ctx.term)?.label[ctx.locale]) || ctx.term || '';
  switch (ctx.kind) {
    case 'acknowledgement':
      return {
        subject: nl
          ? `Wij hebben uw klacht ontvangen (${n})`
          : `We have received your complaint (${n})`,
        body: [
          nl
            ? `Bedankt voor uw klacht. Uw klachtnummer is ${n}.${v.description ? ' U schreef ons:' : ''}`
            : `Thank you for your complaint. Your complaint number is ${n}.${v.description ? ' You wrote:' : ''}`,
          // Only to an address known to be the complainant's (see MessageContext).
          v.description ? `"${v.description}"` : null,
          nl
            ? 'Dit zijn de termijnen die wij u beloven:'
            : 'These are the deadlines we promise you:',
          v.deadlines,
          v.complaintsOfficer,
          link,
          nl
            ? `Wij bewaren uw klacht en uw gegevens tot ${v.retentionYears} jaar na de afhandeling. U kunt ons vragen ze eerder te verwijderen.`
            : `We keep your complaint and your details until ${v.retentionYears} years after it is closed. You may ask us to delete them earlier.`,
        ],
      };
    case 'forwarded':
      return {
        subject: nl ? `Klacht ${n} is aan u toegewezen` : `Complaint ${n} was assigned to you`,
        body: [
          nl ? `U bent de behandelaar van klacht ${n}.` : `You handle complaint ${n}.`,
          `"${excerpt(ctx.complaint.description)}"`,
          v.deadlines,
        ],
      };
    case 'response':
      return {
        subject: nl ? `Reactie op uw klacht ${n}` : `A response to your complaint ${n}`,
        body: [v.message, link],
      };
    case 'postponement':
      return {
        subject: nl
          ? `Wij hebben meer tijd nodig voor klacht ${n}`
          : `We need more time for complaint ${n}`,
        body: [
          nl
            ? `Wij verdagen de afhandeling van uw klacht met ${v.weeks} weken.`
            : `We are postponing the handling of your complaint by ${v.weeks} weeks.`,
          labelled(nl ? 'Reden' : 'Reason', v.reason ?? ''),
          v.newDate ? `${nl ? 'Nieuwe datum: uiterlijk' : 'New date: by'} ${v.newDate}.` : null,
          link,
        ],
      };
    case 'declined':
      return {
        subject: nl
          ? `Wij nemen uw klacht ${n} niet in behandeling`
          : `We will not handle your complaint ${n}`,
        body: [
          nl
            ? `Wij hebben besloten uw klacht ${n} niet te behandelen. De grond daarvoor: ${v.ground}.`
            : `We have decided not to handle your complaint ${n}. The ground: ${v.ground}.`,
          v.reason,
          v.referral,
          link,
        ],
      };
    case 'hearingInvitation':
      return {
        subject: nl
          ? `Uitnodiging: wij willen u horen over klacht ${n}`
          : `Invitation: we would like to hear you about complaint ${n}`,
        body: [
          nl
            ? `Voordat wij over uw klacht beslissen, willen wij u de gelegenheid geven uw klacht toe te lichten. Wij nodigen u uit op ${v.hearingOn}.`
            : `Before we decide on your complaint, we would like to give you the opportunity to explain it. We invite you on ${v.hearingOn}.`,
          v.hearingPlace,
          nl
            ? 'Kunt u niet, of wilt u niet worden gehoord? Laat het ons weten.'
            : 'If you cannot come, or do not wish to be heard, please let us know.',
          link,
        ],
      };
    case 'solutionProposed':
      return {
        subject: nl ? `Ons voorstel voor uw klacht ${n}` : `Our proposal for your complaint ${n}`,
        body: [v.proposedSolution, v.appealRoute, link],
      };
    case 'appealNotice':
      return {
        subject: nl ? `Beroep ingesteld tegen klacht ${n}` : `Appeal filed against complaint ${n}`,
        body: [
          nl ? 'De indiener gaat in beroep. Gronden:' : 'The complainant appeals. Grounds:',
          ctx.eventText.grounds ?? '',
          ctx.procedure.appeal.term ? deadlineLines(ctx, ctx.procedure.appeal.term) : null,
        ],
      };
    case 'appealFiled':
      return {
        subject: nl ? `Uw beroep is ontvangen (${n})` : `Your appeal has been received (${n})`,
        body: [
          nl
            ? `Wij hebben uw beroep doorgestuurd naar ${v.appealBody}.`
            : `We have passed your appeal to the ${v.appealBody}.`,
          v.deadlines,
          link,
        ],
      };
    case 'appealDecision':
      return {
        subject: nl ? `Uitspraak over uw beroep (${n})` : `Decision on your appeal (${n})`,
        body: [
          labelled(nl ? 'Uitspraak' : 'Decision', v.judgement ?? ''),
          v.decision,
          v.referral,
          link,
        ],
      };
    case 'closing':
      return {
        subject: nl ? `Uw klacht ${n} is afgehandeld` : `Your complaint ${n} has been closed`,
        body: [
          nl
            ? `Wij hebben uw klacht ${n} afgehandeld. Hieronder leest u wat wij hebben gevonden en gedaan.`
            : `We have closed your complaint ${n}. Below you can read what we found and did.`,
          labelled(nl ? 'Wat wij hebben gedaan' : 'What we did', v.summary ?? ''),
          // Without a summary, the solution that was proposed says what was done.
          v.summary
            ? null
            : labelled(
                nl ? 'Onze oplossing' : 'Our solution',
                ctx.complaint.proposedSolution ?? '',
              ),
          labelled(nl ? 'Ons oordeel' : 'Our judgement', v.judgement ?? ''),
          labelled(nl ? 'Oplossing' : 'Remedy', v.remedy ?? ''),
          labelled(
            nl
              ? 'Wat wij veranderen om herhaling te voorkomen'
              : 'What we change so it does not happen again',
            v.measures
              ? `${v.measures}${v.measuresEffectiveOn ? ` (${nl ? 'vanaf' : 'from'} ${v.measuresEffectiveOn})` : ''}`
              : '',
          ),
          v.deviation,
          v.referral,
          v.trackingUrl
            ? nl
              ? `Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten via ${v.trackingUrl}`
              : `Are you satisfied with how we handled your complaint? Let us know at ${v.trackingUrl}`
            : nl
              ? 'Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten door te antwoorden op deze brief.'
              : 'Are you satisfied with how we handled your complaint? Let us know by replying to this letter.',
        ],
      };
    case 'replyReceived':
      return {
        subject: nl ? `Reactie van de indiener op klacht ${n}` : `The complainant replied on ${n}`,
        body: [
          nl
            ? `De indiener van klacht ${n} heeft per e-mail gereageerd. Het bericht staat bij de klacht.`
            : `The complainant of ${n} replied by e-mail. The message is with the complaint.`,
          ctx.eventText.text ? `"${excerpt(ctx.eventText.text, 1000)}"` : null,
        ],
      };
    case 'reminder':
      return {
        subject: nl
          ? `Herinnering: klacht ${n}, ${termLabel}`
          : `Reminder: complaint ${n}, ${termLabel}`,
        body: [
          nl
            ? `De termijn "${termLabel}" van klacht ${n} verloopt binnenkort.`
            : `The deadline "${termLabel}" of complaint ${n} ends soon.`,
          deadlineLines(ctx, ctx.term),
        ],
      };
    case 'overdue':
      return {
        subject: nl ? `Termijn verstreken: klacht ${n}` : `Deadline passed: complaint ${n}`,
        body: [
          nl
            ? `De termijn "${termLabel}" van klacht ${n} is verstreken zonder dat de stap is gezet.`
            : `The deadline "${termLabel}" of complaint ${n} has passed without the step being taken.`,
          deadlineLines(ctx, ctx.term),
          ctx.complaint.handler
            ? `${nl ? 'Behandelaar' : 'Handler'}: ${ctx.complaint.handler}`
            : nl
              ? 'Deze klacht heeft nog geen behandelaar: wijs er een aan.'
              : 'This complaint has no handler yet: please assign one.',
        ],
      };
    default: {
      const event = ctx.kind.replace(/^staff:/, '');
      return {
        subject: nl ? `Klacht ${n}: ${event}` : `Complaint ${n}: ${event}`,
        body: [nl ? `Bij klacht ${n} is een stap gezet: ${event}.` : `Complaint ${n}: ${event}.`],
      };
    }
  }
}
