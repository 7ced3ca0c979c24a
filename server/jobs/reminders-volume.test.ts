import { afterEach, expect, test } from 'vitest';
import { makeCalendar } from '../../shared/deadlines';
import { world } from '../../test/unit-fixtures';
import { OUTBOX_ROWS_PER_INSERT, queueReminders } from './reminders';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

// More escalations in one run than one INSERT could bind (SQLite: 32,766 values, 7 per row).
const MANY = 5_000;

test(`${MANY.toLocaleString('en')} escalations in one run are queued in slices, each once`, {
  timeout: 60_000,
}, async () => {
  w = await world('awb');
  const tenantId = w.tenant.id;
  await w.db.$client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO complaints (id, tenant_id, year, seq, number, status, channel, received_at,
        received_date, registered_at, registered_date, next_due_date, handler_email)
      SELECT 'bulk-' || i, ?, 2026, 1000 + i, '2026-' || (1000 + i), 'received', 'web',
        '2026-01-05T09:00:00.000Z', '2026-01-05', '2026-01-05T09:00:00.000Z', '2026-01-05',
        '2026-02-16', 'piet@example.nl' FROM n`,
    args: [MANY, tenantId],
  });
  await w.db.$client.execute({
    sql: `INSERT INTO deadlines (complaint_id, tenant_id, term, due_date, detail, postponed)
      SELECT id, tenant_id, 'decision', '2026-02-16', '{}', 0 FROM complaints WHERE id LIKE 'bulk-%'`,
    args: [],
  });
  const procedures = new Map([
    [
      tenantId,
      { procedure: w.tenant.procedure, calendar: makeCalendar(w.tenant.procedure.calendar) },
    ],
  ]);
  expect(MANY * 7).toBeGreaterThan(32_766);
  expect(OUTBOX_ROWS_PER_INSERT * 7).toBeLessThan(32_766);
  const first = await queueReminders(
    w.db,
    new Date('2026-03-02T08:00:00Z'),
    procedures,
    MANY,
    false,
  );
  expect(first.escalations).toBe(MANY);
  const again = await queueReminders(
    w.db,
    new Date('2026-03-02T08:00:00Z'),
    procedures,
    MANY,
    false,
  );
  expect(again.escalations).toBe(0);
  const count = await w.db.$client.execute(
    "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'overdue'",
  );
  expect(Number(count.rows[0]?.n)).toBe(MANY);
});
