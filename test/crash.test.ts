import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { startServer } from './server';

/*
 * A 201 means the complaint is stored: the server is killed (kill -9, no shutdown) in the middle
 * of a burst of submissions, started again on the same database file, and every complaint that
 * was answered 201 is there, numbered without gaps.
 */
test('every complaint that got a 201 survives kill -9, with gap-free numbers', {
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-crash-'));
  const DATABASE_URL = `file:${join(dir, 'klacht.db')}`;
  try {
    const server = await startServer({ DATABASE_URL, JOBS_INTERVAL_SECONDS: '0' });
    const key = server.keys.wenb as string;
    const acknowledged: string[] = [];
    let failed = 0;
    const submit = async (i: number) => {
      try {
        const res = await fetch(`${server.url}/v1/tenants/wenb/complaints`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
          body: JSON.stringify({
            ...WIDGET_FIELDS,
            complainant: { name: `Crash ${i}`, phone: '0612345678', email: 'c@example.nl' },
            description: `Klacht ${i} in de burst`,
          }),
        });
        if (res.status === 201) acknowledged.push((await res.json()).number);
        else failed++;
      } catch {
        failed++; // the connection died with the server: not acknowledged
      }
    };
    // Twenty clients send as fast as they can; the server dies once 100 were answered.
    let sent = 0;
    const clients = Array.from({ length: 20 }, async () => {
      while (sent < 2_000) await submit(sent++);
    });
    while (acknowledged.length < 100) await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    await Promise.all(clients);
    expect(failed).toBeGreaterThan(0); // it really died mid-burst

    const again = await startServer({ DATABASE_URL, JOBS_INTERVAL_SECONDS: '0' });
    const client = createClient({ url: DATABASE_URL });
    try {
      const rows = await client.execute(
        "SELECT c.number, c.seq FROM complaints c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'wenb' ORDER BY c.seq",
      );
      const stored = rows.rows.map((r) => String(r.number));
      for (const number of acknowledged) expect(stored).toContain(number);
      const seqs = rows.rows.map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      // The restarted server answers for them as usual.
      const last = acknowledged.at(-1) as string;
      const res = await fetch(`${again.url}/v1/tenants/wenb/complaints/${last}`, {
        headers: { Authorization: `Bearer ${again.keys.wenb}` },
      });
      expect(res.status).toBe(200);
    } finally {
      client.close();
      await again.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
