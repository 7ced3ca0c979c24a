import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { SECRET_KEY } from '../../test/helpers';
import { world } from '../../test/unit-fixtures';
import { complaints, outbox } from '../db/schema';
import { compose } from './compose';
import { queueMessage } from './outbox-rows';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const NOW = new Date('2026-03-02T10:00:00.000Z');
const APPEAL = 'Gaat u niet akkoord? Dan kunt u tot en met 16 maart 2026 in beroep gaan';

async function complaintOf(number: string) {
  const row = await w.db.query.complaints.findFirst({
    where: and(eq(complaints.tenantId, w.tenant.id), eq(complaints.number, number)),
  });
  if (!row) throw new Error(`no complaint ${number}`);
  return row;
}

/** Queues a message of `kind` about the complaint, by `route`, and returns its outbox row. */
async function queued(
  number: string,
  kind: string,
  route: { channel: 'email'; to: string } | { channel: 'letter' },
  payload: Record<string, unknown> = {},
) {
  const complaint = await complaintOf(number);
  await w.db.delete(outbox);
  await queueMessage(w.db, {
    tenantId: w.tenant.id,
    complaintId: complaint.id,
    kind,
    route,
    payload,
  });
  const [row] = await w.db.select().from(outbox);
  if (!row) throw new Error('nothing queued');
  return row;
}

/** The text of the proposal message, written now from the complaint's timeline. */
async function proposalText(number: string) {
  const row = await queued(number, 'solutionProposed', { channel: 'email', to: 'jan@example.nl' });
  return (await compose(w.db, row, SECRET_KEY, NOW))?.rendered.text ?? '';
}

describe('a letter', () => {
  test('waits for the printer and is written to the complainant’s name and postal address', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await queued(number, 'acknowledgement', { channel: 'letter' });
    expect(row).toMatchObject({ channel: 'letter', status: 'print', pdRecipient: null });
    const letter = await compose(w.db, row, SECRET_KEY, NOW);
    expect(letter).toMatchObject({
      to: null,
      toComplainant: false,
      addressee: { name: 'Jan Jansen', address: 'Dorpsstraat 1, Ons Dorp' },
      number,
      tenantName: 'Tenant awb',
    });
    expect(letter?.rendered.subject).toBe(`Wij hebben uw klacht ontvangen (${number})`);
  });

  test('to a complainant who gave no e-mail address is no e-mail to them', async () => {
    w = await world('awb');
    const number = await w.submit();
    await w.db
      .update(complaints)
      .set({ pdComplainantEmail: null })
      .where(eq(complaints.id, (await complaintOf(number)).id));
    const row = await queued(number, 'acknowledgement', { channel: 'letter' });
    expect(await compose(w.db, row, SECRET_KEY, NOW)).toMatchObject({
      to: null,
      toComplainant: false,
    });
  });

  test('is no e-mail, even when its row names the complainant’s e-mail address', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await queued(number, 'acknowledgement', { channel: 'letter' });
    const named = { ...row, pdRecipient: 'jan@example.nl' };
    expect(await compose(w.db, named, SECRET_KEY, NOW)).toMatchObject({ toComplainant: false });
  });
});

describe('an e-mail', () => {
  test('to the complainant’s address is marked as theirs', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await queued(number, 'response', { channel: 'email', to: 'jan@example.nl' });
    expect(row).toMatchObject({ status: 'pending', pdRecipient: 'jan@example.nl' });
    expect(await compose(w.db, row, SECRET_KEY, NOW)).toMatchObject({
      to: 'jan@example.nl',
      toComplainant: true,
    });
  });

  test('to anyone else, such as the handler, is not theirs', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await queued(number, 'forwarded', { channel: 'email', to: 'piet@example.org' });
    expect(await compose(w.db, row, SECRET_KEY, NOW)).toMatchObject({
      to: 'piet@example.org',
      toComplainant: false,
    });
  });

  test('without an address, or about no complaint, is not written', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await queued(number, 'response', { channel: 'email', to: 'jan@example.nl' });
    expect(await compose(w.db, { ...row, pdRecipient: null }, SECRET_KEY, NOW)).toBeNull();
    expect(await compose(w.db, { ...row, complaintId: null }, SECRET_KEY, NOW)).toBeNull();
  });
});

describe('the appeal route', () => {
  test('is offered after a proposal, also when notes were added since', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.step(number, 'propose-solution', { proposedSolution: 'Wij vergoeden.', cause: 'x' });
    expect(await proposalText(number)).toContain(APPEAL);
    await w.step(number, 'add-note', { note: 'Gebeld.' });
    expect(await proposalText(number)).toContain(APPEAL);
  });

  test('is closed once the proposal is accepted', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.step(number, 'propose-solution', { proposedSolution: 'Wij vergoeden.', cause: 'x' });
    await w.step(number, 'accept-solution');
    expect(await proposalText(number)).not.toContain('Gaat u niet akkoord?');
  });

  test('is closed once an appeal was filed', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.step(number, 'propose-solution', { proposedSolution: 'Wij vergoeden.', cause: 'x' });
    await w.step(number, 'file-appeal', { grounds: 'Te weinig.' });
    expect(await proposalText(number)).not.toContain('Gaat u niet akkoord?');
  });

  test('is closed after the complaint was closed and reopened', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.step(number, 'propose-solution', { proposedSolution: 'Wij vergoeden.', cause: 'x' });
    await w.step(number, 'close', { cause: 'x', classification: 'terecht' });
    await w.step(number, 'reopen', { reason: 'Toch niet opgelost.' });
    expect(await proposalText(number)).not.toContain('Gaat u niet akkoord?');
  });

  test('follows the latest proposal', async () => {
    w = await world('wenb');
    const number = await w.submit();
    await w.step(number, 'propose-solution', { proposedSolution: 'Eerste.', cause: 'x' });
    await w.step(number, 'close', { cause: 'x', classification: 'terecht' });
    await w.step(number, 'reopen', {});
    w.clock.now = new Date('2026-03-05T09:00:00.000Z');
    await w.step(number, 'propose-solution', { proposedSolution: 'Tweede.', cause: 'x' });
    expect(await proposalText(number)).toContain(
      'Gaat u niet akkoord? Dan kunt u tot en met 19 maart 2026 in beroep gaan',
    );
  });
});
