import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { world } from '../../test/unit-fixtures';
import { outbox } from '../db/schema';
import { withLinkIn } from './frozen-message';
import type { Mailer, OutgoingMail } from './mailer';
import { keptText, relayOutbox } from './relay';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-02T09:05:00.000Z');
const LINK = 'https://klacht.test/track/secret-token';
const rows = () => w.db.select().from(outbox).orderBy(asc(outbox.createdAt));

/** A mailer that accepts everything and keeps what it was given. */
function accepting(onSend: (mail: OutgoingMail) => Promise<void> = async () => {}) {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      sent.push(mail);
      await onSend(mail);
      return { ok: true, id: `re_${sent.length}` };
    },
  };
  return { mailer, sent };
}

describe('the case file’s copy of a sent message', () => {
  test('keeps the subject and text as sent, with the personal link redacted', async () => {
    w = await world('awb');
    const number = await w.submit();
    await w.db.update(outbox).set({ pdPayload: { locale: 'nl', trackingUrl: LINK } });
    const { mailer, sent } = accepting();
    await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' });
    const [mail] = sent;
    expect(mail?.text).toContain(`Volg uw klacht via uw persoonlijke link: ${LINK}`);
    const [row] = await rows();
    // Kept as it was written when the complaint came in, the link a mark in it.
    expect(row?.pdSubject).toBe(`Wij hebben uw klacht ontvangen (${number})`);
    expect(withLinkIn(row?.pdBody ?? '', LINK)).toBe(mail?.text);
    expect(withLinkIn(row?.pdBody ?? '', null)).toBe(
      mail?.text.replace(LINK, '[persoonlijke link / personal link]'),
    );
    expect(row?.pdBody).not.toContain('secret-token');
    expect(row?.pdPayload).toEqual({ locale: 'nl' });
  });

  test('redacts the link wherever it occurs, and keeps a text without one as it is', () => {
    expect(
      keptText({ subject: `Link ${LINK}`, text: `${LINK}\n\nNogmaals ${LINK}` }, LINK),
    ).toEqual({
      pdSubject: 'Link [persoonlijke link / personal link]',
      pdBody: '[persoonlijke link / personal link]\n\nNogmaals [persoonlijke link / personal link]',
    });
    expect(keptText({ subject: 'Onderwerp', text: 'Tekst' }, undefined)).toEqual({
      pdSubject: 'Onderwerp',
      pdBody: 'Tekst',
    });
  });

  test('a message queued without a payload, before messages were kept as written, is sent and kept too', async () => {
    w = await world('awb');
    await w.submit();
    await w.db.update(outbox).set({ pdPayload: null, pdSubject: null, pdBody: null, pdHtml: null });
    const { mailer, sent } = accepting();
    expect(
      await relayOutbox(w.db, NOW, { secretKey: SECRET_KEY, mailer, from: 'x@example.org' }),
    ).toMatchObject({
      sent: 1,
    });
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', pdBody: sent[0]?.text, pdPayload: {} });
  });
});

describe('a batch', () => {
  test('skips a message that was removed while the batch was being sent', async () => {
    w = await world('awb');
    await w.submit();
    await w.submit();
    const [first, second] = await rows();
    // The second complaint's messages are erased while the first message goes out.
    const { mailer, sent } = accepting(async () => {
      await w.db.delete(outbox).where(eq(outbox.id, second?.id ?? ''));
    });
    expect(
      await relayOutbox(w.db, NOW, {
        secretKey: SECRET_KEY,
        mailer,
        from: 'x@example.org',
        sleep: async () => {},
      }),
    ).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0, cancelled: 0 });
    expect(sent).toHaveLength(1);
    expect((await rows()).map((r) => [r.id, r.status])).toEqual([[first?.id, 'sent']]);
  });
});
