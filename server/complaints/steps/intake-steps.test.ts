import { describe, expect, test } from 'vitest';
import {
  apiErrorOf,
  complaintRow,
  event,
  NOW,
  stepContext,
  tenantOf,
} from '../../../test/unit-fixtures';
import { acknowledge, addNote, forward, recordAcknowledgement, update } from './intake-steps';
import { checkOption, samePerson, UNCHANGED } from './step-types';

describe('acknowledging', () => {
  test('changes nothing else and sends nothing (the e-mail went out on receipt)', () => {
    expect(acknowledge({}, stepContext())).toEqual({ changes: {}, messages: [] });
  });

  test('recording an acknowledgement that is already on the timeline changes nothing', () => {
    const timeline = [
      event('received', '2026-03-02T09:00:00Z'),
      event('acknowledged', '2026-03-03T09:00:00Z'),
    ];
    expect(recordAcknowledgement({}, stepContext({ timeline }))).toBe(UNCHANGED);
    expect(recordAcknowledgement({}, stepContext())).toEqual({ changes: {}, messages: [] });
  });
});

describe('forwarding', () => {
  test('assigns the handler, tells them when an address is given, and keeps it internal', () => {
    expect(forward({ handler: 'Piet', handlerEmail: 'piet@example.nl' }, stepContext())).toEqual({
      changes: {
        handler: 'Piet',
        handlerStaffId: null,
        handlerEmail: 'piet@example.nl',
        forwardedAt: NOW.toISOString(),
      },
      pdData: { handler: 'Piet' },
      messages: [{ kind: 'forwarded', to: 'piet@example.nl' }],
      internal: true,
    });
  });

  test("to an account: the complaint is that account's, with its name and address", () => {
    const handlerAccount = { id: 'staff-bram', name: 'Bram Behandelaar', email: 'bram@example.nl' };
    expect(forward({ handlerId: 'staff-bram' }, stepContext({ handlerAccount }))).toEqual({
      changes: {
        handler: 'Bram Behandelaar',
        handlerStaffId: 'staff-bram',
        handlerEmail: 'bram@example.nl',
        forwardedAt: NOW.toISOString(),
      },
      data: { handlerId: 'staff-bram' },
      pdData: { handler: 'Bram Behandelaar' },
      messages: [{ kind: 'forwarded', to: 'bram@example.nl' }],
      internal: true,
    });
  });

  test('to an account that is not there, disabled or may not handle: 422 naming handlerId', () => {
    const err = apiErrorOf(() =>
      forward({ handlerId: 'staff-gone' }, stepContext({ handlerAccount: null })),
    );
    expect([err.status, err.fields]).toEqual([
      422,
      {
        handlerId: 'Kies een actieve medewerker van deze organisatie die klachten mag behandelen.',
      },
    ]);
  });

  test('without an address nobody is e-mailed and an earlier address is cleared', () => {
    const row = complaintRow({ handlerEmail: 'oud@example.nl' });
    expect(forward({ handler: 'Piet' }, stepContext({ row }))).toMatchObject({
      changes: { handler: 'Piet', handlerEmail: null },
      messages: [{ kind: 'forwarded', to: null }],
    });
  });

  test('Awb 9:7: not to the person the complaint is about, however it is typed', () => {
    const awb = tenantOf('awb');
    const row = complaintRow({ pdSubject: 'Piet de Vries' });
    const err = apiErrorOf(() =>
      forward({ handler: ' piet DE vries ' }, stepContext({ tenant: awb, row })),
    );
    expect([err.status, err.code, err.fields]).toEqual([
      422,
      'validation_failed',
      { handler: 'De behandelaar mag niet degene zijn over wie de klacht gaat.' },
    ]);
    expect(forward({ handler: 'Klaas' }, stepContext({ tenant: awb, row }))).not.toBe(UNCHANGED);
  });

  test('where the procedure allows it, the subject may handle it', () => {
    const row = complaintRow({ pdSubject: 'Piet' });
    expect(forward({ handler: 'Piet' }, stepContext({ row }))).not.toBe(UNCHANGED);
  });
});

describe('correcting the registration', () => {
  const t1d = tenantOf('totaalonder1dak');

  test('changes only what was sent, in an internal event', () => {
    const body = { category: 'overig', cause: 'Oorzaak', subject: 'Piet', receiverName: 'Anna' };
    expect(update(body, stepContext({ tenant: t1d }))).toEqual({
      changes: {
        category: 'overig',
        pdCause: 'Oorzaak',
        pdSubject: 'Piet',
        pdReceiverName: 'Anna',
      },
      data: { category: 'overig' },
      messages: [],
      internal: true,
    });
    expect(update({}, stepContext({ tenant: t1d }))).toEqual({
      changes: {},
      data: undefined,
      messages: [],
      internal: true,
    });
  });

  test('the category can be cleared', () => {
    expect(update({ category: null }, stepContext({ tenant: t1d }))).toMatchObject({
      changes: { category: null },
      data: { category: null },
    });
  });

  test('records whether the complaint is admissible, also when it is not', () => {
    for (const admissible of [true, false]) {
      expect(update({ admissible }, stepContext({ tenant: t1d }))).toStrictEqual({
        changes: { admissible },
        data: { admissible },
        messages: [],
        internal: true,
      });
    }
  });

  test('correcting only the cause leaves the category and admissibility as registered', () => {
    // The yearly report counts by category and admissibility from what the step changes.
    const row = complaintRow({ category: 'overig', admissible: true });
    const effect = update({ cause: 'Drukte' }, stepContext({ tenant: t1d, row }));
    expect(effect).toStrictEqual({
      changes: { pdCause: 'Drukte' },
      data: undefined,
      messages: [],
      internal: true,
    });
    const both = update({ category: 'overig', admissible: false }, stepContext({ tenant: t1d }));
    expect(both !== UNCHANGED && both.data).toStrictEqual({
      category: 'overig',
      admissible: false,
    });
    const category = update({ category: 'overig' }, stepContext({ tenant: t1d }));
    expect(category !== UNCHANGED && category.data).toStrictEqual({ category: 'overig' });
  });

  test('an unknown category is a 422 on category', () => {
    const err = apiErrorOf(() =>
      update({ category: 'nope' }, stepContext({ tenant: t1d, locale: 'en' })),
    );
    expect([err.status, err.fields]).toEqual([422, { category: 'Choose one of the options.' }]);
  });

  test('Awb 9:7: the subject may not be the handler already assigned', () => {
    const awb = tenantOf('awb');
    const row = complaintRow({ handler: 'Piet' });
    const err = apiErrorOf(() => update({ subject: 'PIET' }, stepContext({ tenant: awb, row })));
    expect(Object.keys(err.fields ?? {})).toEqual(['subject']);
    expect(update({ subject: 'Klaas' }, stepContext({ tenant: awb, row }))).not.toBe(UNCHANGED);
    expect(update({ subject: 'Piet' }, stepContext({ tenant: t1d, row }))).not.toBe(UNCHANGED);
  });
});

describe('helpers of the steps', () => {
  test('samePerson ignores case and surrounding spaces, never matches a missing name', () => {
    expect(samePerson(' Piet ', 'piet')).toBe(true);
    expect(samePerson('Piet', 'Klaas')).toBe(false);
    expect(samePerson(null, 'Piet')).toBe(false);
    expect(samePerson('Piet', undefined)).toBe(false);
    expect(samePerson('', '')).toBe(false);
  });

  test('checkOption accepts an option, no choice at all, and refuses anything else', () => {
    const options = [{ id: 'a' }, { id: 'b' }];
    expect(() => checkOption('category', 'b', options, 'nl')).not.toThrow();
    expect(() => checkOption('category', null, options, 'nl')).not.toThrow();
    expect(() => checkOption('category', undefined, options, 'nl')).not.toThrow();
    expect(apiErrorOf(() => checkOption('category', 'c', options, 'nl')).fields).toEqual({
      category: 'Kies een van de opties.',
    });
  });
});

describe('an internal note', () => {
  test('keeps the note as personal data in an internal event, changing nothing and telling no one', () => {
    expect(addNote({ note: 'Klager belde, boos.' }, stepContext())).toEqual({
      changes: {},
      pdData: { note: 'Klager belde, boos.' },
      messages: [],
      internal: true,
    });
  });
});
