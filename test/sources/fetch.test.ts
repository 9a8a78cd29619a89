/** Safe fetch against a real local server: limits, redirects, content types, charsets, private addresses. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isPrivateAddress, safeFetch } from '../../src/sources/fetch.js';
import { send, startServer, type TestServer } from './server.js';

let srv: TestServer;
const ok = { allowPrivateAddresses: true };
beforeAll(async () => {
  srv = await startServer();
  srv.routes.set('/hello', send('<p>hello</p>', 'text/html; charset=utf-8'));
  srv.routes.set(
    '/cp1252',
    send(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]), 'text/html; charset=windows-1252'),
  );
  srv.routes.set(
    '/latin1-meta',
    send(
      Buffer.concat([
        Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>'),
        Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]),
        Buffer.from('</body></html>'),
      ]),
      'text/html',
    ),
  );
  srv.routes.set('/loop-a', (_q, r) => r.writeHead(302, { location: '/loop-b' }).end());
  srv.routes.set('/loop-b', (_q, r) => r.writeHead(302, { location: '/loop-a' }).end());
  for (let i = 0; i < 10; i++)
    srv.routes.set(`/chain${i}`, (_q, r) => r.writeHead(301, { location: `/chain${i + 1}` }).end());
  srv.routes.set('/to-hello', (_q, r) => r.writeHead(302, { location: '/hello' }).end());
  srv.routes.set('/to-metadata', (_q, r) =>
    r.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  );
  srv.routes.set('/to-loopback', (_q, r) => r.writeHead(302, { location: 'http://127.0.0.2:9/' }).end());
  srv.routes.set('/to-localhost-name', (_q, r) =>
    r.writeHead(302, { location: `http://localhost:${new URL(srv.base).port}/hello` }).end(),
  );
  srv.routes.set('/to-file', (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end());
  srv.routes.set('/to-credentials', (_q, r) =>
    r.writeHead(302, { location: `http://user:secret@127.0.0.1:${new URL(srv.base).port}/hello` }).end(),
  );
  srv.routes.set('/slow', (_q, r) => {
    setTimeout(() => r.writeHead(200, { 'content-type': 'text/html' }).end('late'), 2000);
  });
  srv.routes.set('/huge', (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 4 * 1024 * 1024) {
        sent += chunk.length;
        if (!r.write(chunk)) return r.once('drain', pump);
      }
      r.end();
    };
    pump();
  });
  srv.routes.set('/png', send(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'));
  srv.routes.set('/500', (_q, r) => r.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
});
afterAll(() => srv.close());

describe('safeFetch', () => {
  test('fetches and decodes UTF-8', async () => {
    const r = await safeFetch(`${srv.base}/hello`, ok);
    expect(r).toMatchObject({
      status: 200,
      text: '<p>hello</p>',
      contentType: 'text/html',
      charset: 'utf-8',
    });
  });

  test('charset from the header (windows-1252) and from <meta> (iso-8859-1)', async () => {
    expect((await safeFetch(`${srv.base}/cp1252`, ok)).text).toBe('Café “q”');
    const r = await safeFetch(`${srv.base}/latin1-meta`, ok);
    expect(r.text).toContain('München');
  });

  test('follows redirects, refuses loops, long chains and non-http targets', async () => {
    expect((await safeFetch(`${srv.base}/to-hello`, ok)).url).toBe(`${srv.base}/hello`);
    await expect(safeFetch(`${srv.base}/loop-a`, ok)).rejects.toThrow(/redirect loop/);
    await expect(safeFetch(`${srv.base}/chain0`, { ...ok, maxRedirects: 3 })).rejects.toThrow(
      /more than 3 redirects/,
    );
    await expect(safeFetch(`${srv.base}/to-file`, ok)).rejects.toThrow(
      /redirected to a refused URL: .*not file:/,
    );
    // The first URL's rules hold for every hop: credentials in a redirect target are not followed.
    await expect(safeFetch(`${srv.base}/to-credentials`, ok)).rejects.toThrow(
      /redirected to a refused URL: URLs with credentials are refused/,
    );
  });

  test('timeout, size limit, status and content type give one-line errors', async () => {
    await expect(safeFetch(`${srv.base}/slow`, { ...ok, timeoutMs: 300 })).rejects.toThrow(
      /timed out after 300 ms/,
    );
    await expect(safeFetch(`${srv.base}/huge`, { ...ok, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'too_large',
    });
    await expect(safeFetch(`${srv.base}/500`, ok)).rejects.toThrow(
      `Could not fetch ${srv.base}/500: HTTP 500`,
    );
    await expect(safeFetch(`${srv.base}/nope`, ok)).rejects.toThrow(/HTTP 404/);
    await expect(safeFetch(`${srv.base}/png`, { ...ok, accept: ['text/html'] })).rejects.toThrow(
      /unexpected content type image\/png/,
    );
    await expect(safeFetch('ftp://example.com/x', ok)).rejects.toThrow(/Only http and https/);
    await expect(safeFetch('not a url', ok)).rejects.toThrow(/Not a URL/);
    // A hostile URL is not echoed whole.
    const long = `${srv.base}/${'x'.repeat(100_000)}`;
    const err = await safeFetch(long, ok).catch((e: Error) => e);
    expect((err as Error).message.length).toBeLessThan(400);
  });

  test('refuses loopback and private addresses unless allowed, also behind a redirect and after DNS', async () => {
    await expect(safeFetch(`${srv.base}/hello`)).rejects.toMatchObject({ code: 'blocked_address' });
    // Allow only the test server's own address: the redirect targets are still refused before connecting.
    const only = { allowAddresses: ['127.0.0.1'] };
    expect((await safeFetch(`${srv.base}/hello`, only)).text).toBe('<p>hello</p>');
    await expect(safeFetch(`${srv.base}/to-metadata`, only)).rejects.toMatchObject({
      code: 'blocked_address',
      message: expect.stringMatching(/169\.254\.169\.254 is a private address/),
    });
    await expect(safeFetch(`${srv.base}/to-loopback`, only)).rejects.toMatchObject({
      code: 'blocked_address',
    });
    // A host name is checked after DNS resolution; the reply does not say which address it found.
    const named = await safeFetch(`http://localhost:${new URL(srv.base).port}/hello`).catch((e: Error) => e);
    expect((named as Error).message).toMatch(/localhost resolves to a private address$/);
    expect((named as Error).message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  test('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '224.0.0.1',
      // IPv6 forms that carry an IPv4 address a gateway may reach
      '::7f00:1',
      '::ffff:0:a00:1',
      '64:ff9b::a00:1',
      '64:ff9b:1::a00:1',
      '2002:a00:1::1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
