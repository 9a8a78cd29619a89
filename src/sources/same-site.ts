/**
 * Whether two URLs belong to one site: the same registrable domain (www.bbc.co.uk and bbc.co.uk do;
 * alice.github.io and bob.github.io do not, since the Public Suffix List's private section counts
 * github.io as a suffix), or the same host where there is no registrable domain (an IP address,
 * localhost). A page may only speak for URLs of its own site: its canonical link becomes an article's
 * key, and a link to another site would let any page replace that site's article.
 */
import { getDomain } from 'tldts';

function siteOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (!host) return null;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

export function sameSite(a: string, b: string): boolean {
  const siteA = siteOf(a);
  return siteA !== null && siteA === siteOf(b);
}
