/**
 * WAL checkpoints off the event loop (WUERROR_SQLITE_CHECKPOINT=worker). In WAL mode every commit appends to
 * the -wal file (no fsync with synchronous = NORMAL), and by default the
 * commit that takes the log past 1,000 pages copies it back into the
 * database and fsyncs both files, on the thread that runs the turns: on
 * this machine that was about 150 µs of blocked event loop per Teams
 * message on average with SQLite's default interval (a message makes five
 * small commits; the store now waits for 10,000 pages), longer on a slow
 * disk. Here the store's own connection never checkpoints
 * (wal_autocheckpoint = 0) and a worker thread with a second connection
 * runs a PASSIVE checkpoint every `everyMs`: it copies what is committed
 * without blocking writers, so the log stays small and no turn waits for
 * an fsync. Durability is unchanged (the same commits, the same fsyncs);
 * if the worker cannot run, the connection checkpoints by itself again.
 * The worker's own V8 isolate costs about 11 MB of RSS: not the default.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** The checkpoint loop, run as a worker script (plain CommonJS, no bundling needed). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { timeout: 5000 });
// Checkpointing reads each page once: no page cache worth keeping.
db.pragma('cache_size = -256');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  /** Stops the worker after one last checkpoint; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * `fallbackPages`: the connection's own checkpoint interval, set again when
 * the worker stops or fails.
 */
export function startCheckpointer(
  db: Database.Database,
  path: string,
  everyMs: number,
  fallbackPages: number,
): Checkpointer {
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path,
        everyMs,
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
      // A loop of one pragma: a small heap is plenty.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
      stdout: false,
      stderr: false,
    });
  } catch {
    return { stop: async () => {} };
  }
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let exited = false;
  const fallBack = () => {
    // Without the worker the connection checkpoints on its own again.
    if (db.open) db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  };
  const gone = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      exited = true;
      fallBack();
      resolve();
    });
  });
  worker.on('error', () => fallBack());
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) fallBack();
  });
  return {
    async stop() {
      if (exited) return;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
