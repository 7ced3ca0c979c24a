import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  idempotencyKey: string | undefined;
  from: string;
  to: string | string[];
  subject: string;
  text: string;
  html: string;
  reply_to?: string | string[];
  headers?: Record<string, string>;
}

type Fault = '400' | '403' | '422' | '429' | '500' | 'timeout' | 'drop';

/**
 * A local stand-in for Resend's API that the real Resend SDK talks to (its base URL is
 * configurable). Like Resend, it treats a repeated Idempotency-Key as the same message, so
 * `delivered` holds each message once however often it was sent. Faults can be queued; a 429
 * carries `retry-after: options.retryAfter` (seconds; null sends no such header).
 */
export async function startResendCapture(options: { retryAfter?: string | null } = {}) {
  const retryAfter = options.retryAfter === undefined ? '1' : options.retryAfter;
  const delivered = new Map<string, CapturedMail>();
  const requests: { key: string | undefined; fault?: Fault }[] = [];
  const faults: Fault[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const fault = faults.shift();
      requests.push({ key, fault });
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'timeout') return; // never answers; the client gives up
      if (fault === '429') {
        res.writeHead(429, {
          'Content-Type': 'application/json',
          ...(retryAfter === null ? {} : { 'retry-after': retryAfter }),
        });
        res.end(
          JSON.stringify({
            name: 'rate_limit_exceeded',
            message: 'Too many requests',
            statusCode: 429,
          }),
        );
        return;
      }
      if (fault === '400' || fault === '403' || fault === '422') {
        res.writeHead(Number(fault), { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            name: 'refused',
            message: `refused with ${fault}`,
            statusCode: Number(fault),
          }),
        );
        return;
      }
      if (fault === '500') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ name: 'internal_server_error', message: 'boom', statusCode: 500 }),
        );
        return;
      }
      const mail = JSON.parse(raw) as CapturedMail;
      const id = key ?? `mail-${++counter}`;
      if (!delivered.has(id)) delivered.set(id, { ...mail, idempotencyKey: key });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    delivered,
    requests,
    fail(...next: Fault[]) {
      faults.push(...next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
