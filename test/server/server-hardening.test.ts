/**
 * The HTTP server's own bounds: readiness that tells the truth, slow bodies
 * cut after a bounded time, a cap on open connections.
 */

import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { listen } from '../../src/server/listen.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import type { StateStore } from '../../src/storage/state-store.js';

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(store: StateStore) {
  running = await startApp({
    config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
    logger: pino({ level: 'silent' }),
    store,
  });
  return running;
}

describe('/readyz and /healthz', () => {
  it('is ready when the store and the knowledge answer', async () => {
    const app = await start(createMemoryStore());
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', knowledge: 'ok' },
    });
  });

  it('is not ready (503) when the store does not answer, while /healthz stays a cheap ok', async () => {
    const store = createMemoryStore();
    let down = false;
    const flaky: StateStore = {
      ...store,
      ping: () => (down ? Promise.reject(new Error('connection refused')) : store.ping()),
    };
    const app = await start(flaky);
    down = true;
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      checks: { store: 'failing', knowledge: 'ok' },
    });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('slow and greedy clients', () => {
  const servers: import('node:http').Server[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function tiny(options: { maxConnections: number; requestTimeoutMs?: number }) {
    const app = express();
    app.post('/', express.json(), (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    const server = await listen(app, { port: 0, host: '127.0.0.1', ...options });
    servers.push(server);
    return (server.address() as AddressInfo).port;
  }

  function open(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
      sockets.push(socket);
    });
  }

  const closed = (socket: Socket) =>
    new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.once('close', () => resolve(data));
    });

  it('cuts a request whose body never finishes arriving', async () => {
    const port = await tiny({ maxConnections: 10, requestTimeoutMs: 500 });
    const socket = await open(port);
    const ended = closed(socket);
    const started = performance.now();
    socket.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    const answer = await ended;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('accepts at most maxConnections sockets at once', async () => {
    const port = await tiny({ maxConnections: 2 });
    const first = await open(port);
    const second = await open(port);
    const third = await open(port);
    const thirdClosed = closed(third);
    third.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await thirdClosed).toBe('');
    expect(first.destroyed || second.destroyed).toBe(false);
  });

  it('uses the configured cap and defaults', () => {
    expect(loadConfig({}).limits.maxConnections).toBe(1000);
    expect(loadConfig({ WUERROR_MAX_CONNECTIONS: '50' }).limits.maxConnections).toBe(50);
  });
});
