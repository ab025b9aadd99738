/** IPv4 addresses and CIDR ranges, as config validation needs them (no dependency for 40 lines). */

export interface Cidr {
  /** The network address as a 32-bit unsigned number. */
  readonly network: number;
  readonly prefix: number;
  /** As written. */
  readonly text: string;
}

/** The address as a number, or undefined when it is not a dotted quad of 0-255. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** A CIDR, or the reason it is not one (phrased to follow the value in a message). */
export function parseCidr(text: string): Cidr | { readonly error: string } {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const address = match ? parseIpv4(match[1]!) : undefined;
  if (!match || address === undefined) return { error: "is not an IPv4 CIDR range (write it as address/prefix, e.g. 10.100.0.0/24)" };
  const prefix = Number(match[2]);
  if (prefix > 32) return { error: `has the prefix /${prefix}; an IPv4 prefix is /0 to /32 (e.g. 10.100.0.0/24)` };
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    return { error: `has host bits set; the range starting there is ${formatIpv4(address - (address % size))}/${prefix} (write that)` };
  }
  return { network: address, prefix, text };
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function cidrContains(c: Cidr, address: number): boolean {
  return address >= c.network && address < c.network + cidrSize(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + cidrSize(b) && b.network < a.network + cidrSize(a);
}

/** The first usable host of a range (the network address + 1): the VPN server's tunnel address. */
export function firstHost(c: Cidr): string {
  return formatIpv4(c.network + 1);
}
