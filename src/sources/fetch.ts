/**
 * Safe fetching of pages and feeds for URLs that may come from chat users.
 *
 * - Every host name is resolved first and each address checked; the socket then connects to exactly the
 *   checked address (a custom `lookup` on node:http(s) — "DNS pinning", so a second DNS answer cannot
 *   swap in a private address). Private, loopback, link-local, CGNAT, multicast and cloud-metadata
 *   addresses are refused unless `allowPrivateAddresses` is set.
 * - Redirects are followed by hand (each hop is checked again), at most `maxRedirects`.
 * - One deadline (`timeoutMs`) covers the whole fetch including redirects; bodies larger than `maxBytes`
 *   (after decompression) are refused; the content type must be one the caller accepts.
 * - The body is decoded with the charset of the Content-Type header, else the page's own declaration
 *   (<meta charset>, <?xml encoding?>), else a BOM, else UTF-8.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { NewsbriefError } from '../errors.js';

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowPrivateAddresses?: boolean;
  /** Private addresses allowed all the same (an operator's intranet host), exact IP strings. */
  allowAddresses?: readonly string[];
  /** Accepted media types (prefix match, e.g. "text/html"); an empty list accepts any. */
  accept?: readonly string[];
  headers?: Record<string, string>;
  userAgent?: string;
}

export interface FetchResult {
  /** The URL after redirects. */
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  /** Decoded text ('' for 304). */
  text: string;
  charset: string;
}

export const DEFAULT_FETCH: Required<Omit<FetchOptions, 'headers'>> = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivateAddresses: false,
  allowAddresses: [],
  accept: [],
  userAgent: 'newsbrief/0.1 (+https://github.com/newsbrief)',
};

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // IPv4-compatible (::a.b.c.d, with :: and ::1 in it), IPv4-translated, NAT64 and 6to4 addresses carry
  // an IPv4 address that a gateway may reach; they are refused whatever that address is.
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Is this IP address private, loopback, link-local, metadata or otherwise not on the public internet? */
export function isPrivateAddress(address: string): boolean {
  const addr = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(addr);
  if (family === 4) return blocked.check(addr, 'ipv4');
  if (family === 6) {
    const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(addr);
    if (hexMapped?.[1] && hexMapped[2]) {
      const hi = Number.parseInt(hexMapped[1], 16);
      const lo = Number.parseInt(hexMapped[2], 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(addr, 'ipv6');
  }
  return true;
}

/** A URL as shown in an error line: a hostile 100 KB URL must not flood the log or the chat reply. */
export function shortUrl(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

function fail(
  code: 'fetch_failed' | 'blocked_address' | 'too_large' | 'bad_input',
  url: string,
  why: string,
): NewsbriefError {
  return new NewsbriefError(code, `Could not fetch ${shortUrl(url)}: ${why}`);
}

/** A `lookup` that resolves, refuses private answers, and hands the socket only the checked addresses. */
function allowed(
  address: string,
  o: { allowPrivateAddresses: boolean; allowAddresses: readonly string[] },
): boolean {
  return o.allowPrivateAddresses || o.allowAddresses.includes(address) || !isPrivateAddress(address);
}

function checkedLookup(
  url: string,
  o: { allowPrivateAddresses: boolean; allowAddresses: readonly string[] },
): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = (addresses as unknown as LookupAddress[]).filter((a) => allowed(a.address, o));
      // Which private address it was stays unsaid: the reply may reach a chat user probing the network.
      if (list.length === 0)
        return callback(fail('blocked_address', url, `${hostname} resolves to a private address`), '', 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const a = list[0] as LookupAddress;
      callback(null, a.address, a.family);
    });
  };
}

/** Charset from a Content-Type value. */
export function charsetOf(contentType: string): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Charset a document declares about itself in its first bytes (<meta charset>, http-equiv, <?xml?>). */
export function sniffCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return meta?.[1] ? meta[1].toLowerCase() : null;
}

// WHATWG: these labels all mean windows-1252. Node 20's TextDecoder decodes them as ISO-8859-1 (0x80-0x9F
// become C1 controls instead of “ ” € …), so they are decoded here by table.
const CP1252_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'iso_8859-1',
  'cp819',
  'ibm819',
]);
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    const chars = new Array<string>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j] ?? 0;
      chars[j] = b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? '') : String.fromCharCode(b);
    }
    out += chars.join('');
  }
  return out;
}

export function decode(bytes: Uint8Array, contentType: string): { text: string; charset: string } {
  const wanted = charsetOf(contentType) ?? sniffCharset(bytes) ?? 'utf-8';
  if (CP1252_LABELS.has(wanted)) return { text: decodeCp1252(bytes), charset: 'windows-1252' };
  try {
    return { text: new TextDecoder(wanted).decode(bytes), charset: wanted };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8' };
  }
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function requestOnce(
  url: URL,
  o: Required<Omit<FetchOptions, 'headers'>> & FetchOptions,
  deadline: number,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const shown = url.toString();
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !allowed(host, o))
      return reject(fail('blocked_address', shown, `${host} is a private address`));
    const mod = url.protocol === 'https:' ? https : http;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(fail('fetch_failed', shown, `timed out after ${o.timeoutMs} ms`));
    const req = mod.request(
      url,
      {
        method: 'GET',
        lookup: checkedLookup(shown, o),
        headers: {
          'user-agent': o.userAgent,
          accept: o.accept.length ? `${o.accept.join(', ')};q=1, */*;q=0.1` : '*/*',
          'accept-encoding': 'gzip, deflate, br',
          ...o.headers,
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const lengthHeader = Number(res.headers['content-length'] ?? 'NaN');
        const redirect = status >= 300 && status < 400 && status !== 304;
        if (!redirect && Number.isFinite(lengthHeader) && lengthHeader > o.maxBytes) {
          res.destroy();
          return reject(fail('too_large', shown, `larger than ${o.maxBytes} bytes`));
        }
        const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
        let stream: NodeJS.ReadableStream = res;
        if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > o.maxBytes) {
            req.destroy(fail('too_large', shown, `larger than ${o.maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        stream.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
        stream.on('error', (e: Error) =>
          reject(e instanceof NewsbriefError ? e : fail('fetch_failed', shown, e.message)),
        );
        res.on('error', (e: Error) =>
          reject(e instanceof NewsbriefError ? e : fail('fetch_failed', shown, e.message)),
        );
      },
    );
    req.setTimeout(remaining, () =>
      req.destroy(fail('fetch_failed', shown, `timed out after ${o.timeoutMs} ms`)),
    );
    const timer = setTimeout(
      () => req.destroy(fail('fetch_failed', shown, `timed out after ${o.timeoutMs} ms`)),
      remaining,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (e: Error & { code?: string }) => {
      clearTimeout(timer);
      if (e instanceof NewsbriefError) return reject(e);
      const why =
        e.code === 'ENOTFOUND'
          ? `host ${url.hostname} not found`
          : e.code === 'ECONNREFUSED'
            ? 'connection refused'
            : e.message;
      reject(fail('fetch_failed', shown, why));
    });
    req.end();
  });
}

/** Parse and check a URL given by a user: http(s) only, no credentials. */
export function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new NewsbriefError('bad_input', `Not a URL: ${shortUrl(input)}`);
  }
  checkFetchable(url, (why) => new NewsbriefError('bad_input', `${why} (${shortUrl(input)})`));
  return url;
}

/** The rules every URL fetched obeys, the first and each redirect target alike. */
function checkFetchable(url: URL, refuse: (why: string) => NewsbriefError): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refuse(`Only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw refuse('URLs with credentials are refused');
}

/** Fetch a URL safely (see the file comment). A 304 is returned as is; other non-2xx statuses throw. */
export async function safeFetch(input: string, options: FetchOptions = {}): Promise<FetchResult> {
  const o = { ...DEFAULT_FETCH, ...options };
  const deadline = Date.now() + o.timeoutMs;
  let url = parseHttpUrl(input);
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    seen.add(url.toString());
    const res = await requestOnce(url, o, deadline);
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const location = res.headers.location;
      if (!location) throw fail('fetch_failed', input, `HTTP ${res.status} without a Location`);
      if (hop >= o.maxRedirects) throw fail('fetch_failed', input, `more than ${o.maxRedirects} redirects`);
      const next = new URL(location, url);
      checkFetchable(next, (why) => fail('fetch_failed', input, `redirected to a refused URL: ${why}`));
      if (seen.has(next.toString())) throw fail('fetch_failed', input, `redirect loop at ${next}`);
      url = next;
      continue;
    }
    const contentType = String(res.headers['content-type'] ?? '');
    if (res.status === 304)
      return {
        url: url.toString(),
        status: 304,
        headers: res.headers,
        contentType,
        text: '',
        charset: 'utf-8',
      };
    if (res.status < 200 || res.status >= 300)
      throw fail('fetch_failed', url.toString(), `HTTP ${res.status}`);
    const type = mediaType(contentType);
    if (o.accept.length > 0 && type && !o.accept.some((a) => type.startsWith(a)))
      throw fail('fetch_failed', url.toString(), `unexpected content type ${type}`);
    const { text, charset } = decode(res.body, contentType);
    return {
      url: url.toString(),
      status: res.status,
      headers: res.headers,
      contentType: type,
      text,
      charset,
    };
  }
}
