import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { complaints } from '../db/schema';
import { anonymisedCsv, CSV_PAGE } from './csv-export';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const set = (number: string, values: Partial<typeof complaints.$inferInsert>) =>
  w.db.update(complaints).set(values).where(eq(complaints.number, number));

/**
 * The export as the client receives it: the stream read to its end, decoded keeping the byte
 * order mark (Response.text() would drop it, hiding whether it is sent).
 */
const csv = async (includeText = false, year = 2026) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(
    await new Response(
      anonymisedCsv(w.db, w.tenant.id, w.tenant.procedure, year, includeText),
    ).arrayBuffer(),
  );
const lines = (text: string) => text.slice(1).split('\r\n');

describe('the anonymised export', () => {
  test('has a header with a due and met column per term, and one line per complaint', async () => {
    w = await world('awb', (p) => {
      p.remedies = [{ id: 'excuses', label: { nl: 'Excuses', en: 'Apology' } }];
    });
    const a = await w.submit({ category: 'overig' });
    await w.submit();
    w.clock.now = new Date('2026-03-04T10:00:00.000Z');
    await w.step(a, 'acknowledge');
    w.clock.now = new Date('2026-03-20T10:00:00.000Z');
    await w.step(a, 'close', {
      classification: 'gegrond',
      admissible: true,
      remedy: 'excuses',
      summary: 'Excuses aangeboden',
    });
    await w.step(a, 'record-satisfaction', { satisfied: false });
    const text = await csv();
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(lines(text)).toEqual([
      'number,registered,received,channel,category,status,classification,admissible,remedy,closed,declined,satisfied,erased,acknowledgement_due,acknowledgement_met,decision_due,decision_met,declineNotice_due,declineNotice_met',
      '2026-0001,2026-03-02,2026-03-02,web,overig,closed,gegrond,yes,excuses,2026-03-20,no,no,no,2026-03-09,2026-03-04,2026-04-13,2026-03-20,,',
      '2026-0002,2026-03-02,2026-03-02,web,,received,,,,,no,,no,2026-03-09,,2026-04-13,,,',
      '',
    ]);
  });

  test('holds no contact details or free text, unless staff ask for the handling texts', async () => {
    w = await world('awb');
    const a = await w.submit();
    await set(a, {
      pdCause: 'Oorzaak',
      pdSummary: 'Samen, vatting',
      pdPreventiveMeasures: 'Maatregel "x"',
    });
    const plain = await csv();
    expect(plain).not.toMatch(/Jan|Jansen|monteur|Oorzaak/);
    const withText = lines(await csv(true));
    expect(withText[0]).toMatch(/,cause,summary,preventiveMeasures$/);
    expect(withText[1]).toMatch(/,Oorzaak,"Samen, vatting","Maatregel ""x"""$/);
    expect(withText[1]).not.toContain('Jan');
  });

  test('keeps erased complaints, marked as such', async () => {
    w = await world('awb');
    const a = await w.submit();
    await set(a, { erasedAt: '2026-03-05T00:00:00Z', admissible: false, satisfied: true });
    expect(lines(await csv())[1]).toMatch(/^2026-0001,.*,no,,,no,yes,yes,2026-03-09/);
  });

  test('counts complaints by their year of registration, in number order', async () => {
    w = await world('awb');
    const registerAt = (at: string, extra: Record<string, unknown> = {}) => {
      w.clock.now = new Date(at);
      return w.submit(extra);
    };
    await registerAt('2025-12-31T12:00:00.000Z');
    // Received by letter in 2025, registered in 2026: it belongs to 2026.
    await registerAt('2026-01-02T10:00:00.000Z', {
      channel: 'letter',
      receivedAt: '2025-12-30T10:00:00.000Z',
    });
    await registerAt('2026-03-02T10:00:00.000Z');
    // 23:30 UTC on 31 December is 1 January in Amsterdam.
    await registerAt('2026-12-31T23:30:00.000Z');
    const rows = async (year: number) =>
      lines(await csv(false, year))
        .slice(1, -1)
        .map((l) => l.split(',').slice(0, 4).join(','));
    expect(await rows(2025)).toEqual(['2025-0001,2025-12-31,2025-12-31,web']);
    expect(await rows(2026)).toEqual([
      '2026-0001,2026-01-02,2025-12-30,letter',
      '2026-0002,2026-03-02,2026-03-02,web',
    ]);
    expect(await rows(2027)).toEqual(['2027-0001,2027-01-01,2027-01-01,web']);
    expect(lines(await csv(false, 2028))).toHaveLength(2);
  });

  test('cells that a spreadsheet would run as a formula are defused, and quoting is exact', async () => {
    w = await world('awb');
    const cells: Record<string, string> = {
      '=1+1': "'=1+1",
      '+31': "'+31",
      '-5': "'-5",
      '@SUM(A1)': "'@SUM(A1)",
      '\tx': "'\tx",
      'a;b': '"a;b"',
      'line\nbreak': '"line\nbreak"',
      'cr\rx': '"cr\rx"',
      plain: 'plain',
    };
    for (const value of Object.keys(cells)) {
      const n = await w.submit();
      await set(n, { pdSummary: value });
    }
    const text = await csv(true);
    for (const [value, cell] of Object.entries(cells)) {
      expect(text, JSON.stringify(value)).toContain(`,${cell},`);
    }
    const n = await w.submit();
    await set(n, { pdSummary: "\r=HYPERLINK('x')" });
    expect(await csv(true)).toContain(`,"'\r=HYPERLINK('x')",`);
  });

  test(`a year of more than ${CSV_PAGE.toLocaleString('en')} complaints comes out whole, each once, in order`, async () => {
    w = await world('awb');
    const many = CSV_PAGE + 1;
    // Registered by an import, without deadlines of their own.
    await w.db.$client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        INSERT INTO complaints (id, tenant_id, year, seq, number, status, channel, received_at,
          received_date, registered_at, registered_date)
        SELECT 'bulk-' || i, ?, 2026, i, '2026-' || printf('%04d', i), 'received', 'web',
          '2026-01-05T09:00:00.000Z', '2026-01-05', '2026-01-05T09:00:00.000Z', '2026-01-05'
        FROM n`,
      args: [many, w.tenant.id],
    });
    const rows = lines(await csv()).slice(1, -1);
    expect(rows).toHaveLength(many);
    expect(rows.map((l) => l.split(',')[0])).toEqual(
      Array.from({ length: many }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
    );
    expect(rows[many - 1]).toBe('2026-1001,2026-01-05,2026-01-05,web,,received,,,,,no,,no,,,,,,');
  });
});
