import type { Client } from '@libsql/client';

/**
 * Seeds `count` complaints of one year into a tenant, by SQL (the API would take hours): 95%
 * closed on time, 5% open with a due date spread over the year; one deadline and one event each,
 * like a real register's tombstone-free rows, and the report counters rebuilt from them.
 */
export async function seedComplaints(
  client: Client,
  tenantId: string,
  year: number,
  count: number,
): Promise<void> {
  const start = `${year}-01-01`;
  await client.execute('PRAGMA synchronous = OFF');
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count),
      d AS (SELECT i, date(:start, '+' || (i % 365) || ' days') AS day FROM n)
    INSERT INTO complaints (id, tenant_id, year, seq, number, status, channel, received_at,
      received_date, registered_at, registered_date, next_due_date, missed, version, category,
      closed_at, pd_complainant_name, pd_complainant_email, pd_description)
    SELECT 'bench-' || i, :tenant, :year, i, printf('%d-%04d', :year, i),
      CASE WHEN i % 20 = 0 THEN 'received' ELSE 'closed' END, 'web',
      day || 'T09:00:00.000Z', day, day || 'T09:00:00.000Z', day,
      CASE WHEN i % 20 = 0 THEN date(day, '+14 days') END, 0, 1,
      CASE i % 4 WHEN 0 THEN 'aard' WHEN 1 THEN 'kwaliteit' WHEN 2 THEN 'tijdigheid' ELSE 'wijze' END,
      CASE WHEN i % 20 = 0 THEN NULL ELSE date(day, '+10 days') || 'T10:00:00.000Z' END,
      'Klant ' || i, 'klant' || i || '@example.nl', 'Klacht nummer ' || i
    FROM d`,
    args: { count, start, tenant: tenantId, year },
  });
  await client.execute({
    sql: `INSERT INTO deadlines (complaint_id, tenant_id, term, due_date, detail, met_at, met_date,
        postponed)
      SELECT id, tenant_id, 'resolution', date(registered_date, '+14 days'), '{}', closed_at,
        substr(closed_at, 1, 10), 0
      FROM complaints WHERE tenant_id = :tenant AND year = :year`,
    args: { tenant: tenantId, year },
  });
  await client.execute({
    sql: `INSERT INTO events (id, complaint_id, tenant_id, seq, type, at, public, actor, data)
      SELECT 'bench-event-' || seq, id, tenant_id, 1, 'received', registered_at, 1, 'complainant',
        '{"channel":"web"}'
      FROM complaints WHERE tenant_id = :tenant AND year = :year`,
    args: { tenant: tenantId, year },
  });
  await client.execute({
    sql: `INSERT INTO report_counts (tenant_id, month, key, n)
      SELECT tenant_id, substr(registered_date, 1, 7), 'received', COUNT(*) FROM complaints
        WHERE tenant_id = :tenant AND year = :year GROUP BY 1, 2
      UNION ALL SELECT tenant_id, substr(registered_date, 1, 7), 'closed', COUNT(*) FROM complaints
        WHERE tenant_id = :tenant AND year = :year AND status = 'closed' GROUP BY 1, 2
      UNION ALL SELECT tenant_id, substr(registered_date, 1, 7), 'category:' || category, COUNT(*)
        FROM complaints WHERE tenant_id = :tenant AND year = :year GROUP BY 1, 2, 3
      UNION ALL SELECT tenant_id, substr(registered_date, 1, 7), 'classification:', COUNT(*)
        FROM complaints WHERE tenant_id = :tenant AND year = :year GROUP BY 1, 2
      UNION ALL SELECT tenant_id, substr(registered_date, 1, 7), 'admissible:unknown', COUNT(*)
        FROM complaints WHERE tenant_id = :tenant AND year = :year GROUP BY 1, 2`,
    args: { tenant: tenantId, year },
  });
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
}
