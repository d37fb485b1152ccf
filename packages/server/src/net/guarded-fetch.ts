// The one fetch for every URL the server calls for a tenant: webhook bots, the bot model's URL,
// media URLs that Graph returns, and outgoing webhooks. The address is checked when the socket
// connects (the Agent's DNS lookup hook, and literal addresses before connecting), so a name that
// resolves to a public address when checked and to 127.0.0.1 a moment later (DNS rebinding) is
// still refused. Redirects are not followed: a 3xx is an answer like any other for the caller. A
// failure comes back as GuardedFetchError, whose message says what went wrong without naming the
// internal address or port (tenants see it as a bot's failure reason).
//
// Built on undici's Agent with a connect hook (undici 7 runs on Node 20): it is the HTTP client of
// Node's own fetch, so the request and response are the standard ones, and the check sits in the
// connector, below redirects, proxies and keep-alive reuse.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { type AllowList, literalAddress, parseAllowList, refusedAddress } from './address-policy.ts';

export class GuardedFetchError extends Error {
  override name = 'GuardedFetchError';
}

export type GuardedFetch = (url: string, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>;

/** Null when the URL may be called (scheme and, for a literal address, the address); else why not. */
export function refusedUrl(raw: string, allow: AllowList = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs can be called';
  if (url.username || url.password) return 'the URL must not carry a user name or password';
  // WHATWG URL parsing already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  const literal = literalAddress(url.hostname);
  if (literal) return refusedAddress(literal, allow);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return refusedAddress('127.0.0.1', allow);
  return null;
}

type Resolve = (
  hostname: string,
  options: { all: true; family?: number | 'IPv4' | 'IPv6' },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

function guardedLookup(allow: AllowList, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      for (const a of addresses) {
        const why = refusedAddress(a.address, allow);
        if (why) return callback(new GuardedFetchError(why), '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

export interface GuardedFetchOptions {
  /** PARLEY_FETCH_ALLOW: addresses or ranges allowed although not public (the simulator). */
  allow?: readonly string[];
  timeoutMs?: number;
  /** The DNS resolver (tests stand in a rebinding one); default the system's. */
  resolve?: Resolve;
}

export function createGuardedFetch(opts: GuardedFetchOptions = {}): GuardedFetch {
  const allow = parseAllowList(opts.allow ?? []);
  const resolve = opts.resolve ?? (dnsLookup as unknown as Resolve);
  const connector = buildConnector({ lookup: guardedLookup(allow, resolve) } as buildConnector.BuildOptions);
  const agent = new Agent({
    connect: (options, callback) => {
      const literal = literalAddress(options.hostname);
      const why = literal ? refusedAddress(literal, allow) : null;
      if (why) return callback(new GuardedFetchError(why), null);
      return connector(options, callback);
    },
  });
  return async (url, init = {}) => {
    const why = refusedUrl(url, allow);
    if (why) throw new GuardedFetchError(why);
    const { timeoutMs, ...rest } = init;
    try {
      return (await undiciFetch(url, {
        ...(rest as Parameters<typeof undiciFetch>[1]),
        redirect: 'manual',
        dispatcher: agent,
        signal: rest.signal ?? AbortSignal.timeout(timeoutMs ?? opts.timeoutMs ?? 10_000),
      })) as unknown as Response;
    } catch (err) {
      throw new GuardedFetchError(plainReason(err));
    }
  };
}

/** What went wrong, without the address or port a network error message carries. */
function plainReason(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause ?? err;
  if (cause instanceof GuardedFetchError) return cause.message;
  const name = (cause as { name?: string }).name;
  const code = (cause as { code?: string }).code;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return 'the URL did not answer in time';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return "the URL's host name does not resolve";
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return 'could not connect to the URL';
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT')))
    return "the URL's TLS certificate was not accepted";
  return 'the request to the URL failed';
}
