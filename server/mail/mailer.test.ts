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
