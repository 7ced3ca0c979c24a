import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import type { Action } from '../../shared/lifecycle';
import { SECRET_KEY } from '../../test/helpers';
import { linkIn, rejectionOf, world } from '../../test/unit-fixtures';
import type { Db } from '../db/client';
import { complaints, deadlines, events, outbox, trackingTokens } from '../db/schema';
import type { Actor } from '../http/context';
import type { StepInput } from './perform-step';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const staff: Actor = { kind: 'staff', staffId: 's1', name: 'Rita', role: 'admin' };

/** A step taken by Rita, an admin (`changes` adds a key, files, another actor…). */
const step = (
  number: string,
  action: Action,
  body: unknown = {},
  changes: Partial<StepInput> = {},
) => w.step(number, action, body, { actor: staff, ...changes });

const timeline = async (db: Db, number: string) => {
  const row = await db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  return db.query.events.findMany({
    where: eq(events.complaintId, row?.id ?? ''),
    orderBy: asc(events.seq),
  });
};
/** The outbox, with the link each message carries opened (`link`, when it has one). */
const withLinks = <T extends { complaintId: string | null; payload: unknown }>(rows: T[]) =>
  Promise.all(
    rows.map(async ({ complaintId, ...row }) => {
      const link = await linkIn({ complaintId, pdPayload: row.payload });
      return link ? { ...row, link } : row;
    }),
  );
const outboxOf = async (db: Db) =>
  withLinks(
    await db
      .select({
        kind: outbox.kind,
        to: outbox.pdRecipient,
        payload: outbox.pdPayload,
        complaintId: outbox.complaintId,
      })
      .from(outbox)
      .orderBy(asc(outbox.createdAt)),
  );
const deadlinesOf = async (db: Db) =>
  Object.fromEntries(
    (await db.select().from(deadlines)).map((d) => [
      d.term,
      { due: d.dueDate, metAt: d.metAt, metDate: d.metDate, postponed: d.postponed },
    ]),
  );

describe('a step', () => {
  test('moves the complaint on, records who did it and when, as the next version', async () => {
    w = await world('awb');
    const number = await w.submit();
    w.clock.now = new Date('2026-03-03T10:00:00.000Z');
    const row = await step(number, 'acknowledge');
    expect(row).toMatchObject({ status: 'acknowledged', version: 2, number });
    const [, event] = await timeline(w.db, number);
    expect(event).toMatchObject({
      seq: 2,
      type: 'acknowledged',
      at: '2026-03-03T10:00:00.000Z',
      actor: 'staff:Rita',
      public: true,
      idempotencyKeyHash: null,
      requestHash: null,
      data: null,
      pdData: null,
    });
  });

  test('records what the handler adds, and keeps internal steps from the complainant', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await step(number, 'forward', { handler: 'Piet', handlerEmail: 'piet@example.nl' });
    expect(row).toMatchObject({
      status: 'forwarded',
      handler: 'Piet',
      handlerEmail: 'piet@example.nl',
    });
    const [, event] = await timeline(w.db, number);
    expect(event).toMatchObject({ type: 'forwarded', public: false, pdData: { handler: 'Piet' } });
    await step(number, 'decide-appeal', { decision: 'x' }).catch(() => undefined);
    await step(number, 'respond', { message: 'Wij kijken ernaar.' });
    const [, , respond] = await timeline(w.db, number);
    expect(respond).toMatchObject({ type: 'responded', public: true, data: null });
  });

  test('that the status does not allow is a 409 naming the status and what it allows', async () => {
    w = await world('awb');
    const number = await w.submit();
    const err = await rejectionOf(step(number, 'reopen'));
    expect([err.status, err.code]).toEqual([409, 'transition_not_allowed']);
    expect(err.extra).toEqual({
      status: 'received',
      allowedActions: [
        'acknowledge',
        'record-acknowledgement',
        'forward',
        'respond',
        'postpone',
        'decline',
        'invite-hearing',
        'record-hearing',
        'waive-hearing',
        'record-advice',
        'propose-solution',
        'close',
        'request-erasure',
        'update',
        'add-note',
      ],
    });
    expect(await timeline(w.db, number)).toHaveLength(1);
  });

  test('with a bad body is a 422 naming each field, in the language asked for', async () => {
    w = await world('awb');
    const number = await w.submit();
    const err = await rejectionOf(step(number, 'respond', { message: '' }, { locale: 'en' }));
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(Object.keys(err.fields ?? {})).toEqual(['message']);
    const unknown = await rejectionOf(step(number, 'close', { classification: 'nope' }));
    expect([unknown.status, unknown.code]).toEqual([422, 'validation_failed']);
    expect(err.fields?.message).toBe('Please fill in this field.');
    const missing = await rejectionOf(step(number, 'respond', undefined));
    expect(Object.keys(missing.fields ?? {})).toEqual(['message']);
    expect(await step(number, 'acknowledge', undefined)).toMatchObject({ status: 'acknowledged' });
  });

  test('on an unknown complaint is a 404', async () => {
    w = await world('awb');
    const err = await rejectionOf(step('2026-9999', 'acknowledge'));
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });

  test('that changes nothing writes nothing', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'record-acknowledgement');
    const again = await step(number, 'record-acknowledgement');
    expect(again.version).toBe(2);
    expect(await timeline(w.db, number)).toHaveLength(2);
  });

  test('recomputes the deadlines and the next due date; closing leaves none due', async () => {
    w = await world('awb'); // acknowledgement 5 working days, decision 6 weeks
    const number = await w.submit();
    w.clock.now = new Date('2026-03-04T15:00:00.000Z');
    const acknowledged = await step(number, 'acknowledge');
    expect(acknowledged.nextDueDate).toBe('2026-04-13');
    expect(await deadlinesOf(w.db)).toEqual({
      acknowledgement: {
        due: '2026-03-09',
        metAt: '2026-03-04T15:00:00.000Z',
        metDate: '2026-03-04',
        postponed: false,
      },
      decision: { due: '2026-04-13', metAt: null, metDate: null, postponed: false },
    });
    const closed = await step(number, 'close', { classification: 'gegrond', summary: 'Opgelost' });
    expect(closed).toMatchObject({ status: 'closed', nextDueDate: null });
  });
});

describe('a step and the deadlines', () => {
  test('a postponement moves the term it postpones', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await step(
      number,
      'postpone',
      { weeks: 4, reason: 'Advies' },
      {
        now: new Date('2026-03-20T10:00:00.000Z'),
      },
    );
    expect(await deadlinesOf(w.db)).toMatchObject({
      decision: { due: '2026-05-11', postponed: true, metAt: null },
      acknowledgement: { due: '2026-03-09', postponed: false },
    });
    expect(row.nextDueDate).toBe('2026-03-09');
    const [, event] = await timeline(w.db, number);
    expect(event).toMatchObject({
      type: 'postponed',
      data: { term: 'decision', weeks: 4, announcedOn: '2026-03-20' },
      pdData: { reason: 'Advies' },
    });
  });

  test("reads only this complaint's timeline and deadlines", async () => {
    w = await world('awb');
    const first = await w.submit();
    const second = await w.submit();
    await step(first, 'record-acknowledgement');
    const row = await step(second, 'record-acknowledgement');
    expect(row.version).toBe(2);
    await step(second, 'respond', { message: 'Hallo' });
    const rows = await w.db.select().from(deadlines);
    const secondRow = await w.db.query.complaints.findFirst({
      where: eq(complaints.number, second),
    });
    const mine = rows.filter((d) => d.complaintId === secondRow?.id);
    expect(mine.map((d) => [d.term, d.metAt !== null])).toEqual([
      ['acknowledgement', true],
      ['decision', false],
    ]);
    const third = await w.submit();
    await step(third, 'respond', { message: 'Hallo' });
    const thirdRow = await w.db.query.complaints.findFirst({ where: eq(complaints.number, third) });
    const theirs = (await w.db.select().from(deadlines)).filter(
      (d) => d.complaintId === thirdRow?.id,
    );
    expect(theirs.map((d) => [d.term, d.metAt])).toEqual([
      ['acknowledgement', null],
      ['decision', null],
    ]);
  });
});

describe('the messages of a step', () => {
  test('go to the complainant with a fresh tracking link, and to the staff who asked', async () => {
    w = await world('awb', (p) => {
      p.notifications = {
        senderName: 'Gemeente',
        staff: { responded: ['team@example.nl', 'chef@example.nl'], closed: ['x@example.nl'] },
      };
    });
    const number = await w.submit();
    const before = (await w.db.select().from(trackingTokens)).length;
    await step(
      number,
      'respond',
      { message: 'Wij bellen u.' },
      { links: { base: 'https://k.test', secretKey: SECRET_KEY } },
    );
    const messages = (await outboxOf(w.db)).filter((m) => m.kind !== 'acknowledgement');
    expect(messages).toEqual([
      { kind: 'staff:responded', to: 'team@example.nl', payload: { eventSeq: 2, locale: 'nl' } },
      { kind: 'staff:responded', to: 'chef@example.nl', payload: { eventSeq: 2, locale: 'nl' } },
      {
        kind: 'response',
        to: 'jan@example.nl',
        payload: { eventSeq: 2, locale: 'nl', trackingSealed: expect.any(String) },
        link: expect.stringMatching(/^https:\/\/k\.test\/track\/[A-Za-z0-9_-]{43}$/),
      },
    ]);
    expect(await w.db.select().from(trackingTokens)).toHaveLength(before + 1);
  });

  test('carry no link when none is asked for, and only to the complainant', async () => {
    w = await world('awb');
    const number = await w.submit();
    const before = (await w.db.select().from(trackingTokens)).length;
    await step(number, 'respond', { message: 'Wij bellen u.' }, { locale: 'en' });
    await step(
      number,
      'forward',
      { handler: 'Piet', handlerEmail: 'piet@example.nl' },
      {
        links: { base: 'https://k.test', secretKey: SECRET_KEY },
      },
    );
    const messages = (await outboxOf(w.db)).filter((m) => m.kind !== 'acknowledgement');
    expect(messages).toEqual([
      { kind: 'response', to: 'jan@example.nl', payload: { eventSeq: 2, locale: 'en' } },
      { kind: 'forwarded', to: 'piet@example.nl', payload: { eventSeq: 3, locale: 'nl' } },
    ]);
    expect(await w.db.select().from(trackingTokens)).toHaveLength(before);
  });

  test('without an address for someone, that message is not queued', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(
      number,
      'forward',
      { handler: 'Piet' },
      { links: { base: 'https://k.test', secretKey: SECRET_KEY } },
    );
    expect((await outboxOf(w.db)).map((m) => m.kind)).toEqual(['acknowledgement']);
  });

  test('to a complainant with a postal address but no e-mail are letters to print', async () => {
    w = await world('awb', (p) => {
      p.form.complainant.email = 'hidden';
    });
    const number = await w.submit();
    await step(
      number,
      'respond',
      { message: 'Wij bellen u.' },
      { links: { base: 'https://k.test', secretKey: SECRET_KEY } },
    );
    const letters = await withLinks(
      await w.db
        .select({
          kind: outbox.kind,
          channel: outbox.channel,
          status: outbox.status,
          to: outbox.pdRecipient,
          payload: outbox.pdPayload,
          complaintId: outbox.complaintId,
        })
        .from(outbox)
        .orderBy(asc(outbox.createdAt)),
    );
    expect(letters).toEqual([
      {
        kind: 'acknowledgement',
        channel: 'letter',
        status: 'print',
        to: null,
        payload: { trackingSealed: expect.any(String), locale: 'nl' },
        link: expect.stringMatching(/\/track\//),
      },
      {
        kind: 'response',
        channel: 'letter',
        status: 'print',
        to: null,
        payload: { eventSeq: 2, locale: 'nl', trackingSealed: expect.any(String) },
        link: expect.stringMatching(/^https:\/\/k\.test\/track\/[A-Za-z0-9_-]{43}$/),
      },
    ]);
  });
});

describe('an internal note', () => {
  test('is an internal event with its documents, changing nothing and telling no one', async () => {
    w = await world('awb');
    const number = await w.submit();
    const file = {
      name: 'gespreksverslag.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
      sha256: 'x',
    };
    const row = await step(
      number,
      'add-note',
      { note: 'Klager belde, boos.' },
      { files: [file], links: { base: 'https://k.test', secretKey: SECRET_KEY } },
    );
    expect(row).toMatchObject({ status: 'received', version: 2 });
    const [, note] = await timeline(w.db, number);
    expect(note).toMatchObject({
      seq: 2,
      type: 'noteAdded',
      public: false,
      data: null,
      pdData: { note: 'Klager belde, boos.' },
    });
    const stored = await w.db.query.attachments.findMany();
    expect(stored.map((a) => [a.pdFilename, a.source, a.eventSeq])).toEqual([
      ['gespreksverslag.pdf', 'note', 2],
    ]);
    // Only the acknowledgement of the complaint itself: a note goes to nobody.
    expect((await outboxOf(w.db)).map((m) => [m.kind, m.to])).toEqual([
      ['acknowledgement', 'jan@example.nl'],
    ]);
    // The registration's two (its answer's and its acknowledgement's); the note mints none.
    expect(await w.db.select().from(trackingTokens)).toHaveLength(2);
  });

  test('may be added on a closed complaint too', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'close', { classification: 'gegrond', summary: 'Klaar' });
    const row = await step(number, 'add-note', { note: 'Na afloop nagebeld.' });
    expect(row).toMatchObject({ status: 'closed', version: 3 });
  });
});

describe('retries and races', () => {
  test('the same Idempotency-Key gets the same answer and applies the step once', async () => {
    w = await world('awb');
    const number = await w.submit();
    const body = { message: 'Wij bellen u.' };
    const first = await step(number, 'respond', body, { idempotencyKey: 'retry-key-1' });
    const again = await step(number, 'respond', body, { idempotencyKey: 'retry-key-1' });
    expect(again).toEqual(first);
    const events = await timeline(w.db, number);
    expect(events).toHaveLength(2);
    expect(events[1]?.idempotencyKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[1]?.requestHash).toMatch(/^[0-9a-f]{64}$/);
    const other = await rejectionOf(
      step(number, 'respond', { message: 'Iets anders' }, { idempotencyKey: 'retry-key-1' }),
    );
    expect([other.status, other.code]).toEqual([422, 'idempotency_key_reused']);
    const otherStep = await rejectionOf(
      step(number, 'forward', { message: 'Wij bellen u.' }, { idempotencyKey: 'retry-key-1' }),
    );
    expect(otherStep.code).toBe('idempotency_key_reused');
  });

  test('a key is scoped to its complaint', async () => {
    w = await world('awb');
    const a = await w.submit();
    const b = await w.submit();
    await step(a, 'acknowledge', {}, { idempotencyKey: 'same-key-123' });
    const row = await step(b, 'acknowledge', {}, { idempotencyKey: 'same-key-123' });
    expect(row).toMatchObject({ number: b, status: 'acknowledged' });
  });

  test('of two concurrent steps on one version, one is applied and the other is a 409', async () => {
    w = await world('awb');
    const number = await w.submit();
    const results = await Promise.allSettled([
      step(number, 'respond', { message: 'Eén' }),
      step(number, 'respond', { message: 'Twee' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect([failed.reason.status, failed.reason.code]).toEqual([409, 'concurrent_change']);
    expect(await timeline(w.db, number)).toHaveLength(2);
  });
});
