import type { DueDate } from '../../shared/deadlines';
import { formatDate } from '../../shared/deadlines';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';

/** Everything a message may mention, read at send time (so an erased complaint sends nothing). */
export interface MessageContext {
  kind: string;
  locale: Locale;
  tenantName: string;
  procedure: Procedure;
  number: string;
  description: string | null;
  handler: string | null;
  deadlines: { term: string; dueDate: string; detail: DueDate }[];
  /** The free text of the event that caused the message (a response, a reason, a decision…). */
  eventText: Record<string, string>;
  eventData: Record<string, unknown>;
  trackingUrl?: string;
  /** For reminders and escalations: the term concerned. */
  term?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Lines = { subject: string; body: (string | null)[] };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function excerpt(text: string | null, max = 300): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function deadlineLines(ctx: MessageContext, nl: boolean, only?: string): string[] {
  return ctx.deadlines
    .filter((d) => (only ? d.term === only : ctx.procedure.terms[d.term]?.public !== false))
    .map((d) => {
      const label = ctx.procedure.terms[d.term]?.label[ctx.locale] ?? d.term;
      const date = formatDate(d.dueDate, ctx.locale);
      return `- ${label}: ${nl ? 'uiterlijk' : 'by'} ${date}. ${d.detail.explanation[ctx.locale]}`;
    });
}

function termLabel(ctx: MessageContext): string {
  return (ctx.term && ctx.procedure.terms[ctx.term]?.label[ctx.locale]) || ctx.term || '';
}

function linkLine(ctx: MessageContext, nl: boolean): string | null {
  if (!ctx.trackingUrl) return null;
  return nl
    ? `Volg uw klacht via uw persoonlijke link: ${ctx.trackingUrl}`
    : `Follow your complaint with your personal link: ${ctx.trackingUrl}`;
}

function compose(ctx: MessageContext): Lines {
  const nl = ctx.locale === 'nl';
  const n = ctx.number;
  const t = ctx.eventText;
  switch (ctx.kind) {
    case 'acknowledgement':
      return {
        subject: nl
          ? `Wij hebben uw klacht ontvangen (${n})`
          : `We have received your complaint (${n})`,
        body: [
          nl
            ? `Bedankt voor uw klacht. Uw klachtnummer is ${n}. U schreef ons:`
            : `Thank you for your complaint. Your complaint number is ${n}. You wrote:`,
          `"${excerpt(ctx.description)}"`,
          nl
            ? 'Dit zijn de termijnen die wij u beloven:'
            : 'These are the deadlines we promise you:',
          ...deadlineLines(ctx, nl),
          linkLine(ctx, nl),
          nl
            ? `Wij bewaren uw klacht en uw gegevens tot ${ctx.procedure.retention.years} jaar na de afhandeling. U kunt ons vragen ze eerder te verwijderen.`
            : `We keep your complaint and your details until ${ctx.procedure.retention.years} years after it is closed. You may ask us to delete them earlier.`,
        ],
      };
    case 'forwarded':
      return {
        subject: nl ? `Klacht ${n} is aan u toegewezen` : `Complaint ${n} was assigned to you`,
        body: [
          nl ? `U bent de behandelaar van klacht ${n}.` : `You handle complaint ${n}.`,
          `"${excerpt(ctx.description)}"`,
          ...deadlineLines(ctx, nl),
        ],
      };
    case 'response':
      return {
        subject: nl ? `Reactie op uw klacht ${n}` : `A response to your complaint ${n}`,
        body: [t.message ?? '', linkLine(ctx, nl)],
      };
    case 'postponement': {
      const d = ctx.deadlines.find((x) => x.term === ctx.eventData.term);
      return {
        subject: nl
          ? `Wij hebben meer tijd nodig voor klacht ${n}`
          : `We need more time for complaint ${n}`,
        body: [
          nl
            ? `Wij verdagen de afhandeling van uw klacht met ${ctx.eventData.weeks} weken.`
            : `We are postponing the handling of your complaint by ${ctx.eventData.weeks} weeks.`,
          t.reason ? `${nl ? 'Reden' : 'Reason'}: ${t.reason}` : null,
          d
            ? `${nl ? 'Nieuwe datum: uiterlijk' : 'New date: by'} ${formatDate(d.dueDate, ctx.locale)}.`
            : null,
          linkLine(ctx, nl),
        ],
      };
    }
    case 'solutionProposed':
      return {
        subject: nl ? `Ons voorstel voor uw klacht ${n}` : `Our proposal for your complaint ${n}`,
        body: [
          t.proposedSolution ?? '',
          ctx.procedure.appeal.enabled
            ? nl
              ? `Gaat u niet akkoord? Dan kunt u binnen ${ctx.procedure.appeal.windowDays} dagen in beroep gaan bij ${ctx.procedure.appeal.body?.role.nl}, via uw persoonlijke link.`
              : `If you do not agree, you can appeal to the ${ctx.procedure.appeal.body?.role.en} within ${ctx.procedure.appeal.windowDays} days, using your personal link.`
            : null,
          linkLine(ctx, nl),
        ],
      };
    case 'appealNotice':
      return {
        subject: nl ? `Beroep ingesteld tegen klacht ${n}` : `Appeal filed against complaint ${n}`,
        body: [
          nl ? `De indiener gaat in beroep. Gronden:` : 'The complainant appeals. Grounds:',
          t.grounds ?? '',
          ...(ctx.procedure.appeal.term ? deadlineLines(ctx, nl, ctx.procedure.appeal.term) : []),
        ],
      };
    case 'appealFiled':
      return {
        subject: nl ? `Uw beroep is ontvangen (${n})` : `Your appeal has been received (${n})`,
        body: [
          nl
            ? `Wij hebben uw beroep doorgestuurd naar ${ctx.procedure.appeal.body?.role.nl}.`
            : `We have passed your appeal to the ${ctx.procedure.appeal.body?.role.en}.`,
          ...deadlineLines(ctx, nl),
          linkLine(ctx, nl),
        ],
      };
    case 'appealDecision':
      return {
        subject: nl ? `Uitspraak over uw beroep (${n})` : `Decision on your appeal (${n})`,
        body: [t.decision ?? '', linkLine(ctx, nl)],
      };
    case 'closing':
      return {
        subject: nl ? `Uw klacht ${n} is afgehandeld` : `Your complaint ${n} has been closed`,
        body: [
          nl ? 'Wij hebben uw klacht afgehandeld.' : 'We have closed your complaint.',
          ctx.trackingUrl
            ? nl
              ? `Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten via ${ctx.trackingUrl}`
              : `Are you satisfied with how we handled your complaint? Let us know at ${ctx.trackingUrl}`
            : nl
              ? 'Bent u tevreden over hoe wij uw klacht hebben behandeld? Laat het ons weten door te antwoorden op deze e-mail.'
              : 'Are you satisfied with how we handled your complaint? Let us know by replying to this e-mail.',
          ctx.procedure.referral ? ctx.procedure.referral[ctx.locale] : null,
        ],
      };
    case 'replyReceived':
      return {
        subject: nl ? `Reactie van de indiener op klacht ${n}` : `The complainant replied on ${n}`,
        body: [
          nl
            ? `De indiener van klacht ${n} heeft per e-mail gereageerd. Het bericht staat bij de klacht.`
            : `The complainant of ${n} replied by e-mail. The message is with the complaint.`,
          t.text ? `"${excerpt(t.text, 1000)}"` : null,
        ],
      };
    case 'reminder':
      return {
        subject: nl
          ? `Herinnering: klacht ${n}, ${termLabel(ctx)}`
          : `Reminder: complaint ${n}, ${termLabel(ctx)}`,
        body: [
          nl
            ? `De termijn "${termLabel(ctx)}" van klacht ${n} verloopt binnenkort.`
            : `The deadline "${termLabel(ctx)}" of complaint ${n} ends soon.`,
          ...deadlineLines(ctx, nl, ctx.term),
        ],
      };
    case 'overdue':
      return {
        subject: nl ? `Termijn verstreken: klacht ${n}` : `Deadline passed: complaint ${n}`,
        body: [
          nl
            ? `De termijn "${termLabel(ctx)}" van klacht ${n} is verstreken zonder dat de stap is gezet.`
            : `The deadline "${termLabel(ctx)}" of complaint ${n} has passed without the step being taken.`,
          ...deadlineLines(ctx, nl, ctx.term),
          ctx.handler ? `${nl ? 'Behandelaar' : 'Handler'}: ${ctx.handler}` : null,
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

/** Plain text and HTML of one message, in the tenant's (or the request's) language. */
export function renderMessage(ctx: MessageContext): RenderedMessage {
  const { subject, body } = compose(ctx);
  const lines = body.filter((line): line is string => Boolean(line));
  const signature = ctx.procedure.notifications?.senderName ?? ctx.tenantName;
  const text = `${lines.join('\n\n')}\n\n${ctx.locale === 'nl' ? 'Met vriendelijke groet,' : 'Kind regards,'}\n${signature}\n`;
  const html = `<!doctype html><html lang="${ctx.locale}"><body>${lines
    .map(
      (line) =>
        `<p>${escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`,
    )
    .join(
      '',
    )}<p>${ctx.locale === 'nl' ? 'Met vriendelijke groet,' : 'Kind regards,'}<br>${escapeHtml(signature)}</p></body></html>`;
  return { subject, text, html };
}
