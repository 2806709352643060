/**
 * Parts of the HTTP benchmark: fake platform endpoints on loopback (the Bot
 * Framework connector and Slack's Web API, with adjustable latency), system
 * processes started and stopped, and a closed-loop load generator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEndpoint {
  url: string;
  /** Milliseconds every answer waits; change between runs. */
  latencyMs: number;
  /** Calls received since the last reset. */
  calls: number;
  /** The newest Adaptive Card posted per conversation id (Teams connector). */
  cards: Map<string, { activityId: string; card: unknown }>;
  close(): Promise<void>;
}

let activityCounter = 0;

/** Answers like the Bot Framework connector and like Slack's Web API. */
export async function startFakeEndpoint(): Promise<FakeEndpoint> {
  const endpoint: FakeEndpoint = {
    url: '',
    latencyMs: 0,
    calls: 0,
    cards: new Map(),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      endpoint.calls++;
      const url = req.url ?? '';
      const answer = () => {
        if (url.startsWith('/v3/conversations/')) {
          const id = `act-${++activityCounter}`;
          const conversation = decodeURIComponent(url.split('/')[3] ?? '');
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
            const card = body.attachments?.[0]?.content;
            if (card && req.method === 'POST')
              endpoint.cards.set(conversation, { activityId: id, card });
          } catch {
            // Not JSON: nothing to remember.
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id }));
          return;
        }
        // Slack Web API methods and response_url posts.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}`, channel: 'C0BENCH' }));
      };
      if (endpoint.latencyMs > 0) setTimeout(answer, endpoint.latencyMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  endpoint.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return endpoint;
}

export interface RunningSystem {
  name: string;
  url: string;
  pid: number;
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `node <script>` and waits for the first 200 from /healthz. */
export async function startSystem(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<RunningSystem> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr.slice(-800)}`);
    if ((await get(`${url}/healthz`)) === 200) break;
    if (performance.now() - started > 20_000) throw new Error(`${name} did not start`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const startupMs = performance.now() - started;
  return {
    name,
    url,
    pid: child.pid ?? 0,
    startupMs,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 500 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export interface Outgoing {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function send(baseUrl: string, out: Outgoing): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}${out.path}`,
      {
        method: 'POST',
        agent,
        headers: { ...out.headers, 'content-length': Buffer.byteLength(out.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(out.body);
  });
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * Closed loop: `concurrency` workers, each sending its next request as soon
 * as the previous one is answered, for `durationMs` or `maxRequests`.
 */
export async function runLoad(options: {
  baseUrl: string;
  concurrency: number;
  durationMs: number;
  maxRequests?: number;
  next: (worker: number, iteration: number) => Outgoing | Promise<Outgoing>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const limit = options.maxRequests ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline && sent < limit; i++) {
        sent++;
        const out = await options.next(worker, i);
        const t0 = performance.now();
        const status = await send(options.baseUrl, out);
        latencies.push(performance.now() - t0);
        if (status < 200 || status >= 300) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
