import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ServedSite, serveSite } from '../../src/site/serveSite.js';
import { temporaryDir } from '../support/tempDir.js';

const SECRET = 'a file outside the reports folder';

/** A raw GET: the path goes out exactly as written, not normalised by a URL parser. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('report --serve serves the reports folder and nothing else', () => {
  let served: ServedSite;
  let port: number;

  beforeAll(async () => {
    const outside = temporaryDir('serve-outside-');
    const reports = join(outside, 'reports');
    mkdirSync(join(reports, 'site'), { recursive: true });
    writeFileSync(join(reports, 'site', 'index.html'), '<title>reports</title>');
    writeFileSync(join(reports, '.env'), SECRET);
    writeFileSync(join(outside, 'secret.txt'), SECRET);
    served = await serveSite(reports, 0);
    port = new URL(served.url).port as unknown as number;
  });

  afterAll(() => {
    served?.server.close();
  });

  test('the page, and / sends there', async () => {
    expect(await get(port, '/site/index.html')).toEqual({ status: 200, body: '<title>reports</title>' });
    expect((await get(port, '/')).status).toBe(302);
  });

  test.each([
    '/../secret.txt',
    '/site/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/site/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/site/..\\..\\secret.txt',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    '/.env',
  ])('%s is not served', async (path) => {
    const response = await get(port, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
  });
});
