import { expect, test } from 'vitest';
import { openLink, sealLink, withoutLink } from './sealed-link';

const LINK = 'https://klacht.test/track/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const SECRET = 'server-secret-0123456789abcdef';

test('a sealed link opens for its own complaint under the server secret, and nowhere else', async () => {
  const sealed = sealLink(LINK, SECRET, 'complaint-a');
  expect(sealed).not.toContain('track');
  expect(sealed).not.toContain('AbCdEf');
  expect(openLink(sealed, SECRET, 'complaint-a')).toBe(LINK);
  // Copied to another complaint's message, or under another server secret: it does not open.
  expect(openLink(sealed, SECRET, 'complaint-b')).toBeNull();
  expect(openLink(sealed, 'another-secret-0123456789abcdef', 'complaint-a')).toBeNull();
  expect(openLink('not-sealed', SECRET, 'complaint-a')).toBeNull();
  // Sealed twice, two different texts (a fresh IV each time).
  expect(sealLink(LINK, SECRET, 'complaint-a')).not.toBe(sealed);
});

test('a payload once its link is no longer needed keeps everything but the link', () => {
  expect(withoutLink({ locale: 'nl', eventSeq: 2, trackingSealed: 'x', trackingUrl: 'y' })).toEqual(
    {
      locale: 'nl',
      eventSeq: 2,
    },
  );
  expect(withoutLink(null)).toEqual({});
});
