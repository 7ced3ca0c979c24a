/*
 * Where a webhook may go: a public https URL on the web's port (443). No loopback, private, link-local, shared,
 * documentation, multicast or otherwise reserved address (IPv4, IPv6, and IPv4 inside IPv6), no
 * local names, no credentials in the URL. Checked when an endpoint is registered and again at
 * every delivery; the Node entry also checks every address a name resolves to, at connect time.
 */

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // shared (carrier-grade NAT)
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function parseV4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return null;
  }
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
}

/** Eight 16-bit groups, or null when the text is no IPv6 address. */
function parseV6(text: string): number[] | null {
  let body = text.toLowerCase();
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two groups.
  const dotted = body.lastIndexOf(':');
  if (body.includes('.') && dotted >= 0) {
    const n = parseV4(body.slice(dotted + 1));
    if (n === null) return null;
    body = `${body.slice(0, dotted + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  return [...head, ...(halves.length === 2 ? Array<string>(8 - known).fill('0') : []), ...rest].map(
    (g) => Number.parseInt(g, 16),
  );
}

function v6Blocked(g: number[]): boolean {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const embedded = (hi: number, lo: number) => v4Blocked(hi * 65536 + lo);
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
    // ::, ::1, IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d)
    if (f === 0xffff) return embedded(h, i);
    return true;
  }
  if (a === 0x64 && b === 0xff9b) return c === 1 || embedded(h, i); // NAT64
  if (a === 0x2002) return embedded(b, c); // 6to4
  if (a === 0x2001 && (b === 0 || b === 0xdb8)) return true; // Teredo, documentation
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return true; // discard
  return (
    (a & 0xfe00) === 0xfc00 || (a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0 || a >= 0xff00
  );
}

/**
 * Whether an IP address (as text) is one a webhook may not reach; null when it is not an IP
 * address at all.
 */
export function isNonPublicAddress(address: string): boolean | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseV4(bare);
  if (v4 !== null) return v4Blocked(v4);
  const v6 = parseV6(bare);
  return v6 === null ? null : v6Blocked(v6);
}

const LOCAL_NAMES =
  /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home\.arpa|test|invalid|example)$/;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether a webhook may be sent to this URL. With `allowLocal` (development) http and local
 * targets pass too; credentials in the URL never do.
 */
export function checkWebhookUrl(text: string, allowLocal: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(allowLocal && url.protocol === 'http:')) {
    return { ok: false, reason: allowLocal ? 'not http(s)' : 'not https' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  if (allowLocal) return { ok: true, url };
  // Another port reaches another service on a public host (ssh, a database, an admin panel):
  // 443 only, which URL writes as no port at all.
  if (url.port !== '') return { ok: false, reason: 'not port 443' };
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const ip = isNonPublicAddress(host);
  if (ip === true) return { ok: false, reason: 'not a public address' };
  if (ip === null && (!host.includes('.') || LOCAL_NAMES.test(host))) {
    return { ok: false, reason: 'not a public host name' };
  }
  return { ok: true, url };
}
