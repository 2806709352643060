/**
 * WEB_CONCURRENCY > 1: this process becomes the primary of a node:cluster
 * pool. It serves nothing itself; it forks that many workers, each a whole
 * server (`startApp`) listening on the same port, which the cluster module
 * shares between them. They share state through the store (one SQLite file
 * in WAL mode with a busy timeout, or Redis), never through memory.
 *
 * A worker that dies unexpectedly is replaced, after a delay that doubles
 * while workers keep dying young (a broken configuration must not fork in a
 * tight loop). SIGTERM or SIGINT to the primary stops every worker with
 * SIGTERM (each closes its server and store) and waits for them; a worker
 * still alive after `stopTimeoutMs` is killed.
 */
import cluster, { type Worker } from 'node:cluster';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';

export interface WorkerPoolOptions {
  workers: number;
  logger: Logger;
  /** The worker's script; this process's own script when unset. */
  exec?: string;
  /** Node flags for workers; this process's own when unset. */
  execArgv?: string[];
  /** Extra environment for workers. */
  env?: Record<string, string>;
  /** First delay before replacing a worker that died; doubles up to 30 s. */
  restartDelayMs?: number;
  /** A worker that lived this long before dying resets the delay. */
  healthyAfterMs?: number;
  stopTimeoutMs?: number;
}

export interface WorkerPool {
  /** Process ids of the workers serving the port (forked and listening). */
  pids(): number[];
  /** Resolves once `workers` workers have started listening. */
  ready: Promise<void>;
  /** Stops every worker (SIGTERM, then SIGKILL after the timeout) and stops replacing them. */
  stop(): Promise<void>;
}

const MAX_RESTART_DELAY_MS = 30_000;

export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const { logger } = options;
  const baseDelay = options.restartDelayMs ?? 500;
  const healthyAfter = options.healthyAfterMs ?? 10_000;
  cluster.setupPrimary({
    ...(options.exec ? { exec: options.exec } : {}),
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  const live = new Map<number, { worker: Worker; startedAt: number; listening: boolean }>();
  let stopping = false;
  let delay = baseDelay;
  const restarts = new Set<NodeJS.Timeout>();

  let listening = 0;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function fork(): void {
    const worker = cluster.fork(options.env ?? {});
    const entry = { worker, startedAt: Date.now(), listening: false };
    live.set(worker.id, entry);
    worker.once('listening', () => {
      entry.listening = true;
      if (++listening === options.workers) markReady();
    });
    worker.once('exit', (code, signal) => {
      live.delete(worker.id);
      if (stopping) return;
      const lived = Date.now() - entry.startedAt;
      delay = lived >= healthyAfter ? baseDelay : delay;
      logger.error(
        {
          pid: worker.process.pid,
          exitCode: code,
          signal,
          livedMs: lived,
          restartInMs: delay,
          code: 'WORKER_EXITED' satisfies LogCode,
        },
        'worker died; starting another',
      );
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!stopping) fork();
      }, delay);
      restarts.add(timer);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  }

  for (let i = 0; i < options.workers; i++) fork();
  logger.info({ workers: options.workers }, 'worker pool started');

  return {
    pids: () =>
      [...live.values()].filter((e) => e.listening).map(({ worker }) => worker.process.pid ?? 0),
    ready,
    async stop() {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      const exits = [...live.values()].map(
        ({ worker }) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
            setTimeout(() => {
              if (!worker.isDead()) worker.process.kill('SIGKILL');
            }, options.stopTimeoutMs ?? 10_000).unref();
          }),
      );
      await Promise.all(exits);
    },
  };
}

/** True in the primary of a pool about to start workers, false in a worker or alone. */
export function isPoolPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}
