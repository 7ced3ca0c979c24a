import { expect, test } from 'vitest';
import { addressNetwork } from './rate-limit';

test('IPv6 addresses count by their /64 network, IPv4 addresses whole', () => {
  const network = '2001:db8:1:2::/64';
  for (const address of [
    '2001:db8:1:2::1',
    '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff',
    '2001:db8:1:2:a:b:c:d%eth0',
  ]) {
    expect(addressNetwork(address), address).toBe(network);
  }
  expect(addressNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  expect(addressNetwork('::1')).toBe('0:0:0:0::/64');
  expect(addressNetwork('fe80::1')).toBe('fe80:0:0:0::/64');
  expect(addressNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(addressNetwork('203.0.113.7')).toBe('203.0.113.7');
  // What does not parse stays as it is (and counts on its own).
  for (const odd of ['unknown-address', '1::2::3', '1:2:3', 'zz::1', '']) {
    expect(addressNetwork(odd)).toBe(odd);
  }
});
