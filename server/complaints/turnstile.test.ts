import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { verifyTurnstile } from './turnstile';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A stand-in for Cloudflare's siteverify that answers `answer` and records each form. */
async function siteverify(answer: (form: URLSearchParams) => string) {
  const seen: URLSearchParams[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      seen.push(form);
      res.end(answer(form));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { verifyUrl: `http://127.0.0.1:${port}`, seen };
}

describe('Turnstile', () => {
  test('passes a token Cloudflare calls a success, sending secret, token and address', async () => {
    const { verifyUrl, seen } = await siteverify(() => JSON.stringify({ success: true }));
    expect(await verifyTurnstile({ secret: 's3', verifyUrl }, 'tok', '192.0.2.1')).toBe(true);
    expect(await verifyTurnstile({ secret: 's3', verifyUrl }, 'tok', undefined)).toBe(true);
    expect(seen.map((f) => Object.fromEntries(f))).toEqual([
      { secret: 's3', response: 'tok', remoteip: '192.0.2.1' },
      { secret: 's3', response: 'tok' },
    ]);
  });

  test('refuses anything short of a plain success', async () => {
    for (const body of ['{"success":false}', '{"success":"true"}', '{}', 'not json']) {
      const { verifyUrl } = await siteverify(() => body);
      expect(await verifyTurnstile({ secret: 's', verifyUrl }, 'tok', 'a')).toBe(false);
      server?.close();
    }
  });

  test('refuses a missing, empty or oversized token without asking', async () => {
    const { verifyUrl, seen } = await siteverify(() => '{"success":true}');
    for (const token of [undefined, '', 42, 'x'.repeat(2049)]) {
      expect(await verifyTurnstile({ secret: 's', verifyUrl }, token, 'a')).toBe(false);
    }
    expect(seen).toEqual([]);
    expect(await verifyTurnstile({ secret: 's', verifyUrl }, 'x'.repeat(2048), 'a')).toBe(true);
  });

  test('refuses when Cloudflare cannot be reached', async () => {
    expect(
      await verifyTurnstile({ secret: 's', verifyUrl: 'http://127.0.0.1:9' }, 'tok', 'a'),
    ).toBe(false);
  });
});
