import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/** Longest header value taken as a client's name; an address is far shorter. */
const MAX_KEY_LENGTH = 64;

/**
 * Whom a request counts against: its connection's address, or, behind a proxy the deployment trusts, the header that
 * proxy sets (`HUBCAT_TRUST_PROXY`). Of `X-Forwarded-For` and `Forwarded` the last entry is taken, the one the trusted
 * proxy added; earlier ones are whatever the client wrote. An IPv6 client is one /64, which a single host can rotate
 * through at will. Null for a request with no connection (in-process `yoga.fetch`): there is no client to limit.
 */
export function clientKeyOf(request: IncomingMessage | undefined, trustProxy?: string): string | null {
  if (request === undefined) return null;
  const forwarded = trustProxy === undefined ? null : headerAddress(request.headers[trustProxy], trustProxy);
  const address = forwarded ?? request.socket.remoteAddress ?? null;
  return address === null ? null : addressKey(address);
}

function headerAddress(value: string | string[] | undefined, header: string): string | null {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text === undefined || text.trim() === '') return null;
  const last = text.split(',').at(-1)!.trim();
  if (header !== 'forwarded') return last.slice(0, MAX_KEY_LENGTH) || null;
  // `for=192.0.2.60;proto=http`, `for="[2001:db8::1]:4711"`
  const match = /(?:^|;)\s*for=("?)\[?([^\]";]+)\]?(?::\d+)?\1/i.exec(last);
  return match?.[2]?.slice(0, MAX_KEY_LENGTH) ?? null;
}

/** `1.2.3.4`; `::ffff:1.2.3.4` as the IPv4 address it is; an IPv6 address as its /64 prefix. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return mapped;
  if (isIPv4(address) || !isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right].map((group) =>
    group.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
