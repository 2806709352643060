/**
 * A durable botbuilder `Storage` on an embedded SQLite file, so conversation and
 * user state survive a restart without running a database server.
 *
 * Semantics follow botbuilder's own `MemoryStorage` so the bot behaves the same
 * in tests and in production: an item with no eTag or eTag '*' is written
 * unconditionally, as is any item whose key is not stored yet; otherwise the
 * eTag must match the stored one. Unlike `MemoryStorage`, a write of several
 * keys is all or nothing, so a conflict on one key never leaves the others
 * half-saved.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder-core';

export interface SqliteStorageOptions {
  /** File to open, created if missing; ':memory:' for a throwaway database. */
  path: string;
}

interface ItemRow {
  value: string;
  etag: string;
}

/**
 * The message is botbuilder's own, word for word, because callers (and
 * botbuilder samples) match on it; the code is for our logs and tests.
 */
export class StorageConflictError extends Error {
  readonly code = 'STORAGE_ETAG_CONFLICT';
  readonly key: string;

  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
    this.key = key;
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    etag TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`;

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly selectItem: Database.Statement<[string], ItemRow>;
  private readonly upsertItem: Database.Statement<[string, string, string, string]>;
  private readonly deleteItem: Database.Statement<[string]>;
  private readonly readAll: (keys: string[]) => StoreItems;
  private readonly writeAll: (changes: StoreItems) => void;
  private readonly deleteAll: (keys: string[]) => void;

  constructor(options: SqliteStorageOptions) {
    if (options.path !== ':memory:' && options.path !== '') {
      mkdirSync(dirname(options.path), { recursive: true });
    }
    this.db = new Database(options.path);
    // WAL lets readers carry on while a turn is saving state, and survives a
    // crash mid-write without corrupting the file.
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);

    this.selectItem = this.db.prepare('SELECT value, etag FROM items WHERE key = ?');
    this.upsertItem = this.db.prepare(
      `INSERT INTO items (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.deleteItem = this.db.prepare('DELETE FROM items WHERE key = ?');

    // better-sqlite3 rolls a transaction back when its function throws, which
    // is what makes a multi-key write all or nothing. Reads run in one too, so
    // every key comes from the same snapshot.
    this.readAll = this.db.transaction((keys: string[]) => this.readRows(keys));
    this.writeAll = this.db.transaction((changes: StoreItems) => this.writeRows(changes));
    this.deleteAll = this.db.transaction((keys: string[]) => {
      for (const key of keys) this.deleteItem.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.readAll(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.deleteAll(keys);
  }

  close(): void {
    this.db.close();
  }

  private readRows(keys: string[]): StoreItems {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectItem.get(key);
      // Missing keys are left out rather than set to undefined, as MemoryStorage does.
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  private writeRows(changes: StoreItems): void {
    const updatedAt = new Date().toISOString();
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = item ?? {};
      if (!isUnconditional(eTag)) {
        const stored = this.selectItem.get(key);
        if (stored && stored.etag !== eTag) throw new StorageConflictError(key);
      }
      // The eTag lives in its own column; serialising here is also the deep
      // copy that stops callers' later mutations reaching stored data.
      this.upsertItem.run(key, JSON.stringify(value), randomUUID(), updatedAt);
    }
  }
}

function isUnconditional(eTag: unknown): boolean {
  return eTag === undefined || eTag === null || eTag === '' || eTag === '*';
}

/** Opens the bot's state database inside its data folder. */
export function createSqliteStorage(dataDir: string): SqliteStorage {
  return new SqliteStorage({ path: join(dataDir, 'wuerror.sqlite') });
}
