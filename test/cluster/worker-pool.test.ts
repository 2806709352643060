/**
 * WEB_CONCURRENCY: workers sharing one port, a crashed worker replaced, all
 * of them stopped on shutdown; and the SQLite store they share counting
 * right when several processes write to it at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerPool, type WorkerPool } from '../../src/cluster/worker-pool.js';
import { createSqliteStore } from '../../src/storage/sqlite-store.js';

// biome-ignore lint/suspicious/noExplicitAny: log lines are JSON under test.
type Json = any;

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'cluster');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One request on its own connection, so the cluster hands each to the next worker. */
function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

describe('the worker pool', () => {
  it('shares one port between the workers, replaces a crashed one and stops them all', async () => {
    const logs: Json[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const port = await freePort();
    pool = startWorkerPool({
      workers: 2,
      logger: pino({ level: 'info' }, sink),
      exec: join(fixtures, 'worker.mjs'),
      execArgv: [],
      env: { PORT: String(port) },
      restartDelayMs: 20,
    });
    await pool.ready;
    const first = pool.pids();
    expect(first).toHaveLength(2);

    const url = `http://127.0.0.1:${port}/`;
    const answered = new Set<number>();
    for (let i = 0; i < 8; i++) answered.add(Number(await fetchText(url)));
    expect([...answered].sort()).toEqual([...first].sort());

    await fetchText(`${url}crash`);
    await until(() => pool?.pids().length === 2 && !pool.pids().every((p) => first.includes(p)));
    const crash = logs.find((l) => l.code === 'WORKER_EXITED');
    expect(crash).toMatchObject({ exitCode: 3 });
    expect(first).toContain(crash.pid);
    // The replacement serves the port too.
    const after = pool.pids();
    const seen = new Set<number>();
    for (let i = 0; i < 8; i++) seen.add(Number(await fetchText(url)));
    expect([...seen].sort()).toEqual([...after].sort());

    await pool.stop();
    expect(pool.pids()).toEqual([]);
    await until(() => after.every((p) => !alive(p)));
  }, 30_000);

  it('counts right when several processes write to one SQLite file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-pool-'));
    const path = join(dir, 'state.sqlite');
    try {
      // Create the file and its WAL before the writers race to do it.
      await createSqliteStore({ path, purgeEveryMs: 0 }).close();
      const runs = Array.from(
        { length: 3 },
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', join(fixtures, 'hit-store.ts'), path, 'k', '150'],
              { stdio: 'inherit' },
            );
            child.on('exit', resolve);
          }),
      );
      expect(await Promise.all(runs)).toEqual([0, 0, 0]);
      const store = createSqliteStore({ path, purgeEveryMs: 0 });
      expect(await store.hit('k', 60_000)).toBe(451);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
