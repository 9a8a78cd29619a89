/** A real HTTP server on 127.0.0.1 serving pages and feeds the tests write; it records the requests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface TestServer {
  base: string;
  routes: Map<string, Handler>;
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const h = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    if (h) return h(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function send(body: string | Buffer, type: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, ...headers }).end(body);
  };
}

export function page(o: {
  title: string;
  paragraphs: string[];
  canonical?: string;
  author?: string;
  date?: string;
  charset?: string;
}): string {
  return `<!doctype html><html><head>${o.charset ? `<meta charset="${o.charset}">` : ''}<title>${o.title} | Test News</title>
${o.canonical ? `<link rel="canonical" href="${o.canonical}">` : ''}
${o.author ? `<meta name="author" content="${o.author}">` : ''}
${o.date ? `<meta property="article:published_time" content="${o.date}">` : ''}
<meta property="og:title" content="${o.title}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${o.title}</h1>${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>Copyright Test News. All rights reserved.</footer></body></html>`;
}

export const LONG = [
  'The city council approved the new harbour bridge on Tuesday after a debate that lasted more than six hours.',
  'Mayor Alice Johnson said the bridge would cut commuting times for thousands of residents every day.',
  'Opponents argued that the cost, estimated at 400 million euros, would strain the budget for a decade.',
  'Construction is expected to begin next spring and to last about three years.',
];
