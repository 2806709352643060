/**
 * A POST to exactly an endpoint's path skips express's router; what its
 * handlers see and what the client gets must be what the mounted handler
 * gives. Each case is sent twice: to `/hook` (handled directly) and to
 * `/hook/` (routed by express to the same handler, mounted), and the
 * answers compared.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/create-server.js';
import { listen } from '../../src/server/listen.js';
import { requestIds } from '../../src/server/ops-routes.js';

let server: Server;
let base = '';
const calls: string[] = [];

/** What a mounted handler sees of express, and a few ways to end or fail. */
const post: RequestHandler = (req, res, next) => {
  calls.push(req.originalUrl);
  const seen = {
    url: req.url,
    baseUrl: req.baseUrl,
    ip: req.ip,
    accept: req.get('accept'),
    locals: typeof res.locals,
    sameReq: res.req === req && req.res === res,
  };
  const how = req.get('x-how');
  if (how === 'next-error') return next(Object.assign(new Error('no'), { status: 422 }));
  if (how === 'throw') throw new Error('thrown');
  if (how === 'reject') return Promise.reject(new Error('rejected'));
  if (how === 'pass') return next();
  res.status(201).json(seen);
};

beforeAll(async () => {
  const listener = createServer({
    endpoints: [{ path: '/hook', handler: post, post }],
    health: {},
    logger: pino({ level: 'silent' }),
    httpLimit: { perMinute: 12 },
    before: [requestIds],
  });
  server = await listen(listener, { port: 0, host: '127.0.0.1', maxConnections: 50 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { accept: 'text/x-test', 'x-request-id': 'same-id', ...headers },
    body: '{}',
  });
  const kept = ['content-type', 'retry-after', 'x-request-id', 'etag', 'x-powered-by'];
  return {
    status: response.status,
    headers: Object.fromEntries(kept.map((name) => [name, response.headers.get(name)])),
    body: await response.text(),
  };
}

describe('direct routes', () => {
  it('hands the endpoint what express would (mounted URL, base URL, ip, prototypes)', async () => {
    const direct = await answer('/hook?a=1');
    const routed = await answer('/hook/?a=1');
    expect(direct).toEqual(routed);
    expect(JSON.parse(direct.body)).toEqual({
      url: '/?a=1',
      baseUrl: '/hook',
      ip: '127.0.0.1',
      accept: 'text/x-test',
      locals: 'object',
      sameReq: true,
    });
    expect(calls.slice(-2)).toEqual(['/hook?a=1', '/hook/?a=1']);
  });

  it.each(['next-error', 'throw', 'reject', 'pass'])(
    'ends a handler that does "%s" as express does',
    async (how) => {
      const direct = await answer('/hook', { 'x-how': how });
      const routed = await answer('/hook/', { 'x-how': how });
      expect(direct).toEqual(routed);
      expect(direct.status).toBe(
        { 'next-error': 422, throw: 500, reject: 500, pass: 404 }[how as 'pass'],
      );
    },
  );

  it('runs the flood guard first, and leaves other methods and paths to express', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await answer(i % 2 ? '/hook' : '/hook/')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const direct = await answer('/hook');
    const routed = await answer('/hook/');
    expect(direct).toEqual(routed);
    expect(direct.status).toBe(429);
    expect(direct.headers['retry-after']).toBe('60');
    // Other methods on the path go through express: the guard (mounted for all of them), then 404.
    expect((await fetch(`${base}/hook`)).status).toBe(429);
    expect((await fetch(`${base}/other`, { method: 'POST' })).status).toBe(404);
  });
});
