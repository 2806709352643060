/**
 * The state seam on an embedded SQLite file, so conversations, "seen this
 * event" claims and rate-limit counters survive a restart without a database
 * server. One table: key, value (JSON), version, expires_at. An expired row
 * counts as absent; expired rows are purged when touched and once a minute.
 *
 * better-sqlite3 is synchronous and every method runs in one transaction, so
 * compare-and-set, claim and hit are atomic within the process (and across
 * processes sharing the file, through SQLite's own locking).
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WuerrorError } from '../errors.js';
import type { SaveOptions, StateStore, Versioned } from './state-store.js';

export interface SqliteStoreOptions {
  /** File to open, created if missing; ':memory:' for a throwaway database. */
  path: string;
  now?: () => number;
  /** How often expired rows are deleted in the background; 0 turns it off. */
  purgeEveryMs?: number;
}

interface Row {
  value: string;
  version: string;
  expires_at: number | null;
}

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

  const select = db.prepare<[string], Row>(
    'SELECT value, version, expires_at FROM state WHERE key = ?',
  );
  const upsert = db.prepare<[string, string, string, number | null]>(
    `INSERT INTO state (key, value, version, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
  );
  const setValue = db.prepare<[string, string]>('UPDATE state SET value = ? WHERE key = ?');
  const remove = db.prepare<[string]>('DELETE FROM state WHERE key = ?');
  const purge = db.prepare<[number]>(
    'DELETE FROM state WHERE expires_at IS NOT NULL AND expires_at <= ?',
  );

  /** The row if it is there and not expired; an expired row is deleted on the way. */
  function live(key: string): Row | undefined {
    const row = select.get(key);
    if (row && row.expires_at !== null && row.expires_at <= now()) {
      remove.run(key);
      return undefined;
    }
    return row;
  }

  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? null : now() + ttlMs);

  const save = db.transaction(
    (key: string, json: string, expected: string | null, ttlMs: number | undefined) => {
      const row = live(key);
      if ((row?.version ?? null) !== expected) {
        throw new WuerrorError('STATE_CONFLICT', `state "${key}" changed since it was loaded`);
      }
      // A fresh random version, never a counter: a key deleted and saved again
      // must not reuse a version someone may still hold.
      const version = randomUUID();
      upsert.run(key, json, version, expiry(ttlMs));
      return version;
    },
  );
  const claim = db.transaction((key: string, ttlMs: number) => {
    if (live(key)) return false;
    upsert.run(key, 'true', randomUUID(), expiry(ttlMs));
    return true;
  });
  const hit = db.transaction((key: string, windowMs: number) => {
    const row = live(key);
    if (!row) {
      upsert.run(key, '1', randomUUID(), expiry(windowMs));
      return 1;
    }
    const count = (JSON.parse(row.value) as number) + 1;
    setValue.run(String(count), key);
    return count;
  });
  const load = db.transaction((key: string) => live(key));

  const purgeEveryMs = options.purgeEveryMs ?? 60_000;
  const timer =
    purgeEveryMs > 0 ? setInterval(() => purge.run(now()), purgeEveryMs).unref() : undefined;

  // Transactions that may write take the write lock when they begin
  // (BEGIN IMMEDIATE): a deferred one that read first could not upgrade after
  // another process wrote, and would fail without waiting.
  return {
    async load<T>(key: string): Promise<Versioned<T> | null> {
      const row = load.immediate(key);
      return row ? { value: JSON.parse(row.value) as T, version: row.version } : null;
    },
    async save<T>(key: string, value: T, expected: string | null, saveOptions: SaveOptions = {}) {
      return save.immediate(key, JSON.stringify(value), expected, saveOptions.ttlMs);
    },
    async delete(key) {
      remove.run(key);
    },
    async claim(key, ttlMs) {
      return claim.immediate(key, ttlMs);
    },
    async hit(key, windowMs) {
      return hit.immediate(key, windowMs);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (timer) clearInterval(timer);
      if (db.open) db.close();
    },
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
export function createSqliteStoreIn(dataDir: string): StateStore {
  return createSqliteStore({ path: join(dataDir, 'wuerror.sqlite') });
}
