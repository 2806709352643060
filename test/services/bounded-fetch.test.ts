import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceUrlPolicy } from '../../src/adapters/teams/service-url-policy.js';
import { boundedFetch } from '../../src/services/bounded-fetch.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('boundedFetch', () => {
  it('gives up on a peer that never answers after attempts x timeout', async () => {
    let calls = 0;
    const url = await serve(() => {
      calls++;
    });
    const started = performance.now();
    await expect(
      boundedFetch({ timeoutMs: 200, attempts: 2, backoffMs: 10 })(url),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(calls).toBe(2);
  });

  it('retries a 503 once and returns the second answer; a 400 is final', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      calls++;
      res.statusCode = req.url === '/bad' ? 400 : calls === 1 ? 503 : 200;
      res.end();
    });
    const fetcher = boundedFetch({ timeoutMs: 1_000, attempts: 2, backoffMs: 10 });
    expect((await fetcher(url)).status).toBe(200);
    expect(calls).toBe(2);
    expect((await fetcher(`${url}bad`)).status).toBe(400);
    expect(calls).toBe(3);
  });
});

describe('serviceUrlPolicy', () => {
  it('allows only loopback without credentials, plus the listed hosts and prefixes', () => {
    const allowed = serviceUrlPolicy(true, [
      'smba.trafficmanager.net',
      'https://bots.example.com/teams/',
    ]);
    expect(allowed('http://127.0.0.1:56150/')).toBe(true);
    expect(allowed('http://[::1]:3000/')).toBe(true);
    expect(allowed('http://localhost:3000/')).toBe(true);
    expect(allowed('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(allowed('https://bots.example.com/teams/x')).toBe(true);
    expect(allowed('https://bots.example.com/other/')).toBe(false);
    expect(allowed('https://smba.trafficmanager.net.evil.example/')).toBe(false);
    expect(allowed('http://169.254.169.254/')).toBe(false);
    expect(allowed('http://127.0.0.1.nip.io/')).toBe(false);
    expect(allowed('ftp://127.0.0.1/')).toBe(false);
  });

  it("leaves the check to botbuilder's token with credentials, unless a list is set", () => {
    expect(serviceUrlPolicy(false, [])('https://anything.example/')).toBe(true);
    const listed = serviceUrlPolicy(false, ['smba.trafficmanager.net']);
    expect(listed('https://smba.trafficmanager.net/amer/')).toBe(true);
    expect(listed('http://127.0.0.1/')).toBe(false);
  });
});
