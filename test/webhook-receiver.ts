import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Answer = 200 | 204 | 301 | 400 | 500 | 503 | 'hang' | 'drop' | 'slow';

/**
 * A local HTTP server that receives webhooks as a tenant's system would: it records every
 * request and answers with the next queued answer (200 when none is queued). `hang` never
 * answers (the sender times out); `drop` closes the connection; `slow` is a 200 after `slowMs`.
 * `peakInFlight` is the most requests it held at once.
 */
export async function startWebhookReceiver({ slowMs = 50 } = {}) {
  const received: ReceivedWebhook[] = [];
  const answers: Answer[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return;
      if (answer === 'slow') {
        setTimeout(() => res.end('ok'), slowMs);
        return;
      }
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer, answer === 301 ? { Location: 'http://169.254.169.254/' } : {});
      res.end(answer === 200 ? 'ok' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    get peakInFlight() {
      return peakInFlight;
    },
    answer(...next: Answer[]) {
      answers.push(...next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
