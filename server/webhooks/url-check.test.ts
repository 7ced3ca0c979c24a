import { describe, expect, test } from 'vitest';
import { checkWebhookUrl, isNonPublicAddress } from './url-check';

/** The IPv4 address `offset` places from the dotted one (negative: before it). */
function v4(dotted: string, offset = 0): string {
  const n = dotted.split('.').reduce((acc, part) => acc * 256 + Number(part), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

// Every blocked IPv4 range as its first and last address, so dropping or narrowing one fails.
const BLOCKED_V4: [string, string, string][] = [
  ['this network', '0.0.0.0', '0.255.255.255'],
  ['private 10/8', '10.0.0.0', '10.255.255.255'],
  ['shared (CGNAT)', '100.64.0.0', '100.127.255.255'],
  ['loopback', '127.0.0.0', '127.255.255.255'],
  ['link-local', '169.254.0.0', '169.254.255.255'],
  ['private 172.16/12', '172.16.0.0', '172.31.255.255'],
  ['IETF protocol assignments', '192.0.0.0', '192.0.0.255'],
  ['documentation 192.0.2/24', '192.0.2.0', '192.0.2.255'],
  ['private 192.168/16', '192.168.0.0', '192.168.255.255'],
  ['benchmarking', '198.18.0.0', '198.19.255.255'],
  ['documentation 198.51.100/24', '198.51.100.0', '198.51.100.255'],
  ['documentation 203.0.113/24', '203.0.113.0', '203.0.113.255'],
  ['multicast', '224.0.0.0', '239.255.255.255'],
  ['reserved and broadcast', '240.0.0.0', '255.255.255.255'],
];

describe('the addresses a webhook may not reach', () => {
  test.each(BLOCKED_V4)('%s: its first, a middle and its last address', (_, first, last) => {
    for (const address of [first, v4(first, 1), last]) {
      expect(isNonPublicAddress(address), address).toBe(true);
      expect(isNonPublicAddress(`::ffff:${address}`), `::ffff:${address}`).toBe(true);
      expect(checkWebhookUrl(`https://${address}/hook`, false).ok, address).toBe(false);
    }
  });

  test('the public neighbours of the private ranges stay reachable', () => {
    const neighbours = [
      v4('10.0.0.0', -1), // 9.255.255.255
      v4('10.255.255.255', 1), // 11.0.0.0
      v4('172.16.0.0', -1),
      v4('172.31.255.255', 1),
      v4('192.168.0.0', -1),
      v4('192.168.255.255', 1),
      v4('100.64.0.0', -1),
      v4('169.254.255.255', 1),
      '93.184.215.14',
    ];
    for (const address of neighbours) {
      expect(isNonPublicAddress(address), address).toBe(false);
      expect(checkWebhookUrl(`https://${address}/hook`, false).ok, address).toBe(true);
    }
  });

  test('IPv6: loopback, unique local, link-local, multicast, documentation; a global one passes', () => {
    for (const address of [
      '::1',
      '::',
      'fc00::1',
      'fd12::1',
      'fe80::1',
      'ff02::1',
      '2001:db8::1',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    expect(isNonPublicAddress('2606:4700::1111')).toBe(false);
    expect(isNonPublicAddress('hooks.example.com')).toBeNull();
  });
});

describe('the port', () => {
  test('https on 443 (written or not) passes; any other port is refused as such', () => {
    for (const url of ['https://hooks.example.nl/x', 'https://hooks.example.nl:443/x']) {
      expect(checkWebhookUrl(url, false).ok, url).toBe(true);
    }
    for (const url of [
      'https://hooks.example.nl:22/',
      'https://hooks.example.nl:8443/x',
      'https://hooks.example.nl:80/x',
      'https://93.184.215.14:6379/',
    ]) {
      expect(checkWebhookUrl(url, false), url).toEqual({ ok: false, reason: 'not port 443' });
    }
  });

  test('the development setting allows local receivers on any port', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8788/hook', true).ok).toBe(true);
  });
});
