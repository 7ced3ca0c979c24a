import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startResendCapture } from '../../test/resend-capture';
import { mailbox } from './mailer';
import { resendMailer } from './resend-mailer';

describe('the sender', () => {
  test('is one quoted display name, whatever the name holds', () => {
    expect(mailbox('Gemeente Ons Dorp', 'k@example.org')).toBe(
      '"Gemeente Ons Dorp" <k@example.org>',
    );
    expect(mailbox('A, B <evil@x.org>', 'k@example.org')).toBe(
      '"A, B <evil@x.org>" <k@example.org>',
    );
    expect(mailbox('Say "hi" \\ bye', 'k@example.org')).toBe(
      '"Say \\"hi\\" \\\\ bye" <k@example.org>',
    );
    expect(mailbox(' Line\r\nBcc: x@y.org\t\u0000 ', 'k@example.org')).toBe(
      '"Line Bcc: x@y.org" <k@example.org>',
    );
  });
});

describe('sending through Resend', () => {
  let capture: Awaited<ReturnType<typeof startResendCapture>> | undefined;
  afterEach(async () => {
    await capture?.close();
    capture = undefined;
  });

  const mail = {
    from: '"Gemeente" <k@example.org>',
    to: 'jan@example.nl',
    subject: 'Onderwerp',
    text: 'Tekst',
    html: '<p>Tekst</p>',
  };

  test('delivers the message with its idempotency key and reply-to', async () => {
    capture = await startResendCapture();
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    const result = await mailer.send({ ...mail, replyTo: 'info@example.org' }, 'outbox-1');
    expect(result).toEqual({ ok: true, id: 'outbox-1' });
    expect(capture.delivered.get('outbox-1')).toMatchObject({
      idempotencyKey: 'outbox-1',
      from: mail.from,
      to: 'jan@example.nl',
      subject: 'Onderwerp',
      text: 'Tekst',
      html: '<p>Tekst</p>',
      reply_to: 'info@example.org',
    });
    await mailer.send(mail, 'outbox-2');
    expect(capture.delivered.get('outbox-2')?.reply_to).toBeUndefined();
  });

  test('carries the References header, by which a reply finds its complaint', async () => {
    capture = await startResendCapture();
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    const References = '<klacht.2026-0001.abcdefghijklmnop@example.org>';
    await mailer.send({ ...mail, headers: { References } }, 'outbox-1');
    expect(capture.delivered.get('outbox-1')?.headers).toEqual({ References });
    await mailer.send(mail, 'outbox-2');
    expect(capture.delivered.get('outbox-2')?.headers).toBeUndefined();
  });

  test('no header leaves us with a line break or another control character in it', async () => {
    // Issue #22 item 13: whatever a template or a value makes of a subject, at the boundary.
    capture = await startResendCapture();
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    const result = await mailer.send(
      {
        ...mail,
        subject: 'Klacht van Jan\r\nBcc: iedereen@example.net\u0000',
        headers: { References: '<a@b>\r\nX-Evil: 1', 'Bad\r\nName': 'x' },
      },
      'outbox-1',
    );
    expect(result.ok).toBe(true);
    const sent = capture.delivered.get('outbox-1');
    expect(sent?.subject).toBe('Klacht van Jan Bcc: iedereen@example.net');
    expect(sent?.headers).toEqual({ References: '<a@b> X-Evil: 1' });
    // An address with a line break is no address: never sent, never retried.
    expect(await mailer.send({ ...mail, to: 'jan@example.nl\r\nBcc: x@y.org' }, 'o2')).toEqual({
      ok: false,
      retryable: false,
      error: 'an address holds a control character',
    });
    expect(await mailer.send({ ...mail, replyTo: 'a@b.nl\n' }, 'o3')).toMatchObject({ ok: false });
    expect(capture.delivered.size).toBe(1);
  });

  test('only a malformed message (400, 422) is given up; the rest is retried', async () => {
    capture = await startResendCapture();
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    capture.fail('400', '422', '403', '500');
    expect(await mailer.send(mail, '0')).toEqual({
      ok: false,
      retryable: false,
      error: '400: refused with 400',
    });
    expect(await mailer.send(mail, 'a')).toEqual({
      ok: false,
      retryable: false,
      error: '422: refused with 422',
    });
    expect(await mailer.send(mail, 'b')).toEqual({
      ok: false,
      retryable: true,
      error: '403: refused with 403',
    });
    expect(await mailer.send(mail, 'c')).toEqual({
      ok: false,
      retryable: true,
      error: '500: boom',
    });
  });

  test('a rate limit says how long to wait, when Resend says so', async () => {
    capture = await startResendCapture({ retryAfter: '7' });
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    capture.fail('429');
    expect(await mailer.send(mail, 'a')).toEqual({
      ok: false,
      retryable: true,
      error: '429: Too many requests',
      retryAfterSeconds: 7,
    });
    await capture.close();
    capture = await startResendCapture({ retryAfter: null });
    const without = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    capture.fail('429');
    expect(await without.send(mail, 'b')).toEqual({
      ok: false,
      retryable: true,
      error: '429: Too many requests',
    });
    await capture.close();
    capture = await startResendCapture({ retryAfter: '0' });
    const zero = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
    capture.fail('429');
    expect(await zero.send(mail, 'c')).not.toHaveProperty('retryAfterSeconds');
  });

  test('no answer in time, or a dropped connection, is retried', async () => {
    capture = await startResendCapture();
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl, timeoutMs: 200 });
    capture.fail('timeout', 'drop');
    expect(await mailer.send(mail, 'a')).toEqual({
      ok: false,
      retryable: true,
      error: 'no answer within 200 ms',
    });
    const dropped = await mailer.send(mail, 'b');
    expect(dropped).toMatchObject({ ok: false, retryable: true });
    expect((dropped as { error: string }).error).toMatch(/^network: /);
  });
});

describe('when Resend cannot be reached or explained', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  /** A stand-in for Resend that answers every request with `status` and `body`. */
  async function answering(status: number, body: string) {
    server = createServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return resendMailer({ apiKey: 're_test', baseUrl: `http://127.0.0.1:${port}` });
  }

  const mail = { from: 'k@example.org', to: 'jan@example.nl', subject: 'S', text: 'T', html: 'H' };

  test('a dropped connection says so', async () => {
    const capture = await startResendCapture();
    try {
      capture.fail('drop');
      const mailer = resendMailer({ apiKey: 're_test', baseUrl: capture.baseUrl });
      expect(await mailer.send(mail, 'a')).toEqual({
        ok: false,
        retryable: true,
        error: 'network: Unable to fetch data. The request could not be resolved.',
      });
    } finally {
      await capture.close();
    }
  });

  test('an error without a message is named by its name, or as unknown', async () => {
    const named = await answering(503, '{"name":"service_unavailable","statusCode":503}');
    expect(await named.send(mail, 'a')).toEqual({
      ok: false,
      retryable: true,
      error: '503: service_unavailable',
    });
    server?.close();
    const empty = await answering(502, 'null');
    expect(await empty.send(mail, 'b')).toEqual({
      ok: false,
      retryable: true,
      error: 'network: unknown error',
    });
  });

  test('a malformed message is given up by its error name when the body gives no status', async () => {
    const refused = await answering(422, '{"name":"validation_error","message":"Invalid `to`"}');
    expect(await refused.send(mail, 'a')).toEqual({
      ok: false,
      retryable: false,
      error: 'validation_error: Invalid `to`',
    });
    server?.close();
    const overloaded = await answering(429, '{"name":"rate_limit_exceeded","message":"Slow down"}');
    expect(await overloaded.send(mail, 'b')).toMatchObject({ ok: false, retryable: true });
  });

  test('a request that cannot even be made is retried, not thrown', async () => {
    const mailer = resendMailer({ apiKey: 're_test', baseUrl: 'http://127.0.0.1:9' });
    const result = await mailer.send(mail, 'not\na valid header');
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect((result as { error: string }).error).toMatch(/^network: .*header/i);
  });
});

describe('after sending', () => {
  test('no timer is left behind to keep a finished relay run waiting', async () => {
    const capture = await startResendCapture();
    try {
      const mailer = resendMailer({
        apiKey: 're_test',
        baseUrl: capture.baseUrl,
        timeoutMs: 3.6e6,
      });
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const mail = {
        from: 'k@example.org',
        to: 'j@example.nl',
        subject: 'S',
        text: 'T',
        html: 'H',
      };
      expect(await mailer.send(mail, 'a')).toMatchObject({ ok: true });
      expect(await mailer.send(mail, 'b')).toMatchObject({ ok: true });
      expect(timers()).toBeLessThanOrEqual(before);
    } finally {
      await capture.close();
    }
  });
});
