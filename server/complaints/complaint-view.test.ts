import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import {
  complaintRow,
  deadlineRow,
  event,
  rejectionOf,
  tenantOf,
  world,
} from '../../test/unit-fixtures';
import { complaints } from '../db/schema';
import { actorName, findComplaint } from './complaint-records';
import { complaintView, deadlineViews, loadView, registerLine } from './complaint-view';

type World = Awaited<ReturnType<typeof world>>;
let w: World | undefined;
afterEach(() => {
  w?.close();
  w = undefined;
});

describe('one complaint as the register shows it', () => {
  test('has every registered field, the steps it allows and its contact details', () => {
    const { procedure } = tenantOf('wenb');
    const row = complaintRow({
      status: 'solutionProposed',
      pdComplainantPhone: '0612345678',
      pdOnBehalfOfEmail: 'piet@example.nl',
      pdSubject: 'Klaas',
      handler: 'Hans',
      admissible: false,
    });
    const view = complaintView(row, [], [], procedure, 'nl');
    expect(view).toMatchObject({
      number: '2026-0001',
      status: 'solutionProposed',
      allowedActions: [
        'record-acknowledgement',
        'accept-solution',
        'file-appeal',
        'close',
        'request-erasure',
        'update',
        'add-note',
      ],
      subject: 'Klaas',
      handler: 'Hans',
      admissible: false,
      description: 'De monteur kwam niet.',
      complainant: {
        name: 'Jan Jansen',
        initials: null,
        address: null,
        phone: '0612345678',
        email: 'jan@example.nl',
      },
      onBehalfOf: {
        name: null,
        initials: null,
        address: null,
        phone: null,
        email: 'piet@example.nl',
      },
      due: {},
      deadlines: [],
      events: [],
    });
    const nobody = complaintView(
      complaintRow({ pdComplainantName: null, pdComplainantEmail: null }),
      [],
      [],
      procedure,
      'nl',
    );
    expect([nobody.complainant, nobody.onBehalfOf]).toEqual([null, null]);
  });

  test('lists every deadline by date with its label, whether it was met and postponed', () => {
    const { procedure } = tenantOf('wenb');
    const rows = [
      deadlineRow(procedure, 'resolution', { postponed: true }),
      deadlineRow(procedure, 'registration', { metAt: '2026-03-02T09:00:00.000Z' }),
      { ...deadlineRow(procedure, 'resolution'), term: 'retired' },
    ];
    const view = complaintView(complaintRow(), rows, [], procedure, 'en');
    expect(view.due).toEqual({
      resolution: '2026-03-16',
      registration: '2026-03-04',
      retired: '2026-03-16',
    });
    expect(view.deadlines).toEqual([
      {
        term: 'registration',
        label: 'Registration',
        date: '2026-03-04',
        explanation: expect.stringMatching(/^2 working days after receipt/),
        metAt: '2026-03-02T09:00:00.000Z',
        postponed: false,
      },
      expect.objectContaining({
        term: 'resolution',
        label: 'Resolution',
        metAt: null,
        postponed: true,
      }),
      expect.objectContaining({ term: 'retired', label: 'retired', postponed: false }),
    ]);
  });

  test("shows the timeline with each event's data and personal data together", () => {
    const { procedure } = tenantOf('wenb');
    const events = [
      { ...event('received', '2026-03-02T09:00:00Z', { channel: 'web' }, 1), pdData: null },
      {
        ...event('forwarded', '2026-03-03T09:00:00Z', null, 2),
        public: false,
        pdData: { handler: 'Hans' },
      },
      event('acknowledged', '2026-03-03T10:00:00Z', null, 3),
    ];
    expect(complaintView(complaintRow(), [], events, procedure, 'nl').events).toEqual([
      {
        seq: 1,
        type: 'received',
        public: true,
        at: '2026-03-02T09:00:00Z',
        actor: 'complainant',
        data: { channel: 'web' },
      },
      {
        seq: 2,
        type: 'forwarded',
        public: false,
        at: '2026-03-03T09:00:00Z',
        actor: 'complainant',
        data: { handler: 'Hans' },
      },
      {
        seq: 3,
        type: 'acknowledged',
        public: true,
        at: '2026-03-03T10:00:00Z',
        actor: 'complainant',
        data: {},
      },
    ]);
  });

  test('shows the complainant only the public terms', () => {
    const { procedure } = tenantOf('wenb');
    const rows = [
      deadlineRow(procedure, 'registration'),
      deadlineRow(procedure, 'acknowledgement'),
    ];
    expect(deadlineViews(rows, procedure, 'nl', true).map((d) => d.term)).toEqual([
      'acknowledgement',
    ]);
    expect(deadlineViews(rows, procedure, 'nl', false).map((d) => d.term)).toEqual([
      'registration',
      'acknowledgement',
    ]);
  });

  test('a register line has no free text', () => {
    const line = registerLine(
      complaintRow({ handler: 'Hans', nextDueDate: '2026-03-09', category: 'aard' }),
    );
    expect(line).toEqual({
      number: '2026-0001',
      status: 'received',
      channel: 'web',
      receivedAt: '2026-03-02T09:00:00.000Z',
      category: 'aard',
      handler: 'Hans',
      complainantName: 'Jan Jansen',
      nextDue: '2026-03-09',
    });
  });

  test('loaded from the database, with its files and its timeline in order', async () => {
    w = await world('awb');
    const number = await w.submit();
    const row = await findComplaint(w.db, w.tenant.id, number);
    const view = await loadView(w.db, row, w.tenant.procedure, 'nl');
    expect(view).toMatchObject({ number, attachments: [], due: { acknowledgement: '2026-03-09' } });
    expect(view.events.map((e) => e.type)).toEqual(['received']);
    expect(view.deadlines.map((d) => d.term)).toEqual(['acknowledgement', 'decision']);
  });
});

describe('the case file of one complaint among others', () => {
  test('shows only its own due dates and timeline', async () => {
    const app = await world('awb');
    w = app;
    const first = await app.submit();
    app.clock.now = new Date('2026-03-04T09:00:00.000Z');
    const second = await app.submit();
    await app.step(second, 'forward', { handler: 'Piet' });
    const view = async (number: string) =>
      loadView(
        app.db,
        await findComplaint(app.db, app.tenant.id, number),
        app.tenant.procedure,
        'en',
      );
    const one = await view(first);
    expect(one.events.map((e) => e.type)).toEqual(['received']);
    expect(one.deadlines.map((d) => [d.term, d.date])).toEqual([
      ['acknowledgement', '2026-03-09'],
      ['decision', '2026-04-13'],
    ]);
    const two = await view(second);
    expect(two.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'received'],
      [2, 'forwarded'],
    ]);
    expect(two.deadlines.map((d) => [d.term, d.date])).toEqual([
      ['acknowledgement', '2026-03-11'],
      ['decision', '2026-04-15'],
    ]);
  });

  test('the complainant still sees a term the procedure no longer has', () => {
    const { procedure } = tenantOf('wenb');
    const rows = [{ ...deadlineRow(procedure, 'resolution'), term: 'retired' }];
    expect(deadlineViews(rows, procedure, 'nl', true).map((d) => d.term)).toEqual(['retired']);
  });
});

describe('finding a complaint', () => {
  test('by tenant and number; an unknown, foreign or erased one is 404', async () => {
    w = await world('awb');
    const number = await w.submit();
    expect((await findComplaint(w.db, w.tenant.id, number)).number).toBe(number);
    expect((await rejectionOf(findComplaint(w.db, w.tenant.id, '2026-0999'))).status).toBe(404);
    expect((await rejectionOf(findComplaint(w.db, 'other-tenant', number))).status).toBe(404);
    await w.db
      .update(complaints)
      .set({ erasedAt: '2026-03-05T00:00:00Z' })
      .where(eq(complaints.number, number));
    expect((await rejectionOf(findComplaint(w.db, w.tenant.id, number))).code).toBe('not_found');
  });

  test('the timeline names who did it', () => {
    expect(actorName({ kind: 'staff', staffId: 's', name: 'Rita', role: 'admin' })).toBe(
      'staff:Rita',
    );
    expect(actorName({ kind: 'system', name: 'acknowledgement e-mail' })).toBe(
      'system:acknowledgement e-mail',
    );
    expect(actorName({ kind: 'apiKey', keyId: 'k', label: 'website' })).toBe('apiKey:website');
    expect(actorName({ kind: 'public' })).toBe('complainant');
  });
});
