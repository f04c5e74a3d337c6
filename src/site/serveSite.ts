import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

export interface ServedSite {
  readonly url: string;
  readonly server: Server;
}

/**
 * A path with a segment that starts with a dot (`..`, `.env`), in any encoding, or one
 * that cannot be decoded: sirv's own dotfile switch does not hold in its dev mode.
 */
function hiddenOrOutside(url: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0] ?? '');
  } catch {
    return true;
  }
  return path.split(/[\\/]/).some((segment) => segment.startsWith('.'));
}

/**
 * Serves the reports folder read-only on localhost, so the page's links to report files
 * and snapshots work; `/` goes to the site. sirv serves only what is inside the folder.
 */
export async function serveSite(reportsRoot: string, port: number): Promise<ServedSite> {
  const files = sirv(resolve(reportsRoot), { dev: true, dotfiles: false, etag: false });
  const server = createServer((request, response) => {
    if (request.url === '/' || request.url === '') {
      response.writeHead(302, { location: '/site/index.html' }).end();
      return;
    }
    response.setHeader('x-content-type-options', 'nosniff');
    if (hiddenOrOutside(request.url ?? '/')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    files(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return { url: `http://127.0.0.1:${actualPort}/site/index.html`, server };
}
