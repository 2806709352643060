/**
 * The state seam in a Map, for the terminal chat and the tests: one process,
 * nothing worth keeping after it ends. It keeps the same promises as the
 * SQLite and Redis stores (versions, compare-and-set, expiry), so code tested
 * against it behaves the same against them.
 */
import { WuerrorError } from '../errors.js';
import type { SaveOptions, StateStore, Versioned } from './state-store.js';

interface Entry {
  /** Serialised, so callers' later mutations never reach stored data. */
  json: string;
  version: number;
  expiresAt: number | null;
}

export function createMemoryStore(now: () => number = Date.now): StateStore {
  const entries = new Map<string, Entry>();
  let lastVersion = 0;

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function put(key: string, value: unknown, ttlMs: number | undefined): Entry {
    const entry = {
      json: JSON.stringify(value),
      version: ++lastVersion,
      expiresAt: ttlMs === undefined ? null : now() + ttlMs,
    };
    entries.set(key, entry);
    return entry;
  }

  return {
    async load<T>(key: string): Promise<Versioned<T> | null> {
      const entry = live(key);
      return entry ? { value: JSON.parse(entry.json) as T, version: String(entry.version) } : null;
    },
    async save<T>(key: string, value: T, expected: string | null, options: SaveOptions = {}) {
      const stored = live(key);
      const current = stored ? String(stored.version) : null;
      if (current !== expected) {
        throw new WuerrorError('STATE_CONFLICT', `state "${key}" changed since it was loaded`);
      }
      return String(put(key, value, options.ttlMs).version);
    },
    async delete(key) {
      entries.delete(key);
    },
    async claim(key, ttlMs) {
      if (live(key)) return false;
      put(key, true, ttlMs);
      return true;
    },
    async hit(key, windowMs) {
      const entry = live(key);
      if (!entry) {
        put(key, 1, windowMs);
        return 1;
      }
      const count = (JSON.parse(entry.json) as number) + 1;
      entry.json = JSON.stringify(count);
      return count;
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
}
