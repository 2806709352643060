/**
 * The state seam on an embedded SQLite file, so conversations, "seen this
 * event" claims and rate-limit counters survive a restart without a database
 * server. One table: key, value (JSON), version, expires_at. An expired row
 * counts as absent; expired rows are purged when touched and once a minute.
 *
 * better-sqlite3 is synchronous and every operation is one SQL statement, so
 * compare-and-set, claim and hit are atomic within the process (and across
 * processes sharing the file, through SQLite's own locking).
 *
 * Operations asked for in the same tick run together at the end of it, in
 * the order asked, in one transaction (one commit, one write to the log):
 * a turn's two rate-limit counts and its conversation load go as one. A
 * lone operation runs as its own statement, as before. When the batch's
 * transaction fails (a lock held too long, a full disk) each operation is
 * tried again on its own, so one failure never fails another turn's write
 * and nothing is reported written that was rolled back.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WuerrorError } from '../errors.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import type { SaveOptions, StateStore, Versioned } from './state-store.js';
import { versionSource } from './versions.js';

export interface SqliteStoreOptions {
  /** File to open, created if missing; ':memory:' for a throwaway database. */
  path: string;
  now?: () => number;
  /** How often expired rows are deleted in the background; 0 turns it off. */
  purgeEveryMs?: number;
  /**
   * How often a worker thread checkpoints the write-ahead log (on disk only;
   * sqlite-checkpointer.ts); 0 (the default) leaves it to the connection.
   */
  checkpointEveryMs?: number;
}

interface Row {
  value: string;
  version: string;
  expires_at: number | null;
}

/** A row as a statement writes it (named parameters). */
interface Written {
  key: string;
  value: string;
  version: string;
  expiresAt: number | null;
}

/** Pages of write-ahead log before a commit checkpoints it (see openChecked). */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** With WUERROR_SQLITE_CHECKPOINT=worker: how often the worker checkpoints. */
const CHECKPOINT_EVERY_MS = 100;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    version TEXT NOT NULL,
    expires_at INTEGER
  )`;

export function createSqliteStore(options: SqliteStoreOptions): StateStore {
  const now = options.now ?? Date.now;
  const onDisk = options.path !== ':memory:' && options.path !== '';
  if (onDisk) checkFolder(dirname(options.path));
  const db = openChecked(options.path, onDisk);
  const checkpointEveryMs = options.checkpointEveryMs ?? 0;
  const checkpointer =
    onDisk && checkpointEveryMs > 0
      ? startCheckpointer(db, options.path, checkpointEveryMs, WAL_AUTOCHECKPOINT_PAGES)
      : undefined;

  const select = db.prepare<[string], Row>(
    'SELECT value, version, expires_at FROM state WHERE key = ?',
  );
  const expired = (column: string) => `${column} IS NOT NULL AND ${column} <= @now`;
  // Written only when nothing live is stored: absent, or expired (then replaced).
  const insertIfAbsent = db.prepare<[Written & { now: number }]>(
    `INSERT INTO state (key, value, version, expires_at) VALUES (@key, @value, @version, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET
       value = excluded.value, version = excluded.version, expires_at = excluded.expires_at
     WHERE ${expired('state.expires_at')}`,
  );
  // Compare-and-set: written only over the live row of the expected version.
  const updateIfVersion = db.prepare<[Written & { expected: string; now: number }]>(
    `UPDATE state SET value = @value, version = @version, expires_at = @expiresAt
     WHERE key = @key AND version = @expected AND NOT (${expired('expires_at')})`,
  );
  // One more in the current window; a window that ended starts again at 1.
  const count = db.prepare<[Omit<Written, 'value'> & { now: number }], { value: string }>(
    `INSERT INTO state (key, value, version, expires_at) VALUES (@key, '1', @version, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET
       value = CASE WHEN ${expired('state.expires_at')} THEN '1'
         ELSE CAST(CAST(state.value AS INTEGER) + 1 AS TEXT) END,
       version = CASE WHEN ${expired('state.expires_at')} THEN excluded.version ELSE state.version END,
       expires_at = CASE WHEN ${expired('state.expires_at')} THEN excluded.expires_at
         ELSE state.expires_at END
     RETURNING value`,
  );
  const remove = db.prepare<[string]>('DELETE FROM state WHERE key = ?');
  const removeExpired = db.prepare<[{ key: string; now: number }]>(
    `DELETE FROM state WHERE key = @key AND ${expired('expires_at')}`,
  );
  const purge = db.prepare<[{ now: number }]>(`DELETE FROM state WHERE ${expired('expires_at')}`);
  const one = db.prepare('SELECT 1');

  // Measured from the same instant the statement compares expiries with.
  const expiry = (ttlMs: number | undefined, at: number) =>
    ttlMs === undefined ? null : at + ttlMs;

  const purgeEveryMs = options.purgeEveryMs ?? 60_000;
  const timer =
    purgeEveryMs > 0
      ? setInterval(() => purge.run({ now: now() }), purgeEveryMs).unref()
      : undefined;

  // Each operation is one SQL statement, which SQLite runs atomically: a statement
  // that writes takes the write lock before it reads (waiting up to the busy
  // timeout for another process), so compare-and-set, claim and hit need no
  // transaction of their own, and a load takes no lock.
  const batch = createBatcher(db);
  const nextVersion = versionSource();

  return {
    load<T>(key: string): Promise<Versioned<T> | null> {
      return batch.read(() => {
        const row = select.get(key);
        if (!row) return null;
        const at = now();
        if (row.expires_at !== null && row.expires_at <= at) {
          // Deleted on the way, unless someone saved it again meanwhile.
          removeExpired.run({ key, now: at });
          return null;
        }
        return { value: JSON.parse(row.value) as T, version: row.version };
      });
    },
    async save<T>(key: string, value: T, expected: string | null, saveOptions: SaveOptions = {}) {
      // Serialised now: a value that cannot be is the caller's error alone, and
      // later changes to it by the caller never reach the stored row.
      const json = JSON.stringify(value);
      const at = now();
      const expiresAt = expiry(saveOptions.ttlMs, at);
      const version = await batch.write(() => {
        const version = nextVersion();
        const { changes } =
          expected === null
            ? insertIfAbsent.run({ key, value: json, version, expiresAt, now: at })
            : updateIfVersion.run({ key, value: json, version, expiresAt, expected, now: at });
        // Thrown once the batch is settled, never inside its transaction.
        return changes === 1 ? version : conflict;
      });
      if (version === conflict) {
        throw new WuerrorError('STATE_CONFLICT', `state "${key}" changed since it was loaded`);
      }
      return version;
    },
    delete(key) {
      return batch.write(() => {
        remove.run(key);
      });
    },
    claim(key, ttlMs) {
      const at = now();
      const expiresAt = expiry(ttlMs, at);
      return batch.write(
        () =>
          insertIfAbsent.run({ key, value: 'true', version: nextVersion(), expiresAt, now: at })
            .changes === 1,
      );
    },
    hit(key, windowMs) {
      const at = now();
      const expiresAt = expiry(windowMs, at);
      return batch.write(() =>
        Number(count.get({ key, version: nextVersion(), expiresAt, now: at })?.value),
      );
    },
    async ping() {
      one.get();
    },
    async close() {
      batch.flush();
      if (timer) clearInterval(timer);
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}

/** What a compare-and-set that lost returns inside a batch (thrown once it is settled). */
const conflict = Symbol('conflict');

interface Pending {
  run: () => unknown;
  write: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the operations asked for in one tick and runs them at its end:
 * one operation as it is, several in one BEGIN IMMEDIATE transaction when
 * any of them writes (the write lock taken up front, waiting up to the busy
 * timeout, as a lone write statement would). Results are handed out only
 * after the commit.
 */
function createBatcher(db: Database.Database) {
  let queue: Pending[] = [];
  let writes = false;
  const together = db.transaction((ops: Pending[], results: unknown[]) => {
    for (const op of ops) results.push(op.run());
  });

  function alone(op: Pending): void {
    try {
      op.resolve(op.run());
    } catch (error) {
      op.reject(error);
    }
  }

  function flush(): void {
    const ops = queue;
    const write = writes;
    if (ops.length === 0) return;
    queue = [];
    writes = false;
    if (ops.length === 1 || !write) {
      for (const op of ops) alone(op);
      return;
    }
    const results: unknown[] = [];
    try {
      together.immediate(ops, results);
    } catch {
      // Rolled back as a whole: each operation on its own, as if never batched.
      for (const op of ops) alone(op);
      return;
    }
    for (let i = 0; i < ops.length; i++) ops[i]?.resolve(results[i]);
  }

  function add<T>(run: () => T, write: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (queue.length === 0) queueMicrotask(flush);
      queue.push({ run, write, resolve: resolve as (value: unknown) => void, reject });
      writes ||= write;
    });
  }

  return {
    read: <T>(run: () => T) => add(run, false),
    write: <T>(run: () => T) => add(run, true),
    flush,
  };
}

/** The data folder exists (or can be made), is a folder, and can be written: else one clear line. */
function checkFolder(folder: string): void {
  const unusable = (why: string) =>
    new WuerrorError(
      'DATA_DIR_UNUSABLE',
      `DATA_DIR ${folder} ${why}; set DATA_DIR to a writable folder`,
    );
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    try {
      mkdirSync(folder, { recursive: true });
      return;
    } catch (error) {
      throw unusable(`cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (!isFolder) throw unusable('is a file, not a folder');
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw unusable('is read-only');
  }
}

/**
 * Opens the file and runs SQLite's quick check before anything else: a
 * damaged database must stop start-up with what to do, not answer every
 * turn with an apology.
 */
function openChecked(path: string, onDisk: boolean): Database.Database {
  const corrupt = (detail: string) =>
    new WuerrorError(
      'DATABASE_CORRUPT',
      `the state database ${path} is damaged (${detail}); stop the bot, move the file (and its -wal and -shm files) aside to start with empty state, or restore it from a backup`,
    );
  let db: Database.Database | undefined;
  try {
    // Several server processes (WEB_CONCURRENCY) may share the file: a writer
    // waits up to 5 s for another's transaction instead of failing at once.
    db = new Database(path, { timeout: 5000 });
    // WAL lets readers carry on while a turn is saving state, and survives a
    // crash mid-write without corrupting the file.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never corrupts the file; it skips the fsync on every
    // commit (the event loop waits for each write), at the risk of losing the
    // last turns' state on a power cut, not on a process crash.
    db.pragma('synchronous = NORMAL');
    // A checkpoint (the log copied back into the file, both fsynced) runs inside the
    // commit that takes the log past this many pages, on the event loop. SQLite's
    // default, 1,000 pages (4 MB), is about 150 Teams messages here (five small
    // commits each, ~27 KB of log), and each checkpoint's fsyncs blocked every turn
    // for 10-100 ms on a busy disk: ~100-150 µs per message on average. 10,000 pages
    // (a log file of up to 40 MB, reused) makes that a tenth as often for about the
    // same pause; durability does not change (the same commits, the same fsyncs).
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    if (onDisk) {
      const rows = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
      if (problems.length > 0) throw corrupt(problems.slice(0, 3).join('; '));
    }
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    if (error instanceof WuerrorError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (/CORRUPT|NOTADB/.test(code)) throw corrupt(code);
    if (/READONLY|CANTOPEN|PERM/.test(code)) {
      throw new WuerrorError(
        'DATA_DIR_UNUSABLE',
        `the state database ${path} cannot be opened for writing (${code}); check the permissions of DATA_DIR`,
      );
    }
    throw error;
  }
}

/** Opens the bot's state database inside its data folder. */
export function createSqliteStoreIn(
  dataDir: string,
  { checkpointInWorker = false }: { checkpointInWorker?: boolean } = {},
): StateStore {
  return createSqliteStore({
    path: join(dataDir, 'wuerror.sqlite'),
    checkpointEveryMs: checkpointInWorker ? CHECKPOINT_EVERY_MS : 0,
  });
}
