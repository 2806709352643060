/**
 * The project's own state seam. Conversation state, "seen this event already"
 * marks, rate-limit counters and hand-off references all go through it, so
 * the embedded SQLite store, the in-memory store (CLI, tests) and the Redis
 * store (several instances) are interchangeable.
 *
 * Versions are opaque strings chosen by the store. `save` is a real
 * compare-and-set: it writes only when the stored version is still the one
 * the caller loaded (or, with `expected: null`, when nothing is stored), and
 * otherwise throws `WuerrorError('STATE_CONFLICT')`. Callers never recognise a
 * conflict by message text, only by that code.
 */

export interface Versioned<T> {
  value: T;
  version: string;
}

export interface SaveOptions {
  /** Forget the key after this long without a save (idle conversations). */
  ttlMs?: number;
}

export interface StateStore {
  /** The stored value and its version, or null when nothing is stored (or it expired). */
  load<T = unknown>(key: string): Promise<Versioned<T> | null>;
  /**
   * Writes `value` if the stored version is `expected` (null: only if absent).
   * Resolves to the new version; throws WuerrorError('STATE_CONFLICT') otherwise.
   */
  save<T = unknown>(
    key: string,
    value: T,
    expected: string | null,
    options?: SaveOptions,
  ): Promise<string>;
  delete(key: string): Promise<void>;
  /**
   * Set-if-absent with an expiry: true the first time a key is claimed within
   * `ttlMs`, false for every later claim (replays, retries, other instances).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Adds one to a counter that resets `windowMs` after its first hit and
   * resolves to the count in the current window (fixed-window rate limits).
   */
  hit(key: string, windowMs: number): Promise<number>;
  /** Resolves when the store answers; rejects with a reason otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
