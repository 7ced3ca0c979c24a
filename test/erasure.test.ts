import { afterEach, beforeEach, expect, test } from 'vitest';
import { outgoingReference } from '../server/inbound/reply-reference';
import { runJobs } from '../server/jobs/run-jobs';
import { relayOutbox } from '../server/mail/relay';
import { resendMailer } from '../server/mail/resend-mailer';
import { databaseBytes, SECRET_KEY, type TestApp, testApp } from './helpers';
import { mailMessage } from './mail-messages';
import { startResendCapture } from './resend-capture';

/*
 * "Personal data leaves the database when retention ends or erasure is requested" (PRODUCT.md,
 * non-negotiables). Personal data lives only in `pd_` columns (README), so these tests fill EVERY
 * `pd_` column of every table with a value found nowhere else — through the API, the way a
 * complainant and staff would — check that each value is in the database file, erase, and then
 * search the file's bytes for every one of them (secure_delete is on, so freed pages are zeroed).
 * A `pd_` column the tests do not fill fails them: add it here when you add it to the schema.
 */

let t: TestApp;
let now: Date;
let key: string;

beforeEach(async () => {
  now = new Date('2026-03-02T09:00:00Z');
  t = await testApp({ now: () => now });
  key = await t.tenant('wenb');
  // The wenb procedure, asking for every personal field, with attachments and a postponable
  // resolution term, so that every column can be filled.
  const procedure = await (
    await t.json('GET', '/v1/tenants/wenb/procedure', undefined, auth())
  ).json();
  procedure.form.complainant = {
    name: 'required',
    initials: 'optional',
    address: 'optional',
    phone: 'optional',
    email: 'required',
  };
  procedure.form.onBehalfOf = {
    offered: true,
    fields: {
      name: 'optional',
      initials: 'optional',
      address: 'optional',
      phone: 'optional',
      email: 'optional',
    },
  };
  procedure.form.attachments.mode = 'optional';
  procedure.terms.resolution.postponable = { maxWeeks: 4 };
  // Replies by e-mail join the complaint (or are set aside with it).
  procedure.inbound = { address: 'klachten@wenb.nl' };
  const put = await t.json('PUT', '/v1/tenants/wenb/procedure', procedure, auth());
  expect(put.status, await put.clone().text()).toBe(200);
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

// One distinctive value per personal field: none of them occurs anywhere else.
const PD = {
  receiverName: 'Rozemarijn Telefoonhoorn',
  subject: 'Pieter Onderwerpsma',
  complainant: {
    name: 'Zwaantje Quispelhoven',
    initials: 'Z.Q.X.',
    address: 'Kwartelpad 77, Xantenmeer',
    phone: '06 31415926',
    email: 'zwaantje.quispelhoven@example.nl',
  },
  onBehalfOf: {
    name: 'Bartholomeus Vlinderhoeve',
    initials: 'B.V.Y.',
    address: 'Reigerlaan 12, Ypenburg-Noord',
    phone: '058 2718281',
    email: 'bartholomeus.vlinderhoeve@example.nl',
  },
  description: 'Buurman Gerrit Zeldzaamheid hoorde alles mee.',
  desiredSolution: 'Excuses van Gerrit Wensoplossing.',
  handler: 'Fokje Doorsturing',
  handlerEmail: 'fokje.doorsturing@example.nl',
  message: 'Reactiebericht over de Xylofoonstraat.',
  postponeReason: 'Uitstelreden Wachtkamerdijk.',
  cause: 'Oorzaak Vergeetachtige Bakkerij.',
  proposedSolution: 'Voorstel Taartbezorging Hazelaar.',
  grounds: 'Beroepsgronden Ontevreden Kanarie.',
  decision: 'Beroepsbeslissing Halfgegronde Merel.',
  summary: 'Samenvatting Afgesloten Lijster.',
  preventiveMeasures: 'Maatregel Nooitmeer Spreeuw.',
  satisfactionComment: 'Toelichting Kwikstaart Tevredenheid.',
  reopenReason: 'Heropend Teruggebelde Mus.',
  filename: 'brief-van-zwaantje-quispelhoven.pdf',
  replySubject: 'Antwoord Zilverreiger Postvak',
  replyText: 'Reactietekst Blauwborst Per Mail',
  setAsideSubject: 'Apartgezet Onderwerp Grutto',
  setAsideText: 'Apartgezette tekst Tureluur',
  // Over a page in size, so it spills into overflow pages; markers at both ends.
  fileStart: 'Bijlage-begin Geheimzinnige Ooievaar',
  fileEnd: 'Bijlage-einde Roerdomp Langs Het Riet',
  note: 'Interne notitie Zilverreiger Achterkamer.',
  noteFilename: 'notitie-bij-zwaantje-quispelhoven.png',
};

/** What `complaints` must hold in each of its `pd_` columns. */
const COMPLAINT_COLUMNS: Record<string, string> = {
  pd_receiver_name: PD.receiverName,
  pd_subject: PD.subject,
  pd_complainant_name: PD.complainant.name,
  pd_complainant_initials: PD.complainant.initials,
  pd_complainant_address: PD.complainant.address,
  pd_complainant_phone: PD.complainant.phone,
  pd_complainant_email: PD.complainant.email,
  pd_on_behalf_of_name: PD.onBehalfOf.name,
  pd_on_behalf_of_initials: PD.onBehalfOf.initials,
  pd_on_behalf_of_address: PD.onBehalfOf.address,
  pd_on_behalf_of_phone: PD.onBehalfOf.phone,
  pd_on_behalf_of_email: PD.onBehalfOf.email,
  pd_description: PD.description,
  pd_desired_solution: PD.desiredSolution,
  pd_cause: PD.cause,
  pd_proposed_solution: PD.proposedSolution,
  pd_summary: PD.summary,
  pd_preventive_measures: PD.preventiveMeasures,
};

/** Every value above, as text to search for. */
const NEEDLES = [
  PD.receiverName,
  PD.subject,
  ...Object.values(PD.complainant),
  ...Object.values(PD.onBehalfOf),
  PD.description,
  PD.desiredSolution,
  PD.handler,
  PD.handlerEmail,
  PD.message,
  PD.postponeReason,
  PD.cause,
  PD.proposedSolution,
  PD.grounds,
  PD.decision,
  PD.summary,
  PD.preventiveMeasures,
  PD.satisfactionComment,
  PD.reopenReason,
  PD.filename,
  PD.fileStart,
  PD.fileEnd,
  PD.replySubject,
  PD.replyText,
  PD.setAsideSubject,
  PD.setAsideText,
  PD.note,
  PD.noteFilename,
];

function attachment() {
  const pdf = `%PDF-1.4\n${PD.fileStart}\n${'0123456789abcdef'.repeat(900)}\n${PD.fileEnd}\n%%EOF\n`;
  return new File([pdf], PD.filename, { type: 'application/pdf' });
}

async function step(number: string, action: string, body: unknown = {}) {
  const res = await t.json(
    'POST',
    `/v1/tenants/wenb/complaints/${number}/actions/${action}`,
    body,
    auth(),
  );
  expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
}

/**
 * Registers a complaint with every personal field and takes it through every step that records
 * personal text, ending closed. Returns its number and the tracking tokens that were minted.
 */
async function complaintWithEverything() {
  const form = new FormData();
  form.append(
    'complaint',
    JSON.stringify({
      complainant: PD.complainant,
      onBehalfOf: PD.onBehalfOf,
      category: 'kwaliteit',
      description: PD.description,
      desiredSolution: PD.desiredSolution,
      channel: 'phone',
      receivedAt: '2026-02-27T16:45:00+01:00',
      receiverName: PD.receiverName,
    }),
  );
  form.append('attachments', attachment());
  const res = await t.app.request('/v1/tenants/wenb/complaints', {
    method: 'POST',
    body: form,
    headers: auth(),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { number, trackingUrl } = await res.json();
  const token = (trackingUrl as string).split('/').pop() as string;
  const link = (path: string, body: unknown) => t.json('POST', `/v1/track/${token}/${path}`, body);

  await step(number, 'update', { subject: PD.subject });
  // An internal note with a document: the case file's own personal data.
  const note = new FormData();
  note.append('step', JSON.stringify({ note: PD.note }));
  note.append(
    'attachments',
    new File(
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7])],
      PD.noteFilename,
    ),
  );
  const noted = await t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/add-note`, {
    method: 'POST',
    body: note,
    headers: auth(),
  });
  expect(noted.status, await noted.clone().text()).toBe(200);
  await step(number, 'forward', { handler: PD.handler, handlerEmail: PD.handlerEmail });
  await step(number, 'respond', { message: PD.message });
  await step(number, 'postpone', { weeks: 1, reason: PD.postponeReason });
  await step(number, 'propose-solution', {
    proposedSolution: PD.proposedSolution,
    cause: PD.cause,
  });
  expect((await link('appeal', { grounds: PD.grounds })).status).toBe(201);
  await step(number, 'decide-appeal', { decision: PD.decision });
  // What was sent so far is kept as it went out (pd_subject, pd_body of the outbox).
  const capture = await startResendCapture();
  try {
    await relayOutbox(t.db, now, {
      secretKey: SECRET_KEY,
      mailer: resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl }),
      from: 'k@example.org',
      sleep: async () => {},
    });
  } finally {
    await capture.close();
  }
  await step(number, 'close', { summary: PD.summary, preventiveMeasures: PD.preventiveMeasures });
  expect(
    (await link('satisfaction', { satisfied: false, comment: PD.satisfactionComment })).status,
  ).toBe(200);
  await step(number, 'reopen', { reason: PD.reopenReason });
  await step(number, 'close', {});
  // Two replies by e-mail with our reference: one joins, one (a refused file) is set aside.
  const tenant = await t.db.$client.execute("SELECT id FROM tenants WHERE slug = 'wenb'");
  const { references } = outgoingReference(
    t.deps.config.secretKey,
    String(tenant.rows[0]?.id),
    number,
    'wenb.nl',
  );
  const reply = (subject: string, text: string, file?: Uint8Array) =>
    t.app.request('/v1/tenants/wenb/inbound-mail', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'message/rfc822' },
      body: mailMessage({
        from: PD.complainant.email,
        to: 'klachten@wenb.nl',
        subject,
        text,
        references,
        attachments: file ? [{ filename: 'x.doc', type: 'application/msword', bytes: file }] : [],
      }),
    });
  expect((await reply(PD.replySubject, PD.replyText)).status).toBe(200);
  const kept = await reply(PD.setAsideSubject, PD.setAsideText, new Uint8Array([0xd0, 0xcf]));
  expect(kept.status).toBe(202);
  return { number: number as string, token };
}

/** A second complaint that must come through untouched. */
async function bystander() {
  const res = await t.json(
    'POST',
    '/v1/tenants/wenb/complaints',
    {
      complainant: { name: 'Jan Jansen', email: 'jan.jansen@example.nl' },
      description: 'Een andere klacht.',
    },
    auth(),
  );
  return (await res.json()).number as string;
}

const idOf = async (number: string) =>
  String(
    (
      await t.db.$client.execute({
        sql: 'SELECT id FROM complaints WHERE number = ?',
        args: [number],
      })
    ).rows[0]?.id,
  );

/** Every table and its `pd_` columns, read from the database itself. */
async function personalColumns() {
  const tables = await t.db.$client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const found: Record<string, string[]> = {};
  for (const row of tables.rows) {
    const table = String(row.name);
    const columns = await t.db.$client.execute(`PRAGMA table_info(${table})`);
    const pd = columns.rows.map((c) => String(c.name)).filter((c) => c.startsWith('pd_'));
    if (pd.length > 0) found[table] = pd;
  }
  return found;
}

/** Asserts that every `pd_` column holds the complaint's data; returns the outbox's tokens. */
async function expectEveryColumnFilled(number: string) {
  const id = await idOf(number);
  const columns = await personalColumns();
  expect(Object.keys(columns).sort()).toEqual([
    'attachments',
    'complaints',
    'events',
    'inbound_quarantine',
    'outbox',
  ]);

  const complaint = (
    await t.db.$client.execute({ sql: 'SELECT * FROM complaints WHERE id = ?', args: [id] })
  ).rows[0] as Record<string, unknown>;
  expect(Object.keys(COMPLAINT_COLUMNS).sort()).toEqual([...(columns.complaints ?? [])].sort());
  for (const [column, value] of Object.entries(COMPLAINT_COLUMNS)) {
    expect(complaint[column], column).toBe(value);
  }

  const rowsOf = async (table: string) =>
    (
      await t.db.$client.execute({
        sql: `SELECT * FROM ${table} WHERE complaint_id = ?`,
        args: [id],
      })
    ).rows as Record<string, unknown>[];
  const text = (rows: Record<string, unknown>[], column: string) =>
    rows.map((r) => (r[column] === null ? '' : String(r[column]))).join('\n');
  for (const table of ['events', 'outbox', 'attachments', 'inbound_quarantine']) {
    const rows = await rowsOf(table);
    for (const column of columns[table] ?? []) {
      expect(
        rows.some((r) => r[column] !== null),
        `${table}.${column}`,
      ).toBe(true);
    }
  }
  const events = text(await rowsOf('events'), 'pd_data');
  for (const value of [
    PD.receiverName,
    PD.handler,
    PD.message,
    PD.postponeReason,
    PD.proposedSolution,
    PD.cause,
    PD.grounds,
    PD.decision,
    PD.satisfactionComment,
    PD.reopenReason,
    PD.replySubject,
    PD.replyText,
    PD.note,
  ]) {
    expect(events, `events.pd_data holds ${value}`).toContain(value);
  }
  const setAside = await rowsOf('inbound_quarantine');
  expect(text(setAside, 'pd_subject')).toBe(PD.setAsideSubject);
  expect(text(setAside, 'pd_from')).toBe(PD.complainant.email);
  expect(Buffer.from(setAside[0]?.pd_raw as ArrayBuffer).includes(PD.setAsideText)).toBe(true);
  expect(text(await rowsOf('outbox'), 'pd_body')).toContain(PD.description.slice(0, 30));
  const outbox = await rowsOf('outbox');
  expect(text(outbox, 'pd_recipient')).toContain(PD.complainant.email);
  expect(text(outbox, 'pd_recipient')).toContain(PD.handlerEmail);
  // The messages not sent yet carry tracking links, sealed (no usable token in the file): the
  // sealed links are personal data too.
  expect(text(outbox, 'pd_payload')).not.toContain('/track/');
  const tokens = [...text(outbox, 'pd_payload').matchAll(/"trackingSealed":"([\w-]+)"/g)].map(
    (m) => m[1] as string,
  );
  expect(tokens.length).toBeGreaterThan(0);
  const files = await rowsOf('attachments');
  expect(text(files, 'pd_filename')).toBe(`${PD.filename}\n${PD.noteFilename}`);
  const content = Buffer.from(files[0]?.pd_content as ArrayBuffer);
  expect(content.includes(Buffer.from(PD.fileStart))).toBe(true);
  expect(content.includes(Buffer.from(PD.fileEnd))).toBe(true);
  return tokens;
}

function expectInFile(needles: string[], present: boolean) {
  const bytes = databaseBytes(t);
  for (const needle of needles) {
    expect(bytes.includes(Buffer.from(needle)), `${needle} in the file`).toBe(present);
  }
}

async function expectBystanderIntact(number: string) {
  const res = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  expect(await res.json()).toMatchObject({
    complainant: { name: 'Jan Jansen', email: 'jan.jansen@example.nl' },
    description: 'Een andere klacht.',
  });
}

async function expectTombstone(number: string) {
  const res = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  expect(res.status).toBe(404);
  const tomb = await t.db.$client.execute({
    sql: 'SELECT status, category, erased_at, handler, handler_email FROM complaints WHERE number = ?',
    args: [number],
  });
  expect(tomb.rows[0]).toMatchObject({
    status: 'closed',
    category: 'kwaliteit',
    handler: null,
    handler_email: null,
  });
  expect(tomb.rows[0]?.erased_at).toBeTruthy();
  // The reports still count it, in the month it was registered.
  const report = await (
    await t.json('GET', '/v1/tenants/wenb/reports/monthly?year=2026', undefined, auth())
  ).json();
  expect(report.months[2]).toMatchObject({ month: '2026-03', received: 2, closed: 1 });
}

test('erasure on request removes every personal value from the database file', async () => {
  const { number, token } = await complaintWithEverything();
  const other = await bystander();
  const tokens = await expectEveryColumnFilled(number);
  const needles = [...NEEDLES, ...tokens];
  expectInFile(needles, true);

  // The complainant asks through the tracking link; staff carry it out.
  expect((await t.json('POST', `/v1/track/${token}/erasure`, {})).status).toBe(202);
  const erase = await t.json('DELETE', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  expect(erase.status).toBe(204);

  expectInFile(needles, false);
  await expectTombstone(number);
  await expectBystanderIntact(other);
  expect((await t.app.request(`/v1/track/${token}`)).status).toBe(404);
});

test('the retention purge removes every personal value from the database file', async () => {
  const { number } = await complaintWithEverything();
  const other = await bystander();
  const tokens = await expectEveryColumnFilled(number);
  const needles = [...NEEDLES, ...tokens];
  expectInFile(needles, true);

  // Closed on 2 March 2026; wenb keeps records two years.
  const jobs = (date: string) => runJobs(t.deps, new Date(date));
  expect((await jobs('2028-03-02T08:00:00Z')).purged).toBe(0);
  expectInFile(needles, true);
  expect((await jobs('2028-03-04T08:00:00Z')).purged).toBe(1);

  expectInFile(needles, false);
  await expectTombstone(number);
  await expectBystanderIntact(other);
});
