// Which network addresses Parley may call on a tenant's behalf: public unicast only. Loopback,
// private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6,
// multicast, reserved and every IPv6 form that embeds an IPv4 address (mapped, NAT64, 6to4, Teredo)
// are refused, unless the operator allowed an address or range (PARLEY_FETCH_ALLOW, e.g. the
// WhatsApp simulator on 127.0.0.1). ipaddr.js classifies the ranges (RFC 6890 and friends).
import ipaddr from 'ipaddr.js';

export type AllowList = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

/** Parses PARLEY_FETCH_ALLOW entries: addresses or CIDR ranges. Throws on a malformed entry. */
export function parseAllowList(entries: readonly string[]): AllowList {
  return entries.map((e) => {
    if (e.includes('/')) return ipaddr.parseCIDR(e);
    const a = ipaddr.process(e);
    return [a, a.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
  });
}

/** The literal address in a URL's hostname ("[::1]" → "::1"), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || bare.includes(':'))
    ? bare
    : null;
}

/** Null when Parley may connect to this address; else why not, in words safe to show a tenant. */
export function refusedAddress(address: string, allow: AllowList = []): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped address is judged as IPv4.
    parsed = ipaddr.process(address);
  } catch {
    return 'the address is not a valid IP address';
  }
  for (const [range, bits] of allow)
    if (parsed.kind() === range.kind() && parsed.match(range, bits)) return null;
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `the URL leads to a ${describe(range)} address, which Parley does not call`;
}

function describe(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback (this machine)';
    case 'private':
    case 'uniqueLocal':
    case 'carrierGradeNat':
      return 'private network';
    case 'linkLocal':
      return 'link-local (cloud metadata)';
    default:
      return `non-public (${range})`;
  }
}
