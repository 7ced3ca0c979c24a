import { afterEach, describe, expect, test } from 'vitest';
import type { Action } from '../../shared/lifecycle';
import { rejectionOf, world } from '../../test/unit-fixtures';
import type { Actor } from '../http/context';
import type { IncomingFile } from './attachments';
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

const pdf = (name: string, sha256: string): IncomingFile => ({
  name,
  type: 'application/pdf',
  bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
  sha256,
});

describe('the handling time of a complaint', () => {
  test('is counted in working days from receipt when it is closed, and not before', async () => {
    w = await world('awb'); // received Monday 2 March 2026
    const number = await w.submit();
    w.clock.now = new Date('2026-03-04T10:00:00.000Z');
    const open = await step(number, 'respond', { message: 'Wij kijken ernaar.' });
    expect(open).toMatchObject({ status: 'inProgress', handlingDays: null, closedAt: null });
    w.clock.now = new Date('2026-03-16T10:00:00.000Z');
    const closed = await step(number, 'close', { classification: 'gegrond', summary: 'Opgelost' });
    expect(closed).toMatchObject({ status: 'closed', declined: false, handlingDays: 10 });
  });

  test('stays as it was when something is recorded on the closed complaint afterwards', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'acknowledge');
    w.clock.now = new Date('2026-03-16T10:00:00.000Z');
    await step(number, 'close', { classification: 'gegrond', summary: 'Opgelost' });
    // Recorded after the decision's term (13 April) ran out: the complaint was decided in time.
    w.clock.now = new Date('2026-04-20T10:00:00.000Z');
    const rated = await step(number, 'record-satisfaction', { satisfied: true });
    expect(rated).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-16T10:00:00.000Z',
      handlingDays: 10,
      missed: false,
    });
    const noted = await step(number, 'add-note', { note: 'Nagebeld.' });
    expect(noted).toMatchObject({ handlingDays: 10, missed: false });
  });

  test('a declined complaint counts as declined, without a handling time', async () => {
    w = await world('awb');
    const number = await w.submit();
    w.clock.now = new Date('2026-03-16T10:00:00.000Z');
    const declined = await step(number, 'decline', { ground: 'beforeCourt', reason: 'Rechter.' });
    expect(declined).toMatchObject({ status: 'closed', declined: true, handlingDays: null });
    const noted = await step(number, 'add-note', { note: 'Dossier bijgewerkt.' });
    expect(noted).toMatchObject({ declined: true, handlingDays: null });
  });

  test('a reopened declined complaint, once closed after all, gets its handling time', async () => {
    w = await world('awb');
    const number = await w.submit();
    await step(number, 'decline', { ground: 'beforeCourt', reason: 'Rechter.' });
    const reopened = await step(number, 'reopen', { reason: 'Toch behandelen.' });
    expect(reopened).toMatchObject({ status: 'inProgress', declined: false, handlingDays: null });
    w.clock.now = new Date('2026-03-16T10:00:00.000Z');
    const closed = await step(number, 'close', { classification: 'gegrond', summary: 'Klaar' });
    expect(closed).toMatchObject({ declined: false, handlingDays: 10 });
  });
});

describe('a postponed term', () => {
  test('marks the complaint as postponed, though its other terms are not', async () => {
    w = await world('awb'); // acknowledgement and decision; only the decision is postponable
    const number = await w.submit();
    const before = await step(number, 'respond', { message: 'Wij kijken ernaar.' });
    expect(before.postponed).toBe(false);
    w.clock.now = new Date('2026-03-20T10:00:00.000Z');
    const row = await step(number, 'postpone', { weeks: 4, reason: 'Advies' });
    expect(row.postponed).toBe(true);
  });
});

describe('the body of a step', () => {
  test('a field of the wrong type says so, rather than asking to fill it in', async () => {
    w = await world('awb');
    const number = await w.submit();
    const err = await rejectionOf(step(number, 'respond', { message: 42 }, { locale: 'en' }));
    expect(err.fields).toEqual({ message: 'This value has the wrong type.' });
  });
});

describe('a retried step with documents', () => {
  test('is the same request only with the same documents', async () => {
    w = await world('awb');
    const number = await w.submit();
    const body = { note: 'Verslag van het gesprek.' };
    const key = { idempotencyKey: 'note-key-123' };
    const first = await step(number, 'add-note', body, { ...key, files: [pdf('a.pdf', 'aaa')] });
    const again = await step(number, 'add-note', body, { ...key, files: [pdf('a.pdf', 'aaa')] });
    expect(again).toEqual(first);
    const other = await rejectionOf(
      step(number, 'add-note', body, { ...key, files: [pdf('a.pdf', 'bbb')] }),
    );
    expect([other.status, other.code]).toEqual([422, 'idempotency_key_reused']);
    const without = await rejectionOf(step(number, 'add-note', body, key));
    expect(without.code).toBe('idempotency_key_reused');
    expect(await w.db.query.attachments.findMany()).toHaveLength(1);
  });
});
