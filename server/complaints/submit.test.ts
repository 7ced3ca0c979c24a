import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { JAN, linkIn, rejectionOf, world } from '../../test/unit-fixtures';
import { complaints, deadlines, events, outbox, trackingTokens } from '../db/schema';
import type { Actor } from '../http/context';
import type { IncomingFile } from './attachments';
import { type Submission, submitComplaint } from './submit';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const staffActor: Actor = { kind: 'staff', staffId: 's1', name: 'Rita', role: 'receiver' };
const key: Actor = { kind: 'apiKey', keyId: 'k1', label: 'website' };

function submit(body: Record<string, unknown>, changes: Partial<Submission> = {}) {
  return submitComplaint(w.t.deps, {
    tenant: w.tenant,
    actor: key,
    body,
    files: [],
    idempotencyKey: null,
    locale: 'nl',
    clientAddress: '192.0.2.1',
    ...changes,
  });
}

// awb asks name and address (required), initials, phone and e-mail (optional).
const complainant = { name: JAN.name, address: JAN.address, email: JAN.email };
const complaint = { complainant, description: 'De vergunning bleef liggen.' };
const rowOf = (number: string) =>
  w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });

describe('registering a complaint', () => {
  test('answers with its number, receipt, due dates and tracking link', async () => {
    w = await world('awb');
    const answer = await submit(complaint);
    expect(answer).toEqual({
      number: '2026-0001',
      receivedAt: '2026-03-02T09:00:00.000Z',
      due: { acknowledgement: '2026-03-09', decision: '2026-04-13' },
      deadlines: [
        {
          term: 'acknowledgement',
          label: 'Ontvangstbevestiging',
          date: '2026-03-09',
          explanation: expect.stringMatching(/^5 werkdagen na ontvangst op ma 2 mrt 2026/),
        },
        {
          term: 'decision',
          label: 'Afhandeling van uw klacht',
          date: '2026-04-13',
          explanation: expect.stringMatching(/^6 weken na ontvangst/),
        },
      ],
      trackingUrl: expect.stringMatching(/^https:\/\/klacht\.test\/track\/[A-Za-z0-9_-]{43}$/),
    });
    expect((await submit(complaint)).number).toBe('2026-0002');
  });

  test('stores what was sent, the received event, the deadlines and the acknowledgement', async () => {
    w = await world('awb');
    const { number } = await submit(
      {
        ...complaint,
        onBehalfOf: { name: 'Piet' },
        category: 'overig',
        desiredSolution: 'Excuses',
      },
      { actor: staffActor },
    );
    const row = await rowOf(number);
    expect(row).toMatchObject({
      status: 'received',
      channel: 'web',
      year: 2026,
      seq: 1,
      version: 1,
      category: 'overig',
      receivedDate: '2026-03-02',
      registeredAt: '2026-03-02T09:00:00.000Z',
      registeredDate: '2026-03-02',
      nextDueDate: '2026-03-09',
      pdComplainantName: JAN.name,
      pdComplainantAddress: JAN.address,
      pdComplainantEmail: JAN.email,
      pdComplainantPhone: null,
      pdOnBehalfOfName: 'Piet',
      pdDescription: 'De vergunning bleef liggen.',
      pdDesiredSolution: 'Excuses',
      pdReceiverName: null,
      idempotencyKeyHash: null,
      replaySealed: null,
    });
    const [received] = await w.db
      .select()
      .from(events)
      .where(eq(events.complaintId, row?.id ?? ''));
    expect(received).toMatchObject({
      seq: 1,
      type: 'received',
      actor: 'staff:Rita',
      data: { channel: 'web', receivedAt: '2026-03-02T09:00:00.000Z' },
      pdData: null,
    });
    const rows = await w.db.select().from(deadlines).orderBy(asc(deadlines.term));
    expect(rows.map((d) => [d.term, d.dueDate, d.metAt, d.postponed])).toEqual([
      ['acknowledgement', '2026-03-09', null, false],
      ['decision', '2026-04-13', null, false],
    ]);
    const messages = await w.db.select().from(outbox);
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'acknowledgement',
        status: 'pending',
        pdRecipient: JAN.email,
        pdPayload: { trackingSealed: expect.any(String), locale: 'nl' },
      }),
    ]);
    // The link waits sealed: no usable token in the database. It is a token of its own, marked
    // as mailed (opening it would confirm the address; staff registered it, so it already is).
    expect(JSON.stringify(messages)).not.toContain('/track/');
    expect(await linkIn(messages[0] ?? { complaintId: null, pdPayload: null })).toMatch(
      /^https:\/\/klacht\.test\/track\/[A-Za-z0-9_-]{43}$/,
    );
    const tokens = await w.db.select().from(trackingTokens);
    expect(tokens.map((token) => token.mailed).sort()).toEqual([false, true]);
    expect(row?.emailConfirmedAt).toBe(row?.registeredAt);
  });

  test('without an e-mail address the acknowledgement is a letter to print; staff named for it hear of it', async () => {
    w = await world('awb', (p) => {
      p.notifications = { senderName: 'Gemeente', staff: { received: ['team@example.nl'] } };
    });
    const answer = await submit(
      { complainant: { name: JAN.name, address: JAN.address }, description: 'x' },
      {
        locale: 'en',
      },
    );
    const messages = await w.db.select().from(outbox);
    expect(messages.map((m) => [m.kind, m.channel, m.status, m.pdRecipient, m.pdPayload])).toEqual([
      ['staff:received', 'email', 'pending', 'team@example.nl', { eventSeq: 1, locale: 'nl' }],
      [
        'acknowledgement',
        'letter',
        'print',
        null,
        { trackingSealed: expect.any(String), locale: 'en' },
      ],
    ]);
    expect(await linkIn(messages[1] ?? { complaintId: null, pdPayload: null })).toBe(
      answer.trackingUrl,
    );
  });

  test('with neither an e-mail nor a postal address (told by phone) nothing goes to the complainant', async () => {
    w = await world('awb', (p) => {
      p.notifications = { senderName: 'Gemeente', staff: { received: ['team@example.nl'] } };
    });
    await submit({
      complainant: { name: JAN.name, phone: JAN.phone },
      description: 'x',
      channel: 'phone',
    });
    const messages = await w.db.select().from(outbox);
    expect(messages.map((m) => [m.kind, m.channel, m.pdRecipient])).toEqual([
      ['staff:received', 'email', 'team@example.nl'],
    ]);
  });

  test('by staff: the channel, the real receipt moment and the receiver count', async () => {
    w = await world('awb');
    const answer = await submit(
      {
        ...complaint,
        channel: 'phone',
        receivedAt: '2026-02-27T16:30:00+01:00',
        receiverName: 'Anna',
      },
      { actor: staffActor },
    );
    // Fri 27 Feb + 5 working days = Fri 6 Mar.
    expect(answer).toMatchObject({
      receivedAt: '2026-02-27T15:30:00.000Z',
      due: { acknowledgement: '2026-03-06' },
    });
    const row = await rowOf(answer.number);
    expect(row).toMatchObject({
      channel: 'phone',
      receivedDate: '2026-02-27',
      registeredDate: '2026-03-02',
      pdReceiverName: 'Anna',
    });
    const [received] = await w.db
      .select()
      .from(events)
      .where(eq(events.complaintId, row?.id ?? ''));
    expect(received?.data).toEqual({ channel: 'phone', receivedAt: '2026-02-27T15:30:00.000Z' });
    expect(received?.pdData).toEqual({ receiverName: 'Anna' });
  });

  test('a term met by registration is met at once and not next due', async () => {
    w = await world('wenb');
    const { number } = await submit({
      complainant: { name: JAN.name, phone: JAN.phone, email: JAN.email },
      description: 'x',
    });
    const row = await rowOf(number);
    expect(row?.nextDueDate).toBe('2026-03-04');
    const [registration] = await w.db
      .select()
      .from(deadlines)
      .where(eq(deadlines.term, 'registration'));
    expect(registration).toMatchObject({
      metAt: '2026-03-02T09:00:00.000Z',
      metDate: '2026-03-02',
      dueDate: '2026-03-04',
    });
    const answer = await submit({
      complainant: { name: JAN.name, phone: JAN.phone, email: JAN.email },
      description: 'y',
    });
    // Only the public terms are shown to the complainant.
    expect(answer.deadlines.map((d) => d.term)).toEqual(['acknowledgement', 'resolution']);
    expect(Object.keys(answer.due).sort()).toEqual([
      'acknowledgement',
      'registration',
      'resolution',
    ]);
  });
});

describe('what is stored', () => {
  test('every contact field, of the complainant and of whom they complain for', async () => {
    w = await world('awb');
    const person = (name: string, email: string, phone: string) => ({
      name,
      initials: `${name[0]}.`,
      address: `${name}straat 1`,
      phone,
      email,
    });
    const { number } = await submit({
      complainant: person('Jan', 'jan@example.nl', '0612345678'),
      onBehalfOf: person('Piet', 'piet@example.nl', '0687654321'),
      description: 'x',
    });
    expect(await rowOf(number)).toMatchObject({
      pdComplainantName: 'Jan',
      pdComplainantInitials: 'J.',
      pdComplainantAddress: 'Janstraat 1',
      pdComplainantPhone: '0612345678',
      pdComplainantEmail: 'jan@example.nl',
      pdOnBehalfOfName: 'Piet',
      pdOnBehalfOfInitials: 'P.',
      pdOnBehalfOfAddress: 'Pietstraat 1',
      pdOnBehalfOfPhone: '0687654321',
      pdOnBehalfOfEmail: 'piet@example.nl',
    });
  });

  test('the next due date is the earliest open term, whatever the order of the terms', async () => {
    w = await world('awb', (p) => {
      const { acknowledgement, decision } = p.terms;
      if (acknowledgement && decision) p.terms = { decision, acknowledgement };
    });
    const { number } = await submit(complaint);
    expect((await rowOf(number))?.nextDueDate).toBe('2026-03-09');
  });

  test('a term met by registration is never the next due date', async () => {
    w = await world('wenb', (p) => {
      const ack = p.terms.acknowledgement;
      if (ack) ack.amount = 5; // Mon 9 Mar; registration (met) stays Wed 4 Mar
    });
    const { number } = await submit({
      complainant: { name: JAN.name, phone: JAN.phone, email: JAN.email },
      description: 'x',
    });
    expect((await rowOf(number))?.nextDueDate).toBe('2026-03-09');
  });

  test('with terms that all wait for a later event, nothing is due yet', async () => {
    w = await world('awb', (p) => {
      p.terms = {
        handling: {
          amount: 2,
          unit: 'weeks',
          from: 'forwarded',
          metBy: 'closed',
          statutory: false,
          label: { nl: 'Behandeling', en: 'Handling' },
          public: true,
        },
      };
    });
    const answer = await submit(complaint);
    expect(answer).toMatchObject({ due: {}, deadlines: [] });
    expect((await rowOf(answer.number))?.nextDueDate).toBeNull();
    expect(await w.db.select().from(deadlines)).toEqual([]);
  });
});

describe('what is refused', () => {
  test('every bad field in one 422, in the language asked for', async () => {
    w = await world('awb');
    const err = await rejectionOf(
      submit({ complainant: { email: 'nope' }, description: '' }, { locale: 'en' }),
    );
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(Object.keys(err.fields ?? {}).sort()).toEqual([
      'complainant.address',
      'complainant.email',
      'complainant.name',
      'description',
    ]);
    expect(err.fields?.['complainant.email']).toBe(
      'Enter a valid e-mail address, such as name@example.com.',
    );
    expect(err.fields?.['complainant.name']).toBe('Please fill in this field.');
  });

  test('a receipt moment more than a minute ahead of our clock', async () => {
    w = await world('awb');
    const at = (iso: string) => submit({ ...complaint, receivedAt: iso }, { actor: staffActor });
    expect((await at('2026-03-02T09:01:00.000Z')).receivedAt).toBe('2026-03-02T09:01:00.000Z');
    const err = await rejectionOf(at('2026-03-02T09:01:00.001Z'));
    expect(err.fields).toEqual({ receivedAt: 'Dit tijdstip ligt in de toekomst.' });
  });

  test('no receipt moment where the admin form asks for one', async () => {
    w = await world('awb');
    const missing = await rejectionOf(
      submit(complaint, { actor: staffActor, requireReceivedAt: true }),
    );
    expect(missing.fields).toEqual({ receivedAt: 'Vul dit veld in.' });
    // An empty field is not a moment: the schema says so first.
    const empty = await rejectionOf(
      submit({ ...complaint, receivedAt: '' }, { actor: staffActor, requireReceivedAt: true }),
    );
    expect(empty.fields).toEqual({
      receivedAt: 'Vul een tijdstip in als 2026-03-01T09:30:00+01:00.',
    });
    const ok = await submit(
      { ...complaint, receivedAt: '2026-03-01T10:00:00+01:00' },
      { actor: staffActor, requireReceivedAt: true },
    );
    expect(ok.receivedAt).toBe('2026-03-01T09:00:00.000Z');
  });

  test('a malformed Idempotency-Key', async () => {
    w = await world('awb');
    const err = await rejectionOf(submit(complaint, { idempotencyKey: 'short' }));
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(err.fields).toEqual({ 'Idempotency-Key': 'Deze waarde is niet geldig.' });
  });

  test('from the public form: the spam checks; staff and keys skip them', async () => {
    w = await world('awb');
    const asPublic = { actor: { kind: 'public' } as Actor };
    const err = await rejectionOf(
      submit({ ...complaint, website: 'spam', formShownAt: 1 }, asPublic),
    );
    expect(err.code).toBe('not_sent');
    const publicBody = { ...complaint, website: '', formShownAt: Date.UTC(2026, 0, 1) };
    expect((await submit(publicBody, asPublic)).number).toBe('2026-0001');
    expect((await submit({ ...complaint, website: 'spam' }, { actor: staffActor })).number).toBe(
      '2026-0002',
    );
  });

  test('the public may not set the channel or the receipt moment', async () => {
    w = await world('awb');
    const answer = await submit(
      { ...complaint, channel: 'letter', receivedAt: '2020-01-01T00:00:00Z', formShownAt: 1 },
      { actor: { kind: 'public' } },
    );
    expect(answer.receivedAt).toBe('2026-03-02T09:00:00.000Z');
    expect((await rowOf(answer.number))?.channel).toBe('web');
    const future = await submit(
      { ...complaint, receivedAt: '2027-01-01T00:00:00Z', formShownAt: 1 },
      { actor: { kind: 'public' } },
    );
    expect(future.receivedAt).toBe('2026-03-02T09:00:00.000Z');
  });

  test('files the procedure does not allow', async () => {
    w = await world('awb');
    const file: IncomingFile = {
      name: 'a.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
      sha256: 'x',
    };
    // awb's public form takes no files at all.
    const asPublic = { actor: { kind: 'public' } as Actor, files: [file] };
    const publicBody = { ...complaint, website: '', formShownAt: Date.UTC(2026, 0, 1) };
    const err = await rejectionOf(submit(publicBody, asPublic));
    expect([err.status, err.fields]).toEqual([
      422,
      { attachments: 'U kunt maximaal 0 bestanden meesturen.' },
    ]);
    // Staff file what came with a letter whatever the form takes, but only of the procedure's types.
    const notPdf: IncomingFile = { ...file, name: 'a.exe', bytes: new Uint8Array([0x4d, 0x5a]) };
    const staffErr = await rejectionOf(submit(complaint, { files: [notPdf] }));
    expect([staffErr.status, Object.keys(staffErr.fields ?? {})]).toEqual([422, ['attachments.0']]);
    expect(await w.db.select().from(complaints)).toHaveLength(0);
  });

  test('staff and keys file documents the public form does not take', async () => {
    w = await world('awb');
    const file: IncomingFile = {
      name: 'brief.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
      sha256: 'x',
    };
    await submit(complaint, { files: [file] });
    const stored = await w.db.query.attachments.findMany();
    expect(stored.map((a) => [a.pdFilename, a.contentType, a.source, a.size])).toEqual([
      ['brief.pdf', 'application/pdf', 'intake', 5],
    ]);
  });
});

describe('a retry with the same Idempotency-Key', () => {
  test('gets the first answer again, tracking link included, without a second complaint', async () => {
    w = await world('awb');
    const first = await submit(complaint, { idempotencyKey: 'form-attempt-1' });
    w.clock.now = new Date('2026-03-02T09:05:00.000Z');
    const again = await submit(complaint, { idempotencyKey: 'form-attempt-1', locale: 'en' });
    expect(again).toEqual({
      ...first,
      deadlines: first.deadlines.map((d) => ({
        ...d,
        label: expect.any(String),
        explanation: expect.any(String),
      })),
    });
    expect(again.deadlines[0]?.label).toBe('Acknowledgement');
    expect(await w.db.select().from(complaints)).toHaveLength(1);
    const row = await rowOf(first.number);
    expect(row?.idempotencyKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.replaySealed).not.toContain(first.trackingUrl.split('/').pop());
  });

  test('is answered from its own complaint, as the complainant saw it', async () => {
    w = await world('wenb');
    const body = {
      complainant: { name: JAN.name, phone: JAN.phone, email: JAN.email },
      description: 'x',
    };
    const first = await submit(body, { idempotencyKey: 'form-attempt-1' });
    w.clock.now = new Date('2026-03-20T09:00:00.000Z');
    await submit({ ...body, description: 'later' }, { idempotencyKey: 'form-attempt-2' });
    const again = await submit(body, { idempotencyKey: 'form-attempt-1' });
    expect(again.due).toEqual(first.due);
    expect(again.deadlines.map((d) => d.term)).toEqual(['acknowledgement', 'resolution']);
  });

  test('and other files is another request; the same files are the same', async () => {
    w = await world('totaalonder1dak');
    const person = { name: 'Jan', initials: 'J.', phone: '0612345678' };
    const body = { complainant: person, description: 'x' };
    const pdf = (sha256: string): IncomingFile => ({
      name: 'brief.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]),
      sha256,
    });
    const first = await submit(body, { idempotencyKey: 'with-files-1', files: [pdf('aaa')] });
    expect(await submit(body, { idempotencyKey: 'with-files-1', files: [pdf('aaa')] })).toEqual(
      first,
    );
    for (const files of [[pdf('bbb')], [pdf('aaa'), pdf('aaa')], []]) {
      const err = await rejectionOf(submit(body, { idempotencyKey: 'with-files-1', files }));
      expect(err.code).toBe('idempotency_key_reused');
    }
    const noFiles = await submit(body, { idempotencyKey: 'no-files-1' });
    const err = await rejectionOf(
      submit(body, { idempotencyKey: 'no-files-1', files: [pdf('aaa')] }),
    );
    expect(err.code).toBe('idempotency_key_reused');
    expect(noFiles.number).toBe('2026-0002');
  });

  test('other keys are other requests', async () => {
    w = await world('awb');
    const a = await submit(complaint, { idempotencyKey: 'first-key-1' });
    const b = await submit(
      { ...complaint, description: 'Iets anders' },
      { idempotencyKey: 'second-key-2' },
    );
    expect([a.number, b.number]).toEqual(['2026-0001', '2026-0002']);
  });

  test('with another body is refused', async () => {
    w = await world('awb');
    await submit(complaint, { idempotencyKey: 'form-attempt-1' });
    const err = await rejectionOf(
      submit({ ...complaint, description: 'Iets anders' }, { idempotencyKey: 'form-attempt-1' }),
    );
    expect([err.status, err.code]).toEqual([422, 'idempotency_key_reused']);
  });

  test('of concurrent twins gives one complaint and the same answer', async () => {
    w = await world('awb');
    const [a, b] = await Promise.all([
      submit(complaint, { idempotencyKey: 'twin-key-123' }),
      submit(complaint, { idempotencyKey: 'twin-key-123' }),
    ]);
    expect(a).toEqual(b);
    expect(await w.db.select().from(complaints)).toHaveLength(1);
  });

  test('passes the spam checks again only when it is a new request', async () => {
    w = await world('awb');
    const asPublic = { actor: { kind: 'public' } as Actor, idempotencyKey: 'public-key-1' };
    const body = { ...complaint, formShownAt: Date.UTC(2026, 0, 1) };
    const first = await submit(body, asPublic);
    // Retried after the form's clock would fail the fill-time check: still the first answer.
    expect(await submit(body, asPublic)).toEqual(first);
  });
});
