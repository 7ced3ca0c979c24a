import { describe, expect, test } from 'vitest';
import { ATTEMPT_KEYS, AttemptCounter, addressNetwork } from './rate-limit';

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

describe('the in-process attempt count', () => {
  const limit = { max: 2, windowSeconds: 60 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, seconds));

  test('allows `max` attempts per key and window, then refuses until the next window', () => {
    const attempts = new AttemptCounter();
    expect([1, 2, 3].map(() => attempts.hit('a', limit, at(0)))).toEqual([true, true, false]);
    expect(attempts.hit('b', limit, at(1))).toBe(true);
    expect(attempts.hit('a', limit, at(59))).toBe(false);
    expect(attempts.hit('a', { ...limit, windowSeconds: 60 }, at(60))).toBe(true);
  });

  test('holds at most maxKeys keys: expired windows go first, then the oldest', () => {
    const attempts = new AttemptCounter(3);
    attempts.hit('old', limit, at(0));
    for (const key of ['x', 'y', 'z']) attempts.hit(key, limit, at(61));
    // 'old' was in an earlier window: it made room.
    expect(attempts.size).toBe(3);
    attempts.hit('x', limit, at(61));
    expect(attempts.hit('x', limit, at(61))).toBe(false);
    // Full of this window's keys: the oldest, 'x', goes and starts over when it comes back.
    attempts.hit('w', limit, at(62));
    expect(attempts.size).toBe(3);
    expect(attempts.hit('x', limit, at(62))).toBe(true);
    expect(ATTEMPT_KEYS).toBe(10_000);
  });
});
