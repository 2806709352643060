/**
 * Reading an attached log over real HTTP (a local server): the size cap
 * stops the stream, the timeout stops a slow host, redirects only to an
 * allowed host, UTF-16 LE decoded, binary, empty and .etl refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectLogLines } from '../../src/core/attached-file.js';
import {
  decodeLogBytes,
  hostOrSubdomain,
  isLoopback,
  readLogFile,
} from '../../src/services/read-log-file.js';

const CBS_LINE =
  '2024-02-14 09:04:10, Error                 CBS    Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE';

let server: Server;
let base: string;
let bytesSent = 0;
const seenAuth: string[] = [];

beforeAll(async () => {
  server = createServer((req, res): void => {
    seenAuth.push(String(req.headers.authorization ?? ''));
    const path = req.url ?? '/';
    if (path === '/cbs.log') {
      res.end(`${CBS_LINE}\n`);
      return;
    }
    if (path === '/huge.log') {
      // Keeps writing far past the cap; the reader must stop on its own.
      let sent = 0;
      const write = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += 64 * 1024;
          bytesSent = sent;
          if (!res.write(Buffer.alloc(64 * 1024, 0x41))) {
            res.once('drain', write);
            return;
          }
        }
        res.end();
      };
      write();
      return;
    }
    if (path === '/slow.log') {
      setTimeout(() => res.end('late'), 2000);
      return;
    }
    if (path === '/redirect-away') {
      res.writeHead(302, { location: 'http://example.invalid/cbs.log' });
      res.end();
      return;
    }
    if (path === '/redirect-here') {
      res.writeHead(302, { location: '/cbs.log' });
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const limits = { maxBytes: 1024 * 1024, timeoutMs: 500 };
const local = (url: URL) => isLoopback(url);

describe('readLogFile', () => {
  it('reads a text log, sending the headers it is given', async () => {
    const read = await readLogFile(
      {
        url: `${base}/cbs.log`,
        name: 'CBS.log',
        headers: { authorization: 'Bearer t' },
        allowed: local,
      },
      limits,
    );
    expect(read).toEqual({ kind: 'text', text: `${CBS_LINE}\n`, bytes: CBS_LINE.length + 1 });
    expect(seenAuth).toContain('Bearer t');
  });

  it('stops the stream at the cap and says the file is too large', async () => {
    const read = await readLogFile(
      { url: `${base}/huge.log`, name: 'big.log', allowed: local },
      limits,
    );
    expect(read).toEqual({ kind: 'too-large', limit: 1024 * 1024 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bytesSent).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses by the reported size without downloading', async () => {
    const read = await readLogFile(
      {
        url: 'https://nowhere.invalid/x',
        name: 'big.log',
        size: 2 * 1024 * 1024,
        allowed: () => true,
      },
      limits,
    );
    expect(read).toEqual({ kind: 'too-large', limit: 1024 * 1024 });
  });

  it('gives up on a slow host after the timeout', async () => {
    const started = Date.now();
    const read = await readLogFile(
      { url: `${base}/slow.log`, name: 'CBS.log', allowed: local },
      limits,
    );
    expect(read).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('never contacts a host that is not allowed, nor follows a redirect to one', async () => {
    const before = seenAuth.length;
    expect(
      await readLogFile({ url: `${base}/cbs.log`, name: 'CBS.log', allowed: () => false }, limits),
    ).toEqual({ kind: 'unreadable' });
    expect(seenAuth.length).toBe(before);
    expect(
      await readLogFile({ url: `${base}/redirect-away`, name: 'CBS.log', allowed: local }, limits),
    ).toEqual({ kind: 'unreadable' });
    expect(
      await readLogFile({ url: `${base}/redirect-here`, name: 'CBS.log', allowed: local }, limits),
    ).toMatchObject({ kind: 'text' });
  });

  it('answers an .etl by its name, and a missing file as unreadable', async () => {
    expect(
      await readLogFile(
        { url: `${base}/cbs.log`, name: 'WindowsUpdate.20240214.etl', allowed: local },
        limits,
      ),
    ).toEqual({ kind: 'etl' });
    expect(
      await readLogFile({ url: `${base}/missing.log`, name: 'x.log', allowed: local }, limits),
    ).toEqual({ kind: 'unreadable' });
  });
});

describe('decodeLogBytes', () => {
  it('decodes UTF-16 LE with and without a BOM, and UTF-8 with a BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CBS_LINE, 'utf16le')]);
    expect(decodeLogBytes(utf16)).toMatchObject({ kind: 'text', text: CBS_LINE });
    expect(decodeLogBytes(Buffer.from(CBS_LINE, 'utf16le'))).toMatchObject({ text: CBS_LINE });
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CBS_LINE)]);
    expect(decodeLogBytes(utf8)).toMatchObject({ kind: 'text', text: CBS_LINE });
  });

  it('refuses binary and empty files', () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x14, 0x00, 0x08, 0xff, 0x10, 0x90]);
    expect(decodeLogBytes(binary)).toEqual({ kind: 'binary' });
    expect(decodeLogBytes(Buffer.alloc(0))).toEqual({ kind: 'empty' });
    expect(decodeLogBytes(Buffer.from('  \r\n\n'))).toEqual({ kind: 'empty' });
  });
});

describe('hostOrSubdomain', () => {
  it('allows the Web API host and its subdomains over https only', () => {
    const allowed = hostOrSubdomain('slack.com');
    expect(allowed(new URL('https://files.slack.com/files-pri/T1-F1/cbs.log'))).toBe(true);
    expect(allowed(new URL('https://slack.com/x'))).toBe(true);
    expect(allowed(new URL('http://files.slack.com/x'))).toBe(false);
    expect(allowed(new URL('https://evilslack.com/x'))).toBe(false);
    expect(allowed(new URL('https://slack.com.evil.test/x'))).toBe(false);
  });
});

describe('selectLogLines', () => {
  it('keeps the failing lines of a log longer than the budget, the last ones first', () => {
    const noise = Array.from(
      { length: 2000 },
      (_, i) => `2024-02-14 09:00:00, Info CBS line ${i} nothing here`,
    );
    const log = [...noise, CBS_LINE, ...noise].join('\n');
    const selected = selectLogLines(log, 5000);
    expect(selected.length).toBeLessThanOrEqual(5000);
    expect(selected).toContain(CBS_LINE);
    expect(selectLogLines('short', 5000)).toBe('short');
  });
});
