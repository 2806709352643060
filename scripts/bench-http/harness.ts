/**
 * Parts of the HTTP benchmarks: system processes started and stopped, and a
 * closed-loop load generator. The fake platform (connector and Slack Web API
 * with adjustable latency) is the tests' own, test/support/fake-platform.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The server exactly as package.json's "start" script runs it after its
 * build step (`... && node <flags> <entry>`): benchmarks measure what
 * `npm start` (and the Dockerfile, which runs the same) would.
 */
export function serverCommand(): { script: string; nodeArgs: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const last = (pkg.scripts.start ?? '').split('&&').pop()?.trim().split(/\s+/) ?? [];
  const script = last.at(-1);
  if (last[0] !== 'node' || !script || last.length < 2) {
    throw new Error(
      `package.json "start" does not end in "node <flags> <entry>": ${last.join(' ')}`,
    );
  }
  return { script: join(ROOT, script), nodeArgs: last.slice(1, -1) };
}

export interface RunningSystem {
  name: string;
  url: string;
  pid: number;
  startupMs: number;
  /**
   * With `firstRequest`: from spawning the process to the first 2xx answer to
   * that request (sent every few ms from the start, refused or not), so a
   * server that answers /healthz early but is not yet able to answer shows it.
   */
  firstAnswerMs?: number;
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

export interface StartOptions {
  /** Node's own arguments before the script (the ones `npm start` would give). */
  nodeArgs?: string[];
  /** Also time the first answered request (see RunningSystem.firstAnswerMs). */
  firstRequest?: () => Outgoing;
}

/** Starts `node <nodeArgs> <script>` and waits for the first 200 from /healthz. */
export async function startSystem(
  name: string,
  script: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningSystem> {
  const nodeArgs = options.nodeArgs ?? [];
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
  const until = async (ok: () => Promise<boolean>): Promise<number> => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr.slice(-800)}`);
      if (await ok()) return performance.now() - started;
      if (performance.now() - started > 20_000) throw new Error(`${name} did not start`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const first = options.firstRequest;
  const [startupMs, firstAnswerMs] = await Promise.all([
    until(async () => (await get(`${url}/healthz`)) === 200),
    first
      ? until(async () => {
          const status = await send(url, first());
          return status >= 200 && status < 300;
        })
      : undefined,
  ]);
  return {
    name,
    url,
    pid: child.pid ?? 0,
    startupMs,
    ...(firstAnswerMs === undefined ? {} : { firstAnswerMs }),
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

/** POSTs one request; the answer's body is read only when asked for (a slash command's ack may carry a note). */
function post<T>(
  url: string,
  out: Outgoing,
  answer: (status: number, body: string) => T,
  readBody: boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...out.headers, 'content-length': Buffer.byteLength(out.body) },
      },
      (res) => {
        let body = '';
        if (readBody) {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
        } else res.resume();
        res.on('end', () => resolve(answer(res.statusCode ?? 0, body)));
      },
    );
    req.on('error', () => resolve(answer(0, '')));
    req.end(out.body);
  });
}

export function send(baseUrl: string, out: Outgoing): Promise<number> {
  return post(`${baseUrl}${out.path}`, out, (status) => status, false);
}

export function sendReadingBody(
  baseUrl: string,
  out: Outgoing,
): Promise<{ status: number; body: string }> {
  return post(`${baseUrl}${out.path}`, out, (status, body) => ({ status, body }), true);
}

let activities = 0;

/**
 * A Teams message (or a click: `value` and `replyToId`; an Action.Execute
 * click is `type: 'invoke'`, `name: 'adaptiveCard/action'`) shaped as Teams
 * sends it to /api/messages, in personal chat, replying through `serviceUrl`.
 */
export function teamsActivity(
  serviceUrl: string,
  conversation: string,
  input: { text?: string; value?: unknown; replyToId?: string; type?: string; name?: string },
): Outgoing {
  const activity = {
    type: 'message',
    id: `bench-${process.pid}-${++activities}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${serviceUrl}/`,
    channelId: 'msteams',
    from: {
      id: `29:bench-${conversation}`,
      name: 'Bench User',
      aadObjectId: '00000000-0000-4000-8000-000000000001',
    },
    conversation: { conversationType: 'personal', tenantId: 'bench-tenant', id: conversation },
    recipient: { id: '28:bench-bot', name: 'wuerror' },
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: 'bench-tenant' } },
    ...input,
  };
  return {
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  };
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
