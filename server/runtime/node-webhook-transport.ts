import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTransport } from '../webhooks/transport';
import { isNonPublicAddress } from '../webhooks/url-check';

/** Resolves a name the way `dns.lookup` does (tests pass their own). */
export type Resolver = (
  hostname: string,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true }, callback);

/**
 * The Node entry's webhook transport: node:http(s) with a lookup that refuses, at connect time,
 * a name that resolves to any loopback, private, link-local or otherwise non-public address, so
 * no DNS answer, however it changes between the check and the connection (rebinding), reaches
 * an internal service. Redirects are not followed; the answer's body is not read.
 */
export function nodeWebhookTransport(resolve: Resolver = systemResolver): WebhookTransport {
  return (request) =>
    new Promise((done) => {
      const lookup: LookupFunction = (hostname, options, callback) => {
        resolve(hostname, (err, addresses) => {
          if (err) return callback(err, '', 4);
          const refused =
            !request.allowLocal && addresses.some((a) => isNonPublicAddress(a.address) !== false);
          const first = addresses[0];
          if (refused || !first) {
            const error = Object.assign(new Error(`${hostname} is not a public address`), {
              code: 'ENONPUBLIC',
            });
            return callback(error, '', 4);
          }
          if (options.all) return callback(null, addresses as never, 4);
          return callback(null, first.address, first.family);
        });
      };
      const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(request.url, {
        method: 'POST',
        headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) },
        lookup,
      });
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
        request.timeoutMs,
      );
      req.on('response', (res) => {
        clearTimeout(timer);
        done({ status: res.statusCode ?? 0 });
        res.destroy();
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (err.code === 'ENONPUBLIC') done({ error: `refused: ${err.message}`, refused: true });
        else if (err.code === 'ETIMEOUT')
          done({ error: `no answer within ${request.timeoutMs} ms` });
        else done({ error: err.code ?? err.message });
      });
      req.end(request.body);
    });
}
